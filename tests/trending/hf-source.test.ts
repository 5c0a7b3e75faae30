import { describe, expect, it } from 'vitest';
import { createHfSource, isIsoDate, rankByUpvotes, TrendingSourceError } from '../../src/trending/index.js';
import { captureLogger } from '../state/helpers.js';
import { startFakeHfApi } from './hf-server.js';

describe('createHfSource().fetchDay', () => {
  it('returns the valid papers of the day ranked by upvotes, and skips malformed items with one log line each', async () => {
    const api = await startFakeHfApi();
    const logger = captureLogger();
    const day = await createHfSource({ apiUrl: `${api.url}/`, logger }).fetchDay('2026-03-06');
    expect(api.requests).toEqual(['/api/daily_papers?date=2026-03-06']);
    expect(day.papers.map((p) => [p.arxivId, p.upvotes])).toEqual([
      ['2603.04512', 87],
      ['2603.05120', 54],
      ['2603.02291', 31],
      ['2603.03877', 23],
      ['1904.10509', 12],
    ]);
    expect(day.skipped).toEqual([
      { index: 2, message: 'paper.summary: expected a string' },
      { index: 4, message: 'paper.upvotes: expected a number' },
      { index: 6, message: 'paper.id: "not-an-arxiv-id" is not an arXiv identifier (e.g. 1706.03762)' },
    ]);
    expect(logger.lines.filter((l) => l.startsWith('warn: trending: 2026-03-06 item '))).toEqual([
      'warn: trending: 2026-03-06 item 2 skipped: paper.summary: expected a string',
      'warn: trending: 2026-03-06 item 4 skipped: paper.upvotes: expected a number',
      'warn: trending: 2026-03-06 item 6 skipped: paper.id: "not-an-arxiv-id" is not an arXiv identifier (e.g. 1706.03762)',
    ]);
  });

  it('converts an item into a Paper: line breaks collapsed, hidden authors dropped, arXiv link and source set', async () => {
    const api = await startFakeHfApi();
    const day = await createHfSource({ apiUrl: api.url, logger: captureLogger() }).fetchDay('2026-03-06');
    const graph = day.papers.find((p) => p.arxivId === '2603.03877')!;
    expect(graph).toMatchObject({
      id: '2603.03877',
      title: 'Graph Rewiring Improves Message Passing on Heterophilous Graphs',
      authors: ['Ana Ruiz', 'Tomasz Nowak'],
      url: 'https://arxiv.org/abs/2603.03877',
      publishedAt: '2026-03-04T09:30:00.000Z',
      source: 'huggingface.co daily papers 2026-03-06 #1',
    });
    expect(graph.abstract).not.toMatch(/\n/);
    expect(graph.abstract.startsWith('Message-passing graph neural networks assume that connected nodes are similar, an assumption')).toBe(true);
    expect(day.papers.find((p) => p.arxivId === '2603.05120')!.authors).toEqual(['Kenji Watanabe', 'Sara Haddad']);
  });

  it('returns an empty day when the API has nothing for the date', async () => {
    const api = await startFakeHfApi();
    const day = await createHfSource({ apiUrl: api.url, logger: captureLogger() }).fetchDay('2026-03-01');
    expect(day).toMatchObject({ date: '2026-03-01', papers: [], skipped: [] });
  });

  it('throws TrendingSourceError naming the URL and the HTTP status', async () => {
    const api = await startFakeHfApi();
    api.behave({ status: 503 });
    const error = await createHfSource({ apiUrl: api.url, logger: captureLogger() }).fetchDay('2026-03-06').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrendingSourceError);
    expect((error as TrendingSourceError).status).toBe(503);
    expect((error as Error).message).toBe(`GET ${api.url}/api/daily_papers?date=2026-03-06: HTTP 503 Service Unavailable`);
  });

  it('throws when the body is not JSON or not an array', async () => {
    const api = await startFakeHfApi();
    const source = createHfSource({ apiUrl: api.url, logger: captureLogger() });
    api.behave('invalid-json');
    await expect(source.fetchDay('2026-03-06')).rejects.toThrow(/the answer is not valid JSON/);
    api.behave({ body: { error: 'Invalid date' } });
    await expect(source.fetchDay('2026-03-06')).rejects.toThrow(/expected a JSON array of papers: Invalid date/);
  });

  it('gives up after the timeout', async () => {
    const api = await startFakeHfApi();
    api.behave('hang');
    const source = createHfSource({ apiUrl: api.url, timeoutMs: 50, logger: captureLogger() });
    await expect(source.fetchDay('2026-03-06')).rejects.toThrow(/no answer within 50 ms/);
  });

  it('reports an unreachable host with the network error code', async () => {
    // A port nothing listens on: the connection is refused at once.
    const fetchRefused: typeof fetch = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    };
    const source = createHfSource({ apiUrl: 'http://127.0.0.1:9', fetch: fetchRefused, logger: captureLogger() });
    await expect(source.fetchDay('2026-03-06')).rejects.toThrow('GET http://127.0.0.1:9/api/daily_papers?date=2026-03-06: ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:9)');
  });

  it('rejects a date that is not a calendar day before any request', async () => {
    const source = createHfSource({ apiUrl: 'http://127.0.0.1:9', fetch: () => Promise.reject(new Error('no request expected')), logger: captureLogger() });
    await expect(source.fetchDay('2026-02-30')).rejects.toThrow(/YYYY-MM-DD \(got "2026-02-30"\)/);
  });
});

describe('isIsoDate', () => {
  it('accepts real days only', () => {
    expect(isIsoDate('2026-03-06')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-3-6')).toBe(false);
  });
});

describe('rankByUpvotes', () => {
  it('orders by upvotes, then by arXiv id', () => {
    const p = (id: string, upvotes?: number) => ({ id, arxivId: id, title: id, abstract: 'a', authors: [], url: 'u', source: 's', ...(upvotes !== undefined ? { upvotes } : {}) });
    expect(rankByUpvotes([p('2603.2', 5), p('2603.1', 5), p('2603.3'), p('2603.4', 9)]).map((x) => x.id)).toEqual(['2603.4', '2603.1', '2603.2', '2603.3']);
  });
});
