/**
 * End to end: the daily digest and subscriptions through the real discord.js client, the real app (keyword search
 * over the real corpus) and the digest service, against the fake Discord and a fake Hugging Face API.
 * Time is a fake clock; the scheduler is driven by `tick()`, never by real timers.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/types.js';
import { loadConfig } from '../../src/app/config.js';
import { createRuntime, type FullRuntime } from '../../src/app/runtime.js';
import { planDigest, splitDigest, type DigestService } from '../../src/digest/index.js';
import { createBot, type Bot } from '../../src/discord/bot.js';
import type { CommandContext, CommandInvocation } from '../../src/discord/command.js';
import { createDigestPoster, createDmNotifier, digestMessagePayload, renderDigestEmbeds } from '../../src/discord/digest-embeds.js';
import { UserFacingError } from '../../src/discord/errors.js';
import { classifyPostError } from '../../src/discord/post-errors.js';
import { createLogger } from '../../src/shared/log.js';
import type { NotifyUser } from '../../src/subscriptions/index.js';
import digestCommand from '../../commands/digest.js';
import { DEFAULT_USERS, startFakeDiscord, type FakeDiscord, type SlashOption } from '../fake-discord/server.js';
import { fakeClock, type FakeClock } from '../state/helpers.js';
import { startFakeHfApi, type FakeHfApi } from '../trending/hf-server.js';
import { checkAllPayloads, finalReply, REPO_ROOT, testEnv } from './harness.js';

const STRING = 3;
const INTEGER = 4;
const CHANNEL = 7;
const SUBCOMMAND = 1;
const EPHEMERAL = 64;
const sub = (name: string, options: SlashOption[] = []): SlashOption => ({ name, type: SUBCOMMAND, options });
const str = (name: string, value: string): SlashOption => ({ name, type: STRING, value });
const int = (name: string, value: number): SlashOption => ({ name, type: INTEGER, value });
const channel = (value: string): SlashOption => ({ name: 'channel', type: CHANNEL, value });

interface Setup {
  fake: FakeDiscord;
  hf: FakeHfApi;
  runtime: FullRuntime;
  app: App;
  bot: Bot;
  service: DigestService;
  clock: FakeClock;
  logs: string[];
}

let s: Setup;
let checked = 0;

beforeAll(async () => {
  const fake = await startFakeDiscord();
  const hf = await startFakeHfApi({ keepOpen: true });
  hf.behave({ status: 503 }); // nothing ingested at start; tests ingest explicitly
  const config = loadConfig(testEnv(fake, { HF_API_URL: hf.url }), REPO_ROOT);
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const clock = fakeClock('2026-03-06T06:00:00Z');
  const runtime = await createRuntime(config, {
    embedder: null,
    logger,
    clock,
    scheduler: { timers: { setTimeout: () => 0, clearTimeout: () => undefined } },
    ingestEveryMs: 0,
  });
  const { app, digest: service } = runtime;
  const bot = await createBot({ app, config, digest: service });
  await bot.start();
  const dm = createDmNotifier(bot.client);
  // Bob's DMs are closed, as Discord reports it.
  const notify: NotifyUser = async (userId, notice) => {
    if (userId === DEFAULT_USERS.bob.id) throw Object.assign(new Error('Cannot send messages to this user'), { code: 50007, status: 403 });
    await dm(userId, notice);
  };
  service.start({ post: createDigestPoster(bot.client), classifyError: classifyPostError, notify });
  await service.startupIngest;
  hf.behave('fixtures');
  s = { fake, hf, runtime, app, bot, service, clock, logs };
}, 30_000);

afterEach(() => {
  checked = checkAllPayloads(s.fake, checked);
});

afterAll(async () => {
  await s?.service.close();
  await s?.bot.stop({ drainMs: 2000 });
  await s?.fake.close();
  await s?.runtime.close();
  await s?.hf.close();
});

type Embed = { title?: string; url?: string; description?: string; footer?: { text: string } };
const embedsOf = (payload: Record<string, unknown>) => (payload.embeds ?? []) as Embed[];
const channelPosts = (channelId: string) =>
  s.fake.requests.filter((r) => r.kind === 'channel-message' && r.path === `/channels/${channelId}/messages`).map((r) => r.body as Record<string, unknown>);

describe('/digest', () => {
  it('sets this channel, a local time and a count; each reply is private and shows the status', async () => {
    let reply = await finalReply(s.fake, s.fake.sendCommand('digest', [sub('channel')]));
    expect(reply.flags).toBe(EPHEMERAL);
    expect(embedsOf(reply)[0]!.description).toContain(`The digest will be posted in <#${s.fake.channelId}>.`);
    reply = await finalReply(s.fake, s.fake.sendCommand('digest', [sub('time', [str('time', '9:00'), str('timezone', 'Europe/Berlin')])]));
    expect(embedsOf(reply)[0]!.description).toContain('The digest will be posted at 09:00 (Europe/Berlin).');
    // 06:00Z is 07:00 in Berlin: today's 09:00 is still ahead.
    expect(embedsOf(reply)[0]!.description).toContain(`Next post: <t:${Date.parse('2026-03-06T08:00:00Z') / 1000}:F>`);
    reply = await finalReply(s.fake, s.fake.sendCommand('digest', [sub('count', [int('count', 3)])]));
    expect(embedsOf(reply)[0]!.description).toContain('Time: 09:00 Europe/Berlin · 3 papers');
  });

  it('takes a picked announcement channel; refuses one the bot cannot post in, a voice channel and an unknown one', async () => {
    const { announcements, readOnly, voice } = s.fake.extraChannels;
    let reply = await finalReply(s.fake, s.fake.sendCommand('digest', [sub('channel', [channel(announcements)])]));
    expect(embedsOf(reply)[0]!.description).toContain(`The digest will be posted in <#${announcements}>.`);
    expect(s.service.settings.get(s.fake.guildId).channelId).toBe(announcements);

    reply = await finalReply(s.fake, s.fake.sendCommand('digest', [sub('channel', [channel(readOnly)])]));
    expect(reply.flags).toBe(EPHEMERAL);
    expect(String(reply.content)).toBe(
      `Not changed: I cannot post in <#${readOnly}>: I lack Send Messages there. Give me it in the channel settings, or pick another channel.`,
    );
    reply = await finalReply(s.fake, s.fake.sendCommand('digest', [sub('channel', [channel(voice)])]));
    expect(String(reply.content)).toBe(`Not changed: <#${voice}> is not a text or announcement channel. Pick one of those.`);
    reply = await finalReply(s.fake, s.fake.sendCommand('digest', [sub('channel', [channel('999999999999999998')])]));
    expect(String(reply.content)).toMatch(/^Not changed: I cannot see <#999999999999999998>/);
    expect(s.service.settings.get(s.fake.guildId).channelId).toBe(announcements);

    reply = await finalReply(s.fake, s.fake.sendCommand('digest', [sub('channel')]));
    expect(embedsOf(reply)[0]!.description).toContain(`The digest will be posted in <#${s.fake.channelId}>.`);
  });

  it('rejects an invalid time zone with a message, changing nothing', async () => {
    const reply = await finalReply(s.fake, s.fake.sendCommand('digest', [sub('time', [str('time', '10:00'), str('timezone', 'Berlin')])]));
    expect(String(reply.content)).toMatch(/Not changed: "Berlin" is not a time zone/);
    expect(s.service.settings.get(s.fake.guildId)).toMatchObject({ time: '09:00', timeZone: 'Europe/Berlin' });
  });

  it('previews privately without posting', async () => {
    const before = channelPosts(s.fake.channelId).length;
    const reply = await finalReply(s.fake, s.fake.sendCommand('digest', [sub('preview')]));
    expect(reply.flags).toBe(EPHEMERAL);
    expect(embedsOf(reply).map((e) => e.title)).toEqual([
      'Trending papers for 2026-03-06',
      '1. Speculative Decoding with Draft Trees for Long-Context Language Models',
      '2. Diffusion Policies for Dexterous Robot Manipulation from Few Demonstrations',
      '3. Low-Rank Quantization-Aware Fine-Tuning of Vision Transformers',
    ]);
    expect(channelPosts(s.fake.channelId)).toHaveLength(before);
    expect(s.service.status(s.fake.guildId).recent).toEqual([]);
  });

  it('posts at 09:00 Berlin time: header plus one linked embed per paper, with upvotes, topic and a nonce', async () => {
    s.clock.set('2026-03-06T07:59:00Z');
    await s.service.tick();
    expect(channelPosts(s.fake.channelId)).toHaveLength(0);
    s.clock.set('2026-03-06T08:00:00Z');
    await s.service.tick();
    const posts = channelPosts(s.fake.channelId);
    expect(posts).toHaveLength(1);
    const embeds = embedsOf(posts[0]!);
    expect(embeds[0]).toMatchObject({ title: 'Trending papers for 2026-03-06', description: 'The top 3 papers on Hugging Face daily papers, by upvotes.' });
    expect(embeds[1]).toMatchObject({
      url: 'https://arxiv.org/abs/2603.04512',
      footer: { text: '▲ 87 upvotes · Language models · arXiv 2603.04512' },
    });
    expect(embeds[1]!.description).toMatch(/^We propose DraftTree, a speculative decoding method/);
    expect(posts[0]).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(String(posts[0]!.nonce)).toMatch(/^[0-9a-f]{25}$/);
    // The paper posted is searchable: it was ingested before posting.
    expect((await s.app.search('draft tree speculative decoding', { mode: 'keyword' })).results[0]?.paper.arxivId).toBe('2603.04512');
    const status = await finalReply(s.fake, s.fake.sendCommand('digest', [sub('status')]));
    expect(embedsOf(status)[0]!.description).toContain('• 2026-03-06: posted (3/3 papers)');
  });

  it('marks a post to a channel Discord does not know as failed once, reports it, and does not retry', async () => {
    const unknown = '999999999999999999';
    // The channel was set while it existed, then deleted.
    s.service.settings.setChannel(s.fake.guildId, unknown);
    s.clock.set('2026-03-07T08:00:00Z');
    await s.service.tick();
    s.clock.set('2026-03-07T12:00:00Z');
    await s.service.tick();
    expect(s.fake.requests.filter((r) => r.path === `/channels/${unknown}`)).toHaveLength(1);
    expect(channelPosts(unknown)).toEqual([]);
    const status = await finalReply(s.fake, s.fake.sendCommand('digest', [sub('status')]));
    expect(embedsOf(status)[0]!.description).toMatch(/• 2026-03-07: FAILED \(0\/3 papers\) — .*HTTP 404/);
    expect(s.logs.filter((l) => l.startsWith('error: digest: run') && l.includes(unknown))).toHaveLength(1);
    await finalReply(s.fake, s.fake.sendCommand('digest', [sub('channel')]));
  });

  it('turns off', async () => {
    const reply = await finalReply(s.fake, s.fake.sendCommand('digest', [sub('off')]));
    expect(embedsOf(reply)[0]!.description).toContain('Daily digest: **off**');
    expect(s.service.status(s.fake.guildId).nextRunAt).toBeNull();
  });
});

describe('/subscribe, /subscriptions, /unsubscribe', () => {
  it('DMs a subscriber when a newly ingested paper matches; closed DMs leave it pending for /subscriptions', async () => {
    let reply = await finalReply(s.fake, s.fake.sendCommand('subscribe', [str('topic', 'graph rewiring heterophily')]));
    expect(reply.flags).toBe(EPHEMERAL);
    expect(String(reply.content)).toContain('Subscribed to “graph rewiring heterophily” (match score at least 35%).');
    await finalReply(s.fake, s.fake.sendCommand('subscribe', [str('topic', 'graph rewiring'), int('threshold', 20)], DEFAULT_USERS.bob));

    // 2026-03-06 was ingested by the digest; the next day's list brings one new paper.
    s.hf.behave({
      body: [
        {
          paper: {
            id: '2603.06001',
            title: 'Graph Rewiring for Heterophily at Scale',
            summary: 'We propose a graph rewiring method for heterophily that scales to billion-edge graphs.',
            authors: [{ name: 'Ana Ruiz' }],
            upvotes: 5,
            publishedAt: '2026-03-07T09:00:00.000Z',
          },
        },
      ],
    });
    await s.service.ingestDay('2026-03-07');
    s.hf.behave('fixtures');

    const dm = await s.fake.waitForRequest((r) => r.kind === 'dm-channel');
    expect(dm.body).toEqual({ recipient_id: DEFAULT_USERS.alice.id });
    const dmMessage = s.fake.requests.filter((r) => r.kind === 'channel-message' && r.path !== `/channels/${s.fake.channelId}/messages`).at(-1)!;
    expect(String((dmMessage.body as { content: string }).content)).toContain('New paper for your subscription “graph rewiring heterophily”:\n• [Graph Rewiring for Heterophily at Scale](<https://arxiv.org/abs/2603.06001>)');

    reply = await finalReply(s.fake, s.fake.sendCommand('subscriptions', [], DEFAULT_USERS.bob));
    expect(String(reply.content)).toContain('• “graph rewiring” (threshold 0.20)');
    expect(String(reply.content)).toContain('Matches I could not send you by DM (1):\n• [Graph Rewiring for Heterophily at Scale]');
    reply = await finalReply(s.fake, s.fake.sendCommand('subscriptions', [], DEFAULT_USERS.bob));
    expect(String(reply.content)).not.toContain('could not send');
  });

  it('suggests your topics when unsubscribing and removes one', async () => {
    const handle = s.fake.sendAutocomplete('unsubscribe', [{ name: 'topic', type: STRING, value: 'graph', focused: true }]);
    const callback = await handle.callback();
    expect((callback.body as { data: { choices: unknown[] } }).data.choices).toEqual([{ name: 'graph rewiring heterophily', value: 'graph rewiring heterophily' }]);
    const reply = await finalReply(s.fake, s.fake.sendCommand('unsubscribe', [str('topic', 'Graph Rewiring Heterophily')]));
    expect(String(reply.content)).toBe('Unsubscribed from “Graph Rewiring Heterophily”.');
    const again = await finalReply(s.fake, s.fake.sendCommand('unsubscribe', []));
    expect(String(again.content)).toBe('You follow no topic in this server.');
  });
});

describe('/digest permission check', () => {
  it('refuses changes to a member without Manage Server, but shows the status', async () => {
    const respond: unknown[] = [];
    const invocation = {
      commandName: 'digest',
      user: { id: '1', username: 'member' },
      options: { data: [{ name: 'off', type: SUBCOMMAND, options: [] }] },
      guildId: s.fake.guildId,
      channelId: s.fake.channelId,
      memberPermissions: { has: () => false },
    } as unknown as CommandInvocation;
    const ctx = { digest: s.service, respond: async (r: unknown) => void respond.push(r) } as unknown as CommandContext;
    await expect(digestCommand.execute(invocation, ctx)).rejects.toThrow(UserFacingError);
    await expect(digestCommand.execute(invocation, ctx)).rejects.toThrow(/needs the Manage Server permission/);
    const statusInvocation = { ...invocation, options: { data: [{ name: 'status', type: SUBCOMMAND, options: [] }] } } as unknown as CommandInvocation;
    await digestCommand.execute(statusInvocation, ctx);
    expect(respond).toHaveLength(1);
    expect(digestCommand.data.toJSON().default_member_permissions).toBe('32'); // ManageGuild
  });

  it('registers the channel as a Channel option offering text and announcement channels only', () => {
    const json = digestCommand.data.toJSON();
    const channelSub = json.options?.find((o) => o.name === 'channel') as { options?: { name: string; type: number; channel_types?: number[] }[] };
    expect(channelSub.options?.[0]).toMatchObject({ name: 'channel', type: CHANNEL, channel_types: [0, 5] });
  });
});

describe('renderDigestEmbeds', () => {
  it('keeps a digest of long titles and extracts within Discord’s limits, numbering across parts', () => {
    const long = 'Word '.repeat(400).trim();
    const items = Array.from({ length: 7 }, (_, i) => ({
      paper: { id: `p${i}`, title: `${long} ${i}`, abstract: long, authors: [], url: `https://arxiv.org/abs/2603.0000${i}`, arxivId: `2603.0000${i}`, source: 's' },
      upvotes: 1,
      extract: `${long}.`,
      topic: 'Language models',
    }));
    const plan = planDigest({ date: '2026-03-06', items, origin: 'trending', fallback: false });
    const [first, second] = splitDigest(plan, 'g@slot');
    const one = renderDigestEmbeds(first!);
    const two = renderDigestEmbeds(second!);
    expect(one).toHaveLength(6);
    expect(two).toHaveLength(2);
    expect(two[0]!.title).toMatch(/^6\. Word/);
    expect(two[0]!.footer?.text).toBe('▲ 1 upvote · Language models · arXiv 2603.00005 · part 2 of 2');
    for (const embeds of [one, two]) {
      const total = embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0), 0);
      expect(total).toBeLessThanOrEqual(6000);
      for (const e of embeds) expect(e.title!.length).toBeLessThanOrEqual(256);
    }
    expect(digestMessagePayload(first!)).toMatchObject({ nonce: first!.idempotencyKey, enforceNonce: true });
  });

  it('refuses more papers than one message can carry', () => {
    const item = { paper: { id: 'p', title: 'T', abstract: 'A.', authors: [], url: 'https://example.org', source: 's' }, extract: 'A.' };
    const plan = planDigest({ date: '2026-03-06', items: Array.from({ length: 10 }, () => item), origin: 'corpus', fallback: true, reason: 'r' });
    expect(() => renderDigestEmbeds(splitDigest(plan, 'x', 10)[0]!)).toThrow(/at most 9 papers/);
  });
});
