import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openState, statePathFor } from '../../src/state/index.js';
import { parseStoredPaper } from '../../src/state/papers-repo.js';
import { silentLogger } from '../../src/shared/log.js';
import type { Paper } from '../../src/corpus/types.js';
import { captureLogger, fakeClock, tempDir } from './helpers.js';

const paper = (over: Partial<Paper> = {}): Paper => ({
  id: '2603.01234',
  arxivId: '2603.01234',
  title: 'Sparse Mixtures of Tiny Experts',
  abstract: 'We propose tiny experts.',
  authors: ['A. Author'],
  url: 'https://arxiv.org/abs/2603.01234',
  source: 'huggingface.co daily_papers 2026-03-06 #1',
  ...over,
});

describe('settings repository', () => {
  it('restarts the schedule only when channel, time, zone or enabled change', () => {
    const clock = fakeClock('2026-03-06T08:00:00Z');
    const state = openState(':memory:', { clock, logger: silentLogger });
    const created = state.settings.update('g1', { channelId: 'c1', enabled: true });
    expect(created).toMatchObject({ channelId: 'c1', time: null, timeZone: null, count: null, enabled: true, scheduleSince: '2026-03-06T08:00:00.000Z' });
    clock.advance(60_000);
    const counted = state.settings.update('g1', { count: 3 });
    expect(counted.count).toBe(3);
    expect(counted.scheduleSince).toBe('2026-03-06T08:00:00.000Z');
    clock.advance(60_000);
    const timed = state.settings.update('g1', { time: '07:30', timeZone: 'Europe/Berlin' });
    expect(timed.scheduleSince).toBe('2026-03-06T08:02:00.000Z');
    expect(state.settings.listEnabled().map((s) => s.guildId)).toEqual(['g1']);
    state.settings.update('g1', { enabled: false });
    expect(state.settings.listEnabled()).toEqual([]);
  });
});

describe('runs repository', () => {
  it('creates a run once per id and tracks status, attempts and finish time', () => {
    const clock = fakeClock('2026-03-06T09:00:00Z');
    const state = openState(':memory:', { clock, logger: silentLogger });
    const run = { runId: 'g1@2026-03-06T09:00:00.000Z', guildId: 'g1', channelId: 'c1', slot: '2026-03-06T09:00:00.000Z', date: '2026-03-06', count: 5 };
    expect(state.runs.create(run).created).toBe(true);
    expect(state.runs.create(run).created).toBe(false);
    state.runs.savePlan(run.runId, { items: [1, 2] });
    const retrying = state.runs.setStatus(run.runId, 'retrying', { attempts: 1, error: 'HTTP 503', nextAttemptAt: '2026-03-06T09:01:00.000Z' });
    expect(retrying).toMatchObject({ status: 'retrying', attempts: 1, error: 'HTTP 503', finishedAt: null, plan: { items: [1, 2] } });
    expect(state.runs.listOpen().map((r) => r.runId)).toEqual([run.runId]);
    clock.advance(120_000);
    const failed = state.runs.setStatus(run.runId, 'failed', { attempts: 2 });
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, error: 'HTTP 503', nextAttemptAt: null, finishedAt: '2026-03-06T09:02:00.000Z' });
    expect(state.runs.listOpen()).toEqual([]);
    expect(state.runs.latest('g1').map((r) => r.status)).toEqual(['failed']);
  });
});

describe('posted repository', () => {
  it('knows a posted paper by id or by normalised title, per channel', () => {
    const state = openState(':memory:', { clock: fakeClock('2026-03-06T09:00:00Z'), logger: silentLogger });
    expect(state.posted.record('c1', 'r1', [{ id: 'p1', title: 'Deep Nets: A Study' }])).toBe(1);
    expect(state.posted.record('c1', 'r1', [{ id: 'p1', title: 'Deep Nets: A Study' }])).toBe(0);
    expect(state.posted.isPosted('c1', { id: 'p1', title: 'x' })).toBe(true);
    expect(state.posted.isPosted('c1', { id: 'other', title: 'deep nets  a study' })).toBe(true);
    expect(state.posted.isPosted('c2', { id: 'p1', title: 'Deep Nets: A Study' })).toBe(false);
    expect([...state.posted.postedByRun('r1')]).toEqual(['p1']);
  });
});

describe('subscriptions repository', () => {
  it('upserts subscriptions and keeps each paper match once', () => {
    const state = openState(':memory:', { clock: fakeClock('2026-03-06T09:00:00Z'), logger: silentLogger });
    state.subscriptions.upsert({ userId: 'u1', guildId: 'g1', topicKey: 'graph neural networks', topic: 'Graph neural networks', threshold: 0.3 });
    const updated = state.subscriptions.upsert({ userId: 'u1', guildId: 'g1', topicKey: 'graph neural networks', topic: 'graph neural networks', threshold: 0.5 });
    expect(updated.threshold).toBe(0.5);
    expect(state.subscriptions.list('u1')).toHaveLength(1);
    const match = { userId: 'u1', guildId: 'g1', topicKey: 'graph neural networks', topic: 'graph neural networks', paperId: 'p1', paperTitle: 'T', paperUrl: 'https://x', score: 0.7, status: 'pending' as const };
    expect(state.subscriptions.addMatches([match])).toBe(1);
    expect(state.subscriptions.addMatches([{ ...match, status: 'notified' }])).toBe(0);
    expect(state.subscriptions.pending('u1').map((m) => m.paperId)).toEqual(['p1']);
    expect(state.subscriptions.markSeen('u1')).toBe(1);
    expect(state.subscriptions.pending('u1')).toEqual([]);
    expect(state.subscriptions.hasMatch('u1', 'g1', 'graph neural networks', 'p1')).toBe(true);
    expect(state.subscriptions.remove('u1', 'g1')).toBe(1);
  });
});

describe('papers repository', () => {
  it('persists ingested papers across a re-open and skips unreadable rows with a log line', () => {
    const file = statePathFor(tempDir());
    const first = openState(file, { clock: fakeClock('2026-03-06T09:00:00Z'), logger: silentLogger });
    expect(first.papers.upsert([paper(), paper({ id: 'no-arxiv', arxivId: undefined, title: 'Untitled Ideas' })], 'huggingface:2026-03-06')).toBe(2);
    expect(first.papers.upsert([paper({ upvotes: 9 })], 'huggingface:2026-03-07')).toBe(0);
    first.close();
    const raw = new BetterSqlite3(file);
    raw.prepare("INSERT INTO ingested_papers VALUES ('arxiv:bad', '{\"title\": 3}', 'x', 'z', 'z')").run();
    raw.close();
    const logger = captureLogger();
    const second = openState(file, { clock: fakeClock('2026-03-07T09:00:00Z'), logger });
    const all = second.papers.all();
    expect(all.map((r) => r.paper.title)).toEqual(['Sparse Mixtures of Tiny Experts', 'Untitled Ideas']);
    expect(all[0]).toMatchObject({ origin: 'huggingface:2026-03-07', paper: { upvotes: 9 } });
    expect(logger.lines.filter((l) => l.includes('arxiv:bad'))).toHaveLength(1);
    second.close();
  });
});

describe('parseStoredPaper', () => {
  it('reads a stored paper back and names why a row is unreadable', () => {
    const paper = { id: 'p', title: 'T', abstract: 'A.', authors: [], url: 'u', source: 's' };
    expect(parseStoredPaper(JSON.stringify(paper))).toEqual({ paper });
    expect(parseStoredPaper('{not json')).toEqual({ reason: 'not valid JSON' });
    expect(parseStoredPaper(JSON.stringify({ ...paper, title: '' }))).toHaveProperty('reason', expect.stringMatching(/./));
  });
});
