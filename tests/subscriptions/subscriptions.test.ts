import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/shared/log.js';
import { openState } from '../../src/state/index.js';
import {
  createSubscriptions,
  formatNotice,
  formatSubscriptions,
  SubscriptionError,
  topicKey,
  type SubscriptionNotice,
} from '../../src/subscriptions/index.js';
import { createHfSource } from '../../src/trending/index.js';
import { captureLogger, fakeClock, tempDir } from '../state/helpers.js';
import { createTestApp } from '../trending/app.js';
import { startFakeHfApi } from '../trending/hf-server.js';

async function setup() {
  const api = await startFakeHfApi();
  const app = await createTestApp({ dataDir: tempDir() });
  const state = openState(':memory:', { clock: fakeClock('2026-03-06T10:00:00Z'), logger: silentLogger });
  const logger = captureLogger();
  const day = await createHfSource({ apiUrl: api.url, logger: silentLogger }).fetchDay('2026-03-06');
  return { app, state, logger, day };
}

describe('createSubscriptions().matchNewPapers', () => {
  it('notifies a subscriber whose topic a new paper matches above the threshold; a closed DM leaves the match pending', async () => {
    const { app, state, logger, day } = await setup();
    const notices: SubscriptionNotice[] = [];
    const subs = createSubscriptions({
      app,
      state,
      logger,
      defaultThreshold: 0.35,
      notify: async (userId, notice) => {
        if (userId === 'closed-dms') throw Object.assign(new Error('Cannot send messages to this user'), { code: 50007 });
        notices.push(notice);
      },
    });
    subs.subscribe('alice', 'g', 'speculative decoding');
    subs.subscribe('closed-dms', 'g', 'graph rewiring');
    subs.subscribe('carol', 'g', 'protein folding');
    subs.subscribe('dave', 'g', 'decoding robots', 0.9); // each paper has only one of the two words

    const { added } = await app.addPapers(day.papers);
    const report = await subs.matchNewPapers(added);

    expect(report).toEqual({ notified: 1, pending: 1, matches: 2 });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ userId: 'alice', topic: 'speculative decoding', threshold: 0.35 });
    expect(notices[0]!.hits.map((h) => h.paper.id)).toEqual(['2603.04512']);
    expect(notices[0]!.hits[0]!.score).toBeGreaterThanOrEqual(0.35);
    expect(notices[0]!.hits[0]!.evidence).toMatch(/speculative decoding/i);

    const closed = subs.list('closed-dms', 'g');
    expect(closed.pending.map((m) => [m.paperId, m.topic, m.status])).toEqual([['2603.03877', 'graph rewiring', 'pending']]);
    expect(logger.lines.filter((l) => l.includes('could not notify user closed-dms'))).toHaveLength(1);
    expect(formatSubscriptions(closed.subscriptions, closed.pending)).toContain('Matches I could not send you by DM (1):');
    expect(subs.markSeen('closed-dms', 'g')).toBe(1);
    expect(subs.list('closed-dms', 'g').pending).toEqual([]);
    expect(subs.list('dave').pending).toEqual([]);
    await app.close();
  });

  it('never notifies about a paper that does not cover the topic, whatever the threshold (one shared word is not enough)', async () => {
    const { app, state, day } = await setup();
    const notices: SubscriptionNotice[] = [];
    const subs = createSubscriptions({ app, state, logger: silentLogger, defaultThreshold: 0.35, notify: async (_u, n) => void notices.push(n) });
    subs.subscribe('erin', 'g', 'pizza decoding', 0);
    subs.subscribe('alice', 'g', 'speculative decoding', 0);
    const { added } = await app.addPapers(day.papers);
    await subs.matchNewPapers(added);
    expect(notices.map((n) => n.userId)).toEqual(['alice']);
  });

  it('notifies about a paper once, even when it is matched again', async () => {
    const { app, state, day } = await setup();
    const notices: SubscriptionNotice[] = [];
    const subs = createSubscriptions({ app, state, logger: silentLogger, defaultThreshold: 0.35, notify: async (_u, n) => void notices.push(n) });
    subs.subscribe('alice', 'g', 'speculative decoding');
    const { added } = await app.addPapers(day.papers);
    await subs.matchNewPapers(added);
    expect(await subs.matchNewPapers(added)).toEqual({ notified: 0, pending: 0, matches: 0 });
    expect(notices).toHaveLength(1);
    await app.close();
  });

  it('keeps matches pending when no notifier is set (e.g. ingestion from the CLI)', async () => {
    const { app, state, day } = await setup();
    const subs = createSubscriptions({ app, state, logger: silentLogger, defaultThreshold: 0.35 });
    subs.subscribe('alice', 'g', 'Speculative Decoding');
    const { added } = await app.addPapers(day.papers);
    expect(await subs.matchNewPapers(added)).toEqual({ notified: 0, pending: 1, matches: 1 });
    await app.close();
  });

  it('only considers the new papers, never the corpus', async () => {
    const { app, state } = await setup();
    const notices: SubscriptionNotice[] = [];
    const subs = createSubscriptions({ app, state, logger: silentLogger, defaultThreshold: 0.1, notify: async (_u, n) => void notices.push(n) });
    subs.subscribe('alice', 'g', 'lottery ticket pruning'); // a corpus topic
    const { added } = await app.addPapers([{ id: 'new', title: 'Counting Sheep', abstract: 'We count sheep at night.', authors: [], url: 'https://example.org', source: 't' }]);
    expect(await subs.matchNewPapers(added)).toEqual({ notified: 0, pending: 0, matches: 0 });
    await app.close();
  });
});

describe('createSubscriptions().subscribe', () => {
  it('validates topic and threshold, and treats differently written topics as one', async () => {
    const app = await createTestApp({ dataDir: tempDir() });
    const state = openState(':memory:', { clock: fakeClock('2026-03-06T10:00:00Z'), logger: silentLogger });
    const subs = createSubscriptions({ app, state, logger: silentLogger, defaultThreshold: 0.35 });
    expect(subs.subscribe('u', 'g', '  Graph   Neural Networks ')).toMatchObject({ topic: 'Graph Neural Networks', threshold: 0.35 });
    expect(subs.subscribe('u', 'g', 'graph neural networks!', 0.6)).toMatchObject({ threshold: 0.6 });
    expect(subs.list('u', 'g').subscriptions).toHaveLength(1);
    expect(() => subs.subscribe('u', 'g', 'x')).toThrow(SubscriptionError);
    expect(() => subs.subscribe('u', 'g', 'the of and')).toThrow('"the of and" has no searchable words');
    expect(() => subs.subscribe('u', 'g', 'transformers', 1.5)).toThrow('the threshold must be a number from 0 to 1');
    expect(subs.unsubscribe('u', 'g', 'GRAPH neural networks')).toBe(1);
    expect(topicKey('Graph Neural-Networks')).toBe('graph neural networks');
    await app.close();
  });
});

describe('formatNotice', () => {
  it('links each paper with its score and matching sentence, within a Discord message', () => {
    const text = formatNotice({
      userId: 'u',
      guildId: 'g',
      topic: 'speculative decoding',
      threshold: 0.35,
      hits: [{ paper: { id: 'p', title: 'Draft [Trees]', url: 'https://arxiv.org/abs/2603.04512' }, score: 0.8123, evidence: 'We propose DraftTree.' }],
    });
    expect(text).toBe(
      'New paper for your subscription “speculative decoding”:\n• [Draft \\[Trees\\]](<https://arxiv.org/abs/2603.04512>) — score 0.81\n  > We propose DraftTree.\nUse /unsubscribe to stop these messages.',
    );
    const many = formatNotice({
      userId: 'u', guildId: 'g', topic: 't', threshold: 0,
      hits: Array.from({ length: 40 }, (_, i) => ({ paper: { id: `${i}`, title: `Paper ${i}`, url: `https://example.org/${i}` }, score: 0.5, evidence: 'x'.repeat(80) })),
    });
    expect(many.length).toBeLessThanOrEqual(1900);
    expect(many).toMatch(/…and \d+ more\nUse \/unsubscribe/);
  });
});
