import { describe, expect, it } from 'vitest';
import { createDigestSelector, rankFallback } from '../../src/digest/index.js';
import { silentLogger } from '../../src/shared/log.js';
import { openState } from '../../src/state/index.js';
import { createHfSource, createIngester } from '../../src/trending/index.js';
import type { Paper } from '../../src/corpus/types.js';
import { captureLogger, fakeClock, tempDir } from '../state/helpers.js';
import { createTestApp } from '../trending/app.js';
import { startFakeHfApi } from '../trending/hf-server.js';

async function setup(options: { ingest?: boolean } = {}) {
  const api = await startFakeHfApi();
  const app = await createTestApp({ dataDir: tempDir() });
  const state = openState(':memory:', { clock: fakeClock('2026-03-06T10:00:00Z'), logger: silentLogger });
  const logger = captureLogger();
  const ingester = createIngester({ app, state, logger: silentLogger });
  const select = createDigestSelector({
    papers: () => app.store.all(),
    source: createHfSource({ apiUrl: api.url, logger: silentLogger }),
    isPosted: (channelId, paper) => state.posted.isPosted(channelId, paper),
    logger,
    covers: (query, paper) => app.covers(query, paper),
    ...(options.ingest ? { ingest: async (papers: readonly Paper[], origin: string) => (await ingester.ingest(papers, origin)).papers } : {}),
  });
  return { api, app, state, select, logger };
}

describe('createDigestSelector', () => {
  it('picks the top trending papers of the date by upvotes, with extract and topic', async () => {
    const { select, app } = await setup();
    const digest = await select({ date: '2026-03-06', count: 3, channelId: 'c' });
    expect(digest).toMatchObject({ date: '2026-03-06', origin: 'trending', fallback: false });
    expect(digest.reason).toBeUndefined();
    expect(digest.items.map((i) => [i.paper.arxivId, i.upvotes, i.topic])).toEqual([
      ['2603.04512', 87, 'Language models'],
      ['2603.05120', 54, 'Robotics'],
      ['2603.02291', 31, 'Efficiency'],
    ]);
    expect(digest.items[0]!.extract).toBe(
      'We propose DraftTree, a speculative decoding method that drafts a tree of candidate continuations and verifies all branches in one pass of the target model. On long-context benchmarks, DraftTree decodes 2.8x faster than standard decoding without changing the output distribution.',
    );
    await app.close();
  });

  it('leaves out papers already posted to the channel (by id or title), but not those of other channels', async () => {
    const { select, state, app } = await setup();
    state.posted.record('c', 'r', [{ id: '2603.04512', title: 'x' }, { id: 'other-id', title: 'Diffusion Policies for Dexterous Robot Manipulation from Few Demonstrations' }]);
    const digest = await select({ date: '2026-03-06', count: 3, channelId: 'c' });
    expect(digest.items.map((i) => i.paper.arxivId)).toEqual(['2603.02291', '2603.03877', '1904.10509']);
    const elsewhere = await select({ date: '2026-03-06', count: 1, channelId: 'd' });
    expect(elsewhere.items.map((i) => i.paper.arxivId)).toEqual(['2603.04512']);
    await app.close();
  });

  it('falls back to the best unposted corpus papers when the source is unreachable, and says so', async () => {
    const { select, api, app, state, logger } = await setup();
    api.behave({ status: 503 });
    state.posted.record('c', 'r', [{ id: 'x', title: 'Input Convex Gradient Networks' }]);
    const digest = await select({ date: '2026-03-06', count: 2, channelId: 'c' });
    expect(digest).toMatchObject({ origin: 'corpus', fallback: true, date: '2026-03-06' });
    expect(digest.reason).toBe(
      `Hugging Face daily papers could not be reached (GET ${api.url}/api/daily_papers?date=2026-03-06: HTTP 503 Service Unavailable), so these are the best corpus papers not posted here yet.`,
    );
    // Corpus papers have no upvotes or dates: corpus order decides, minus the posted one.
    expect(digest.items.map((i) => i.paper.title)).toEqual([
      'Parallel Deep Neural Networks Have Zero Duality Gap',
      'Image Super-Resolution Using Very Deep Residual Channel Attention Networks',
    ]);
    expect(digest.items[0]!.upvotes).toBeUndefined();
    expect(digest.items[0]!.extract).toBe(
      'In this paper, we prove that the duality gap for deeper linear networks with vector outputs is non-zero. In contrast, we show that the zero duality gap can be obtained by stacking standard deep networks in parallel, which we call a parallel architecture, and modifying the regularization.',
    );
    expect(logger.lines.some((l) => l.startsWith('warn: digest: Hugging Face daily papers unreachable'))).toBe(true);
    await app.close();
  });

  it('uses the day before when the requested day has nothing yet, and says so', async () => {
    const { select, api, app } = await setup();
    const digest = await select({ date: '2026-03-07', count: 1, channelId: 'c' });
    expect(api.requests).toEqual(['/api/daily_papers?date=2026-03-07', '/api/daily_papers?date=2026-03-06']);
    expect(digest).toMatchObject({ date: '2026-03-06', origin: 'trending', fallback: false, reason: 'Nothing new on the 2026-03-07 list yet, so these trended on 2026-03-06.' });
    await app.close();
  });

  it('falls back when neither day lists anything', async () => {
    const { select, app } = await setup();
    const digest = await select({ date: '2026-03-02', count: 1 });
    expect(digest).toMatchObject({ origin: 'corpus', fallback: true, reason: 'Hugging Face daily papers lists no papers for 2026-03-02, so these are the best corpus papers not posted here yet.' });
    await app.close();
  });

  it('ingests the day first when asked, so items carry the store’s ids (a corpus duplicate keeps its corpus id)', async () => {
    const { select, app } = await setup({ ingest: true });
    const digest = await select({ date: '2026-03-06', count: 5 });
    const sparse = digest.items.find((i) => i.paper.title === 'Generating Long Sequences with Sparse Transformers')!;
    expect(sparse.paper.id).toBe(app.store.findDuplicate({ title: sparse.paper.title })!.id);
    expect(sparse.paper.id).not.toBe('1904.10509');
    expect(sparse.upvotes).toBe(12);
    expect(app.store.get('2603.04512')).toBeDefined();
    await app.close();
  });
});

describe('rankFallback', () => {
  it('orders by upvotes, then recency, then the given order', () => {
    const p = (id: string, upvotes?: number, publishedAt?: string): Paper => ({
      id, title: id, abstract: 'a', authors: [], url: 'u', source: 's', ...(upvotes !== undefined ? { upvotes } : {}), ...(publishedAt ? { publishedAt } : {}),
    });
    const ranked = rankFallback([p('a'), p('b', 3), p('c', undefined, '2026-01-01'), p('d', 3, '2026-02-01'), p('e'), p('f', undefined, '2026-03-01')]);
    expect(ranked.map((x) => x.id)).toEqual(['d', 'b', 'f', 'c', 'a', 'e']);
  });
});
