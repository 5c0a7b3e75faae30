/**
 * End to end: /add (against a fake arXiv API), the Save button and /reading-list (another user's click, export as an
 * attachment), and the "Related papers" message command, through the real discord.js client, the real app (keyword
 * search over the real corpus) and the state database, against the fake Discord.
 */
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { createRuntime, type FullRuntime } from '../../src/app/runtime.js';
import type { App } from '../../src/app/types.js';
import type { DigestService } from '../../src/digest/index.js';
import { createBot, type Bot } from '../../src/discord/bot.js';
import { createDigestPoster } from '../../src/discord/digest-embeds.js';
import { createLogger } from '../../src/shared/log.js';
import { createReadingList } from '../../src/reading-list/index.js';
import { openState, statePathFor } from '../../src/state/index.js';
import { payloadText } from '../fake-discord/assertions.js';
import { DEFAULT_USERS, startFakeDiscord, type FakeDiscord, type FakeMessage, type InteractionHandle, type SlashOption } from '../fake-discord/server.js';
import { startFakeArxiv, type FakeArxivApi } from '../arxiv/arxiv-server.js';
import { fakeClock } from '../state/helpers.js';
import { trendingPapers } from '../trends/dated-papers.js';
import { pngSize } from '../trends/png.js';
import { checkAllPayloads, finalReply, REPO_ROOT, testEnv } from './harness.js';

const STRING = 3;
const SUBCOMMAND = 1;
const EPHEMERAL = 64;
const LOTTERY = 'Stabilizing the Lottery Ticket Hypothesis';
const str = (name: string, value: string, focused = false): SlashOption => ({ name, type: STRING, value, ...(focused ? { focused } : {}) });
const sub = (name: string, options: SlashOption[] = []): SlashOption => ({ name, type: SUBCOMMAND, options });

interface Setup {
  fake: FakeDiscord;
  arxiv: FakeArxivApi;
  app: App;
  bot: Bot;
  digest: DigestService;
  runtime: FullRuntime;
  dataDir: string;
}

let s: Setup;
let checked = 0;

beforeAll(async () => {
  const fake = await startFakeDiscord();
  const arxiv = await startFakeArxiv({ keepOpen: true });
  const env = testEnv(fake, { ARXIV_API_URL: arxiv.url, INGEST_ON_START: 'false' });
  const config = loadConfig(env, REPO_ROOT);
  const logger = createLogger({ level: 'warn', write: () => undefined });
  const runtime = await createRuntime(config, { embedder: null, logger, clock: fakeClock('2026-03-06T06:00:00Z'), trendingSource: null, ingestEveryMs: 0, arxivIntervalMs: 0 });
  const { app, digest } = runtime;
  const bot = await createBot({ app, config, digest, adder: runtime.adder, readingList: runtime.readingList });
  await bot.start();
  s = { fake, arxiv, app, bot, digest, runtime, dataDir: env.DATA_DIR! };
}, 30_000);

afterEach(() => {
  checked = checkAllPayloads(s.fake, checked);
});

afterAll(async () => {
  await s?.bot.stop({ drainMs: 2000 });
  await s?.runtime.close();
  await s?.fake.close();
  await s?.arxiv.close();
});

/** The private follow-up or reply an interaction ended with. */
async function privateAnswer(handle: InteractionHandle): Promise<Record<string, unknown>> {
  const callback = (await handle.callback()).body as { type: number; data?: Record<string, unknown> };
  if (callback.type === 4 || callback.type === 7) return callback.data ?? {};
  return (await handle.request('webhook-followup')).body as Record<string, unknown>;
}

function idOf(title: string): string {
  const paper = s.app.store.all().find((p) => p.title === title);
  if (!paper) throw new Error(`corpus has no "${title}"`);
  return paper.id;
}

describe('/add', () => {
  it('adds an arXiv paper that /search then finds first, with a Save button', async () => {
    const before = s.app.store.size;
    const reply = await finalReply(s.fake, s.fake.sendCommand('add', [str('paper', 'https://arxiv.org/abs/1706.03762v7')]));
    expect(reply.content).toBe('Added “Attention Is All You Need” from arXiv; it is searchable now.');
    expect(payloadText(reply)).toContain('Ashish Vaswani');
    expect(s.app.store.size).toBe(before + 1);
    const search = await finalReply(s.fake, s.fake.sendCommand('search', [str('query', 'Attention Is All You Need')]));
    expect((search.embeds as { title: string }[])[0]?.title).toBe('1. Attention Is All You Need');
    // Kept in the state database: a restart restores it.
    expect(s.digest.state.papers.all().map((r) => r.paper.arxivId)).toContain('1706.03762');
  });

  it('answers privately and changes nothing for a bad id, an unknown paper and a down API', async () => {
    const size = s.app.store.size;
    const bad = await privateAnswer(s.fake.sendCommand('add', [str('paper', 'attention please')]));
    expect(bad.flags).toBe(EPHEMERAL);
    expect(bad.content).toMatch(/^That is not an arXiv id or link\. Use e\.g\. 1706\.03762/);
    const unknown = await privateAnswer(s.fake.sendCommand('add', [str('paper', '2601.99999')]));
    expect(unknown.content).toBe('arXiv has no paper 2601.99999. Check the id; nothing was added.');
    s.arxiv.behave({ status: 503 });
    const down = await privateAnswer(s.fake.sendCommand('add', [str('paper', '1903.01611')]));
    expect(down.content).toMatch(/^arXiv cannot be reached right now \(the arXiv API answered HTTP 503 .*\)\. Nothing was added; please try again later\.$/);
    s.arxiv.behave('fixtures');
    expect(s.app.store.size).toBe(size);
  });
});

describe('Save and /reading-list', () => {
  it("saves a search result for whoever clicks, and shows it in that user's list only", async () => {
    const handle = s.fake.sendCommand('search', [str('query', 'lottery ticket')], DEFAULT_USERS.alice);
    await finalReply(s.fake, handle);
    const message = s.fake.messageOf(handle)!;
    const save = s.fake.buttonOf(message, 'Save 1');
    expect(save).toBeDefined();
    const saved = await privateAnswer(s.fake.clickButton(message.id, save!.customId, DEFAULT_USERS.bob));
    expect(saved.flags).toBe(EPHEMERAL);
    expect(saved.content).toBe(`Saved “${LOTTERY}” to your reading list (1 paper). See it with /reading-list show.`);
    const again = await privateAnswer(s.fake.clickButton(message.id, save!.customId, DEFAULT_USERS.bob));
    expect(again.content).toBe(`“${LOTTERY}” is already on your reading list (1 paper).`);

    const bobs = await privateAnswer(s.fake.sendCommand('reading-list', [sub('show')], DEFAULT_USERS.bob));
    expect(bobs.flags).toBe(EPHEMERAL);
    expect(payloadText(bobs)).toContain(LOTTERY);
    const alices = await privateAnswer(s.fake.sendCommand('reading-list', [sub('show')], DEFAULT_USERS.alice));
    expect(alices.content).toMatch(/^Your reading list is empty\./);
  });

  it('saves from /paper, /similar and a digest post; the digest button works for anyone', async () => {
    const user = { id: '200000000000000009', username: 'carol' };
    const paper = s.fake.sendCommand('paper', [str('paper', idOf(LOTTERY))], user);
    await finalReply(s.fake, paper);
    const paperMessage = s.fake.messageOf(paper)!;
    await privateAnswer(s.fake.clickButton(paperMessage.id, s.fake.buttonOf(paperMessage, 'Save')!.customId, user));
    const similar = s.fake.sendCommand('similar', [str('paper', idOf(LOTTERY))], user);
    await finalReply(s.fake, similar);
    const similarMessage = s.fake.messageOf(similar)!;
    await privateAnswer(s.fake.clickButton(similarMessage.id, s.fake.buttonOf(similarMessage, 'Save 1')!.customId, user));

    const [part] = await s.digest.preview(s.fake.guildId);
    expect(part).toBeDefined();
    await createDigestPoster(s.bot.client)(s.fake.channelId, part!);
    const post = s.fake.lastMessageWithButtons() as FakeMessage;
    expect(post.channel_id).toBe(s.fake.channelId);
    const fromDigest = await privateAnswer(s.fake.clickButton(post.id, s.fake.buttonOf(post, 'Save 1')!.customId, user));
    expect(fromDigest.content).toMatch(/^Saved “.+” to your reading list \(3 papers\)/);
    expect(s.digest.state.readingList.count(user.id)).toBe(3);
  });

  it('exports the list as a BibTeX attachment that parses, with the arXiv id as key and eprint', async () => {
    const user = { id: '200000000000000010', username: 'dave' };
    const add = s.fake.sendCommand('add', [str('paper', '1706.03762')], user);
    await finalReply(s.fake, add);
    const message = s.fake.messageOf(add)!;
    await privateAnswer(s.fake.clickButton(message.id, s.fake.buttonOf(message, 'Save')!.customId, user));
    const search = s.fake.sendCommand('search', [str('query', 'lottery ticket')], user);
    await finalReply(s.fake, search);
    const results = s.fake.messageOf(search)!;
    await privateAnswer(s.fake.clickButton(results.id, s.fake.buttonOf(results, 'Save 1')!.customId, user));

    const handle = s.fake.sendCommand('reading-list', [sub('export', [str('format', 'bibtex')])], user);
    const callback = await handle.callback();
    const body = callback.body as { type: number; data: Record<string, unknown> };
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(body.data.content).toBe('Your reading list as BibTeX (2 papers).');
    expect(callback.files?.map((f) => f.name)).toEqual(['reading-list.bib']);
    const bib = callback.files![0]!.data.toString('utf8');
    const parsed = parseBibtex(bib);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => e.key)).toContain('arXiv:1706.03762');
    const attention = parsed.entries.find((e) => e.key === 'arXiv:1706.03762')!;
    expect(attention.fields).toMatchObject({ eprint: '1706.03762', archiveprefix: 'arXiv', year: '2017' });

    const markdown = s.fake.sendCommand('reading-list', [sub('export', [str('format', 'markdown')])], user);
    const md = (await markdown.callback()).files![0]!;
    expect(md.name).toBe('reading-list.md');
    expect(md.data.toString('utf8')).toContain('- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) — Ashish Vaswani, Noam Shazeer, Niki Parmar et al. · 2017 · arXiv:1706.03762');
  });

  it('suggests saved papers for remove and removes the chosen one', async () => {
    const user = { id: '200000000000000011', username: 'erin' };
    const paper = s.fake.sendCommand('paper', [str('paper', idOf(LOTTERY))], user);
    await finalReply(s.fake, paper);
    const message = s.fake.messageOf(paper)!;
    await privateAnswer(s.fake.clickButton(message.id, s.fake.buttonOf(message, 'Save')!.customId, user));
    const suggest = s.fake.sendAutocomplete('reading-list', [sub('remove', [str('paper', 'lottery', true)])], user);
    const choices = ((await suggest.callback()).body as { data: { choices: { name: string; value: string }[] } }).data.choices;
    expect(choices.map((c) => c.name)).toEqual([LOTTERY]);
    const removed = await privateAnswer(s.fake.sendCommand('reading-list', [sub('remove', [str('paper', choices[0]!.value)])], user));
    expect(removed.content).toBe(`Removed “${LOTTERY}” from your reading list (0 papers left).`);
    const empty = await privateAnswer(s.fake.sendCommand('reading-list', [sub('export', [str('format', 'bibtex')])], user));
    expect(empty.content).toMatch(/^Your reading list is empty\./);
  });

  it('pages a long list with Previous and Next, for its owner only', async () => {
    const user = { id: '200000000000000012', username: 'frank' };
    for (const paper of s.app.store.all().slice(0, 12)) s.runtime.readingList.save(user.id, paper);
    const handle = s.fake.sendCommand('reading-list', [sub('show')], user);
    const first = await privateAnswer(handle);
    expect((first.embeds as { title: string; footer: { text: string } }[])[0]).toMatchObject({ title: 'Your reading list · 12 papers' });
    expect((first.embeds as { footer: { text: string } }[])[0]!.footer.text).toMatch(/^page 1 of 2/);
    const message = s.fake.messageOf(handle)!;
    const refused = await privateAnswer(s.fake.clickButton(message.id, s.fake.buttonOf(message, 'Next')!.customId, DEFAULT_USERS.bob));
    expect(refused.content).toMatch(/^These buttons belong to whoever ran \/reading-list/);
    const next = ((await s.fake.clickButton(message.id, s.fake.buttonOf(message, 'Next')!.customId, user).callback()).body as { type: number; data: Record<string, unknown> });
    expect(next.type).toBe(7);
    const description = (next.data.embeds as { description: string; footer: { text: string } }[])[0]!;
    expect(description.description).toMatch(/^\*\*11\.\*\* /);
    expect(description.footer.text).toMatch(/^page 2 of 2/);
  });

  it('keeps reading lists in the state database across restarts', () => {
    const state = openState(statePathFor(s.dataDir), { clock: fakeClock('2026-03-07T00:00:00Z'), logger: createLogger({ level: 'error', write: () => undefined }) });
    try {
      const list = createReadingList({ state, store: s.app.store });
      expect(list.page(DEFAULT_USERS.bob.id, 0, 10).entries.map((e) => e.paper.title)).toEqual([LOTTERY]);
    } finally {
      state.close();
    }
  });
});

describe('Related papers (message command)', () => {
  it('answers privately with pruning papers and their evidence for a message about pruning', async () => {
    const message = s.fake.sendMessage('Has anyone tried pruning neural networks early in training? Sparse subnetworks seem to train fine.');
    const reply = await privateAnswer(s.fake.sendMessageCommand('Related papers', message, DEFAULT_USERS.bob));
    expect(reply.flags).toBe(EPHEMERAL);
    const text = payloadText(reply);
    expect(text).toContain(LOTTERY);
    expect(text).toMatch(/> .*prun/i);
    expect(s.fake.buttonOf(reply as FakeMessage, 'Save 1')).toBeDefined();
  });

  it('shows a known paper the message links to first', async () => {
    const message = s.fake.sendMessage('Worth reading: https://arxiv.org/abs/1706.03762 — how does it compare with pruning?');
    const reply = await privateAnswer(s.fake.sendMessageCommand('Related papers', message));
    const description = (reply.embeds as { description: string }[])[0]!.description;
    expect(description).toMatch(/^\*\*1\.\*\* \[Attention Is All You Need\]\(https:\/\/arxiv\.org\/abs\/1706\.03762\) · linked in the message/);
    expect(description).toContain('**2.**');
    expect(reply.content ?? '').toBe('');
  });

  it('suggests /add for a linked arXiv paper the corpus lacks', async () => {
    const message = s.fake.sendMessage('New pruning result: https://arxiv.org/abs/2601.00042');
    const reply = await privateAnswer(s.fake.sendMessageCommand('Related papers', message));
    expect(reply.content).toBe('arXiv 2601.00042 is not in the corpus yet: /add it to include it.');
    expect(payloadText(reply)).toContain(LOTTERY);
  });

  it('says so when the message has no text', async () => {
    const message = s.fake.sendMessage('   ');
    const reply = await privateAnswer(s.fake.sendMessageCommand('Related papers', message));
    expect(reply).toMatchObject({ flags: EPHEMERAL, content: 'That message has no text to find papers for.' });
  });
});

describe('/trends', () => {
  it('says there is too little dated data, privately, before any dated papers arrive', async () => {
    const reply = await privateAnswer(s.fake.sendCommand('trends'));
    expect(reply.flags).toBe(EPHEMERAL);
    expect(reply.content).toMatch(/^Not enough dated papers for trends: 0 in the last 7 days and 0 in the 7 before/);
  });

  it('attaches a PNG chart and lists rising terms once dated papers are ingested', async () => {
    await s.digest.ingestPapers(trendingPapers(s.app.clock.now()), 'file:dated.json');
    const handle = s.fake.sendCommand('trends', [str('topic', 'diffusion models'), { name: 'days', type: 4, value: 7 }]);
    const reply = await finalReply(s.fake, handle);
    const embed = (reply.embeds as { title: string; description: string; image?: { url: string }; fields: { name: string; value: string }[] }[])[0]!;
    expect(embed.title).toBe('Rising in the last 7 days (against the 7 before)');
    expect(embed.description).toMatch(/diffusion models · 0 → 14 papers · z \d\.\d/);
    expect(embed.image?.url).toBe('attachment://trends.png');
    expect(embed.fields.map((f) => f.name)).toEqual(['Papers per day (14 days)', '“diffusion models” per day']);
    const edit = await handle.request('webhook-edit');
    expect(edit.files?.map((f) => [f.name, f.contentType])).toEqual([['trends.png', 'image/png']]);
    expect(pngSize(edit.files![0]!.data)).toEqual({ width: 960, height: 540 });
  });
});
