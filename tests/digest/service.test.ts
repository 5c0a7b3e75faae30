import { describe, expect, it } from 'vitest';
import type { DigestMessage } from '../../src/digest/index.js';
import { classifyPostError } from '../../src/discord/post-errors.js';
import { statePathFor } from '../../src/state/index.js';
import type { SubscriptionNotice } from '../../src/subscriptions/index.js';
import { captureLogger, fakeClock, tempDir } from '../state/helpers.js';
import { createTestRuntime } from '../trending/app.js';
import { startFakeHfApi } from '../trending/hf-server.js';

async function boot(dataDir: string, apiUrl: string, clock = fakeClock('2026-03-07T08:00:00Z')) {
  const logger = captureLogger();
  const runtime = await createTestRuntime({ dataDir, hfUrl: apiUrl, clock, logger });
  const { app, digest: service } = runtime;
  const posts: { channelId: string; message: DigestMessage }[] = [];
  const notices: SubscriptionNotice[] = [];
  return { runtime, app, service, clock, logger, posts, notices, post: async (channelId: string, message: DigestMessage) => void posts.push({ channelId, message }), notify: async (_u: string, n: SubscriptionNotice) => void notices.push(n) };
}

describe('createDigestService', () => {
  it('opens the state file under DATA_DIR, ingests recent trending papers on start and notifies subscribers', async () => {
    const dataDir = tempDir();
    const api = await startFakeHfApi();
    const { runtime, app, service, post, notify, notices } = await boot(dataDir, api.url);
    expect(service.state.path).toBe(statePathFor(dataDir));
    service.subscriptions.subscribe('alice', 'g', 'speculative decoding');
    service.start({ post, classifyError: classifyPostError, notify });
    await service.startupIngest;
    expect(api.requests).toEqual(['/api/daily_papers?date=2026-03-06', '/api/daily_papers?date=2026-03-07']);
    const hits = await app.search('dexterous robot hand', { mode: 'keyword' });
    expect(hits.results[0]?.paper.arxivId).toBe('2603.05120');
    expect(notices.map((n) => [n.userId, n.hits.map((h) => h.paper.id)])).toEqual([['alice', ['2603.04512']]]);
    await runtime.close();
  });

  it('posts the scheduled digest with trending papers, then keeps ingested papers across a restart without the source', async () => {
    const dataDir = tempDir();
    const api = await startFakeHfApi();
    const first = await boot(dataDir, api.url);
    first.service.settings.setChannel('g', 'c');
    first.service.start({ post: first.post, classifyError: classifyPostError });
    await first.service.startupIngest;
    first.clock.set('2026-03-07T09:00:00Z');
    await first.service.tick();
    expect(first.posts).toHaveLength(1);
    const message = first.posts[0]!.message;
    expect(message.header).toMatchObject({ title: 'Trending papers for 2026-03-06', fallback: false });
    expect(message.header.description).toBe(
      'The top 5 papers on Hugging Face daily papers, by upvotes. Nothing new on the 2026-03-07 list yet, so these trended on 2026-03-06.',
    );
    expect(message.items.map((i) => i.upvotes)).toEqual([87, 54, 31, 23, 12]);
    expect(first.service.status('g').recent[0]).toMatchObject({ status: 'posted', posted: 5, planned: 5 });
    await first.runtime.close();

    api.behave({ status: 503 });
    const second = await boot(dataDir, api.url, fakeClock('2026-03-08T08:00:00Z'));
    const hits = await second.app.search('speculative decoding draft tree', { mode: 'keyword' });
    expect(hits.results[0]?.paper.arxivId).toBe('2603.04512');
    // The next digest cannot reach the source: corpus papers stand in, none of yesterday's are repeated.
    second.service.start({ post: second.post, classifyError: classifyPostError });
    await second.service.startupIngest;
    second.clock.set('2026-03-08T09:00:00Z');
    await second.service.tick();
    const fallback = second.posts[0]!.message;
    expect(fallback.header.fallback).toBe(true);
    expect(fallback.header.description).toMatch(/^Hugging Face daily papers could not be reached \(GET .*HTTP 503.*\), so these are the best corpus papers not posted here yet\.$/);
    const postedBefore = new Set(message.items.map((i) => i.paper.id));
    expect(fallback.items.some((i) => postedBefore.has(i.paper.id))).toBe(false);
    expect(second.logger.lines.some((l) => l.includes('trending papers of 2026-03-08 unavailable'))).toBe(true);
    await second.runtime.close();
  });

  it('previews a guild’s digest without recording anything as posted', async () => {
    const dataDir = tempDir();
    const api = await startFakeHfApi();
    const { runtime, service } = await boot(dataDir, api.url, fakeClock('2026-03-06T20:00:00Z'));
    service.settings.setChannel('g', 'c');
    service.settings.setCount('g', 2);
    const preview = await service.preview('g');
    expect(preview.map((m) => m.items.map((i) => i.paper.id))).toEqual([['2603.04512', '2603.05120']]);
    expect(await service.preview('g')).toEqual(preview);
    expect(service.status('g').recent).toEqual([]);
    await runtime.close();
  });
});
