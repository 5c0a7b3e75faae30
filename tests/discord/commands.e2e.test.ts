/**
 * End to end: the real discord.js client and the real app (keyword search over the real corpus) against the fake
 * Discord. Every payload the bot sends is checked against Discord's limits and for pings after each test.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { payloadText } from '../fake-discord/assertions.js';
import { DEFAULT_USERS } from '../fake-discord/server.js';
import type { SlashOption } from '../fake-discord/server.js';
import { checkAllPayloads, finalReply, startHarness } from './harness.js';
import type { Harness } from './harness.js';

const STRING = 3;
const INTEGER = 4;
const SUBCOMMAND = 1;
const EPHEMERAL = 64;
const LOTTERY = 'Stabilizing the Lottery Ticket Hypothesis';
const LOW_RANK = 'Low-rank lottery tickets: finding efficient low-rank neural networks via matrix differential equations';

const str = (name: string, value: string, focused = false): SlashOption => ({ name, type: STRING, value, ...(focused ? { focused } : {}) });
const int = (name: string, value: number): SlashOption => ({ name, type: INTEGER, value });

let h: Harness;
let checked = 0;

beforeAll(async () => {
  h = await startHarness();
}, 30_000);

afterEach(() => {
  checked = checkAllPayloads(h.fake, checked);
});

afterAll(async () => {
  expect(checked).toBeGreaterThan(20);
  await h?.stop();
});

function embedsOf(payload: Record<string, unknown>) {
  return (payload.embeds ?? []) as { title?: string; url?: string; description?: string; footer?: { text: string }; fields?: { name: string; value: string }[] }[];
}

function idOf(title: string): string {
  const paper = h.app.store.all().find((p) => p.title === title);
  if (!paper) throw new Error(`corpus has no "${title}"`);
  return paper.id;
}

describe('gateway session', () => {
  it('identifies with the Guilds and GuildMessages intents only, uncompressed', () => {
    const identify = h.fake.gatewayReceived.find((p) => p.op === 2)?.d as { intents: number; compress: boolean; token: string };
    expect(identify.intents).toBe(1 | 512); // no MessageContent (1 << 15)
    expect(identify.compress).toBe(false);
    expect(identify.token).toBe('fake-token');
  });
});

describe('/search', () => {
  it('answers with one embed per paper, linked, with quoted evidence and a footer naming the mode', async () => {
    const reply = await finalReply(h.fake, h.fake.sendCommand('search', [str('query', 'lottery ticket')]));
    const embeds = embedsOf(reply);
    expect(embeds.map((e) => e.title)).toEqual([`1. ${LOTTERY}`, `2. ${LOW_RANK}`]);
    expect(embeds[0]?.url).toBe(h.app.store.get(idOf(LOTTERY))?.url);
    expect(embeds[0]?.description).toMatch(/^> .*lottery ticket/i);
    expect(embeds[0]?.description).toContain('matched by keyword #1');
    expect(embeds.at(-1)?.footer?.text).toMatch(/^keyword .*results 1–2/);
    expect(reply.content).toContain('Results for “lottery ticket”');
  });

  it('pages with Next and Previous for the user who searched', async () => {
    const handle = h.fake.sendCommand('search', [str('query', 'neural networks'), int('limit', 2)]);
    const first = await finalReply(h.fake, handle);
    const message = h.fake.messageOf(handle);
    expect(h.fake.buttonOf(message, 'Previous')?.disabled).toBe(true);
    const next = h.fake.buttonOf(message, 'Next');
    expect(next?.disabled).toBe(false);

    const press = h.fake.clickButton(message!.id, next!.customId);
    const update = (await press.callback()).body as { type: number; data: Record<string, unknown> };
    expect(update.type).toBe(7); // the same message, updated in place
    const pageTwo = embedsOf(update.data).map((e) => e.title);
    expect(pageTwo).toHaveLength(2);
    expect(pageTwo[0]).toMatch(/^3\. /);
    expect(pageTwo).not.toContain(embedsOf(first)[0]?.title);
    expect(update.data.content).toContain('page 2');

    const previous = h.fake.buttonOf(h.fake.messages.get(message!.id), 'Previous');
    expect(previous?.disabled).toBe(false);
    const back = h.fake.clickButton(message!.id, previous!.customId);
    const again = (await back.callback()).body as { data: Record<string, unknown> };
    expect(embedsOf(again.data).map((e) => e.title)).toEqual(embedsOf(first).map((e) => e.title));
  });

  it('refuses buttons pressed by someone else, privately, and leaves the message alone', async () => {
    const handle = h.fake.sendCommand('search', [str('query', 'neural networks'), int('limit', 2)]);
    await finalReply(h.fake, handle);
    const message = h.fake.messageOf(handle)!;
    const before = JSON.stringify(message.embeds);
    const press = h.fake.clickButton(message.id, h.fake.buttonOf(message, 'Next')!.customId, DEFAULT_USERS.bob);
    const answer = (await press.callback()).body as { type: number; data: { content: string; flags: number } };
    expect(answer.type).toBe(4);
    expect(answer.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(answer.data.content).toMatch(/belong to whoever ran \/search/);
    expect(JSON.stringify(h.fake.messages.get(message.id)?.embeds)).toBe(before);
  });

  it('expires buttons: removes them and says to run the command again', async () => {
    const handle = h.fake.sendCommand('search', [str('query', 'neural networks'), int('limit', 2)]);
    await finalReply(h.fake, handle);
    const message = h.fake.messageOf(handle)!;
    h.clock.advance(16 * 60 * 1000);
    const press = h.fake.clickButton(message.id, h.fake.buttonOf(message, 'Next')!.customId);
    const update = (await press.callback()).body as { type: number; data: { components: unknown[] } };
    expect(update.type).toBe(7);
    expect(update.data.components).toEqual([]);
    const followUp = (await press.request('webhook-followup')).body as { content: string; flags: number };
    expect(followUp.content).toBe('This result expired. Run /search again.');
    expect(followUp.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(h.fake.messages.get(message.id)?.components).toEqual([]);
  });

  it('Summarize and Similar buttons answer about that result', async () => {
    const handle = h.fake.sendCommand('search', [str('query', 'lottery ticket')]);
    await finalReply(h.fake, handle);
    const message = h.fake.messageOf(handle)!;
    const summary = await finalReply(h.fake, h.fake.clickButton(message.id, h.fake.buttonOf(message, 'Summarize 1')!.customId));
    expect(embedsOf(summary)[0]?.title).toBe(LOTTERY);
    expect(embedsOf(summary)[0]?.description).toMatch(/^> /);
    const similar = await finalReply(h.fake, h.fake.clickButton(message.id, h.fake.buttonOf(message, 'Similar 2')!.customId));
    expect(embedsOf(similar)[0]?.title).toBe(`Papers like “${LOW_RANK}”`);
  });

  it('escapes the echoed query and cannot ping', async () => {
    const reply = await finalReply(h.fake, h.fake.sendCommand('search', [str('query', 'lottery **ticket** @everyone <@200000000000000002>')]));
    expect(reply.content).toContain('\\*\\*ticket\\*\\*');
    expect(reply.content).toContain('@\u200beveryone');
    expect(reply.content).not.toMatch(/<@\d/);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });

  it('rejects an over-long query with the limit, privately', async () => {
    const reply = await finalReply(h.fake, h.fake.sendCommand('search', [str('query', 'pruning '.repeat(120))]));
    expect(reply.flags).toBe(EPHEMERAL);
    expect(reply.content).toMatch(/`query` of \/search is too long: \d+ characters, at most 300/);
  });
});

describe('/ask', () => {
  it('quotes answering sentences and cites the papers by title', async () => {
    const reply = await finalReply(h.fake, h.fake.sendCommand('ask', [str('question', 'which papers cover pruning?')]));
    const [embed] = embedsOf(reply);
    expect(embed?.title).toBe('which papers cover pruning?');
    expect(embed?.description).toMatch(/^> /);
    const sources = embed?.fields?.find((f) => f.name === 'Sources')?.value ?? '';
    expect(sources).toContain(`[${LOTTERY}](`);
  });

  it('fits a question longer than an embed title', async () => {
    const question = `what do papers say about ${'very '.repeat(52)}deep networks?`;
    const reply = await finalReply(h.fake, h.fake.sendCommand('ask', [str('question', question)]));
    const title = embedsOf(reply)[0]?.title ?? '';
    expect(title.length).toBeLessThanOrEqual(256);
    expect(title.endsWith('…')).toBe(true);
  });
});

describe('/summarize', () => {
  it('summarizes one paper with quotes from its abstract', async () => {
    const reply = await finalReply(
      h.fake,
      h.fake.sendCommand('summarize', [{ name: 'paper', type: SUBCOMMAND, options: [str('paper', idOf(LOTTERY)), int('sentences', 2)] }]),
    );
    const [embed] = embedsOf(reply);
    expect(embed?.title).toBe(LOTTERY);
    expect(embed?.footer?.text).toMatch(/^summary · 2 sentences/);
    const abstract = h.app.store.get(idOf(LOTTERY))?.abstract ?? '';
    const quoted = (embed?.description ?? '').split('\n\n').map((q) => q.replace(/^> /, '').replace(/\\/g, ''));
    for (const sentence of quoted) expect(abstract).toContain(sentence);
  });

  it('summarizes a topic across papers, citing them', async () => {
    const reply = await finalReply(h.fake, h.fake.sendCommand('summarize', [{ name: 'topic', type: SUBCOMMAND, options: [str('topic', 'pruning')] }]));
    const [embed] = embedsOf(reply);
    expect(embed?.title).toBe('Topic: pruning');
    expect(embed?.fields?.find((f) => f.name === 'Sources')?.value).toContain(LOTTERY);
  });
});

describe('/compare', () => {
  it('defers for four papers, then edits in the comparison', async () => {
    const titles = h.app.store.all().slice(0, 4).map((p) => p.title);
    const handle = h.fake.sendCommand('compare', titles.map((t, i) => str(`paper_${'abcd'[i]}`, t)));
    const callback = (await handle.callback()).body as { type: number };
    expect(callback.type).toBe(5);
    const edit = (await handle.request('webhook-edit')).body as Record<string, unknown>;
    const [embed] = embedsOf(edit);
    expect(embed?.title).toBe('Comparing 4 papers');
    for (const title of titles) expect(embed?.description).toContain(title);
    expect(embed?.fields?.map((f) => f.name)).toEqual(expect.arrayContaining(['Problem', 'Method', 'Result', 'Pairwise similarity']));
  });

  it('answers two papers at once', async () => {
    const handle = h.fake.sendCommand('compare', [str('paper_a', LOTTERY), str('paper_b', LOW_RANK)]);
    expect(((await handle.callback()).body as { type: number }).type).toBe(4);
    expect(embedsOf(await finalReply(h.fake, handle))[0]?.title).toBe('Comparing 2 papers');
  });
});

describe('/similar and /paper', () => {
  it('/similar lists neighbours with scores and evidence', async () => {
    const reply = await finalReply(h.fake, h.fake.sendCommand('similar', [str('paper', idOf(LOTTERY)), int('limit', 3)]));
    const [embed] = embedsOf(reply);
    expect(embed?.title).toBe(`Papers like “${LOTTERY}”`);
    expect(embed?.description).toContain(`[${LOW_RANK}](`);
  });

  it('/paper shows the full abstract and link, with buttons', async () => {
    const handle = h.fake.sendCommand('paper', [str('paper', idOf(LOTTERY))]);
    const reply = await finalReply(h.fake, handle);
    const paper = h.app.store.get(idOf(LOTTERY))!;
    const [embed] = embedsOf(reply);
    expect(embed?.url).toBe(paper.url);
    expect(embed?.description?.replace(/\\/g, '')).toBe(paper.abstract.replace(/\s+/g, ' ').trim());
    expect(h.fake.buttonOf(h.fake.messageOf(handle), 'Summarize')).toBeDefined();
  });

  it('an unknown paper gets a private message saying nothing matches', async () => {
    const reply = await finalReply(h.fake, h.fake.sendCommand('paper', [str('paper', 'zzzz qqqq')]));
    expect(reply.flags).toBe(EPHEMERAL);
    expect(reply.content).toBe('No paper in the corpus matches “zzzz qqqq”. Try a few words of its title.');
  });

  it('an ambiguous paper lists the candidates', async () => {
    const reply = await finalReply(h.fake, h.fake.sendCommand('similar', [str('paper', 'lottery')]));
    expect(reply.flags).toBe(EPHEMERAL);
    expect(reply.content).toContain('matches several papers');
    expect(reply.content).toContain(`• ${LOTTERY}`);
    expect(reply.content).toContain(`• ${LOW_RANK}`);
  });
});

describe('/about', () => {
  it('reports corpus size, semantic status with the reason, version and uptime', async () => {
    h.clock.advance(90 * 60 * 1000);
    const reply = await finalReply(h.fake, h.fake.sendCommand('about'));
    const fields = Object.fromEntries((embedsOf(reply)[0]?.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields.Corpus).toBe(`${h.app.store.size} papers`);
    expect(fields['Semantic search']).toMatch(/^off — /);
    expect(fields.Model).toBe(h.app.status().semantic.modelId.replace(/_/g, '\\_'));
    expect(fields.Version).toBe(h.app.status().version);
    expect(fields.Uptime).toMatch(/^\d+ h \d+ min$/);
    expect(fields.Commands).toContain('/search');
  });
});

describe('autocomplete', () => {
  it('suggests paper titles for a paper option, within Discord limits', async () => {
    const handle = h.fake.sendAutocomplete('paper', [str('paper', 'lottery', true)]);
    const body = (await handle.callback()).body as { type: number; data: { choices: { name: string; value: string }[] } };
    expect(body.type).toBe(8);
    expect(body.data.choices.map((c) => c.name)).toEqual(expect.arrayContaining([LOTTERY]));
    expect(body.data.choices.length).toBeLessThanOrEqual(25);
    for (const choice of body.data.choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
      expect(h.app.store.get(choice.value)).toBeDefined();
    }
  });

  it('works for the third paper of /compare and for /summarize paper', async () => {
    const compare = h.fake.sendAutocomplete('compare', [str('paper_a', LOTTERY), str('paper_c', 'low-rank', true)]);
    const a = (await compare.callback()).body as { data: { choices: { name: string }[] } };
    expect(a.data.choices[0]?.name.startsWith('Low-rank lottery tickets')).toBe(true);
    expect(a.data.choices[0]?.name.length).toBeLessThanOrEqual(100);
    const summarize = h.fake.sendAutocomplete('summarize', [{ name: 'paper', type: SUBCOMMAND, options: [str('paper', 'stabiliz', true)] }]);
    const b = (await summarize.callback()).body as { data: { choices: { name: string }[] } };
    expect(b.data.choices[0]?.name).toBe(LOTTERY);
  });
});

describe('mentions', () => {
  it('answers "@Paper Scout <question>" as a reply without pinging the author', async () => {
    const question = h.fake.sendMessage(`<@${h.fake.bot.id}> which papers cover pruning?`);
    const sent = await h.fake.waitForRequest((r) => r.kind === 'channel-message');
    const body = sent.body as Record<string, unknown>;
    expect(body.message_reference).toMatchObject({ message_id: question.id });
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(payloadText(body)).toContain(LOTTERY);
  });

  it('ignores messages that do not mention the bot, and hints when the mention has no question', async () => {
    const before = h.fake.requests.filter((r) => r.kind === 'channel-message').length;
    h.fake.sendMessage('which papers cover pruning?');
    const empty = h.fake.sendMessage(`<@${h.fake.bot.id}>`);
    const sent = await h.fake.waitForRequest(
      (r) => r.kind === 'channel-message' && (r.body as { message_reference?: { message_id?: string } }).message_reference?.message_id === empty.id,
    );
    expect((sent.body as { content: string }).content).toMatch(/^Ask me a research question after the mention/);
    expect(h.fake.requests.filter((r) => r.kind === 'channel-message')).toHaveLength(before + 1);
  });
});
