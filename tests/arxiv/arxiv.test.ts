import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { arxivIdOf, ArxivError, createArxivClient, createPaperAdder, parseArxivFeed } from '../../src/arxiv/index.js';
import { silentLogger } from '../../src/shared/log.js';
import type { Paper } from '../../src/corpus/types.js';
import { startFakeArxiv } from './arxiv-server.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'arxiv');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

async function arxivError(promise: Promise<unknown> | (() => unknown)): Promise<ArxivError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof ArxivError) return error;
    throw error;
  }
  throw new Error('expected an ArxivError');
}

describe('arxivIdOf', () => {
  it.each([
    ['1706.03762', '1706.03762'],
    ['arXiv:1706.03762v7', '1706.03762'],
    ['https://arxiv.org/abs/1706.03762', '1706.03762'],
    ['https://arxiv.org/pdf/1706.03762v2', '1706.03762'],
    ['https://arxiv.org/pdf/1706.03762v2.pdf', '1706.03762'],
    ['cs/0112017', 'cs/0112017'],
  ])('reads %s', (input, id) => {
    expect(arxivIdOf(input)).toBe(id);
  });

  it('rejects what is not an arXiv id, saying what is accepted', async () => {
    const error = await arxivError(() => arxivIdOf('attention is all you need'));
    expect(error.kind).toBe('invalid-id');
    expect(error.message).toBe('"attention is all you need" is not an arXiv id or link; use e.g. 1706.03762, arXiv:1706.03762v7 or https://arxiv.org/abs/1706.03762');
  });
});

describe('parseArxivFeed', () => {
  it('reads title, abstract (line breaks folded), authors and date of the recorded answer', () => {
    const paper = parseArxivFeed(fixture('1706.03762.xml'), '1706.03762');
    expect(paper).toMatchObject({
      id: '1706.03762',
      arxivId: '1706.03762',
      title: 'Attention Is All You Need',
      url: 'https://arxiv.org/abs/1706.03762',
      publishedAt: '2017-06-12T17:57:34Z',
      source: 'arXiv API',
    });
    expect(paper.authors).toHaveLength(8);
    expect(paper.authors[0]).toBe('Ashish Vaswani');
    expect(paper.abstract).toMatch(/^The dominant sequence transduction models are based on complex recurrent or convolutional neural networks/);
    expect(paper.abstract).not.toMatch(/\n/);
  });

  it('reports the API error entry and the empty feed as an unknown paper', async () => {
    const error = await arxivError(() => parseArxivFeed(fixture('error-incorrect-id.xml').replaceAll('{ID}', '1234'), '1234'));
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe('arXiv does not know 1234: incorrect id format for 1234');
    const empty = await arxivError(() => parseArxivFeed(fixture('empty.xml').replaceAll('{ID}', '2601.99999'), '2601.99999'));
    expect(empty.kind).toBe('not-found');
    expect(empty.message).toBe('arXiv has no paper 2601.99999');
  });

  it('names the line of malformed XML, and rejects an answer about another paper', async () => {
    const broken = await arxivError(() => parseArxivFeed('<feed><entry><title>x</entry></feed>', '1706.03762'));
    expect(broken.kind).toBe('malformed');
    expect(broken.message).toMatch(/^the arXiv API answered with malformed XML \(line 1: /);
    const other = await arxivError(() => parseArxivFeed(fixture('1903.01611.xml'), '1706.03762'));
    expect(other.kind).toBe('malformed');
    expect(other.message).toBe('the arXiv API answered with paper 1903.01611 instead of 1706.03762');
    const notAtom = await arxivError(() => parseArxivFeed('<html><body>maintenance</body></html>', '1706.03762'));
    expect(notAtom.message).toMatch(/^the arXiv API answer is not an Atom feed \(feed: /);
  });
});

describe('createArxivClient', () => {
  it('fetches a paper and spaces queued requests by the interval', async () => {
    const api = await startFakeArxiv();
    const started: number[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      started.push(performance.now());
      return globalThis.fetch(input, init);
    };
    const client = createArxivClient({ apiUrl: api.url, logger: silentLogger, intervalMs: 250, fetch });
    const papers = await Promise.all([client.fetchPaper('1706.03762'), client.fetchPaper('1903.01611'), client.fetchPaper('1706.03762')]);
    expect(papers.map((p) => p.title)).toEqual(['Attention Is All You Need', 'Stabilizing the Lottery Ticket Hypothesis', 'Attention Is All You Need']);
    expect(api.requests.map((r) => r.id)).toEqual(['1706.03762', '1903.01611', '1706.03762']);
    expect(started).toHaveLength(3);
    for (let i = 1; i < started.length; i += 1) {
      // Timer granularity: the queue's windows may close a few ms early; without spacing the gap would be ~0.
      expect(started[i]! - started[i - 1]!).toBeGreaterThanOrEqual(225);
    }
  });

  it('says whether the API is down, answers with an error status, times out or sends broken XML', async () => {
    const api = await startFakeArxiv();
    const client = createArxivClient({ apiUrl: api.url, logger: silentLogger, intervalMs: 0, timeoutMs: 200 });
    api.behave({ status: 503 });
    const http = await arxivError(client.fetchPaper('1706.03762'));
    expect([http.kind, http.message]).toEqual(['http', `the arXiv API answered HTTP 503 Service Unavailable (${api.url}?id_list=1706.03762&max_results=1)`]);
    api.behave('hang');
    const timeout = await arxivError(client.fetchPaper('1706.03762'));
    expect([timeout.kind, timeout.message]).toEqual(['timeout', `the arXiv API did not answer within 200 ms (${api.url}?id_list=1706.03762&max_results=1)`]);
    api.behave('malformed');
    expect((await arxivError(client.fetchPaper('1706.03762'))).kind).toBe('malformed');
    await api.close();
    const down = await arxivError(client.fetchPaper('1706.03762'));
    expect(down.kind).toBe('unreachable');
    expect(down.message).toMatch(/^the arXiv API is unreachable \(ECONNREFUSED; /);
  });
});

describe('createPaperAdder', () => {
  it('ingests the fetched paper and tells new from merged', async () => {
    const api = await startFakeArxiv();
    const client = createArxivClient({ apiUrl: api.url, logger: silentLogger, intervalMs: 0 });
    const known = new Set<string>();
    const origins: string[] = [];
    const adder = createPaperAdder({
      client,
      async ingest(papers: readonly Paper[], origin: string) {
        origins.push(origin);
        const isNew = !known.has(papers[0]!.id);
        known.add(papers[0]!.id);
        return { origin, added: isNew ? [...papers] : [], merged: isNew ? [] : [...papers], papers: [...papers] };
      },
    });
    expect((await adder.add('https://arxiv.org/abs/1706.03762v5')).status).toBe('added');
    expect((await adder.add('arXiv:1706.03762')).status).toBe('merged');
    expect(origins).toEqual(['arxiv:1706.03762', 'arxiv:1706.03762']);
  });

  it('ingests nothing when the id is bad or arXiv fails', async () => {
    const api = await startFakeArxiv();
    const client = createArxivClient({ apiUrl: api.url, logger: silentLogger, intervalMs: 0 });
    let ingested = 0;
    const adder = createPaperAdder({
      client,
      async ingest(papers, origin) {
        ingested += 1;
        return { origin, added: [...papers], merged: [], papers: [...papers] };
      },
    });
    expect((await arxivError(adder.add('not an id'))).kind).toBe('invalid-id');
    expect((await arxivError(adder.add('2601.99999'))).kind).toBe('not-found');
    expect(api.requests.map((r) => r.id)).toEqual(['2601.99999']);
    expect(ingested).toBe(0);
  });
});
