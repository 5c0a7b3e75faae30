import { describe, expect, it } from 'vitest';
import { createPaperStore } from '../../src/corpus/store.js';
import type { Paper } from '../../src/corpus/types.js';
import { arxivIdsIn, findRelated, MAX_RELATED_QUERY } from '../../src/related/related.js';
import type { SearchOptions, SearchResponse } from '../../src/search/types.js';

const paper = (id: string, title: string, arxivId?: string): Paper => ({
  id,
  title,
  abstract: `${title} is studied here. A second sentence.`,
  authors: [],
  url: `https://example.org/${id}`,
  source: 'test',
  ...(arxivId ? { arxivId } : {}),
});

describe('arxivIdsIn', () => {
  it('finds abs and pdf links and arXiv: mentions, once each, without trailing punctuation', () => {
    const text = 'See https://arxiv.org/abs/1706.03762v7, arxiv.org/pdf/1903.01611.pdf and arXiv:1706.03762. Also arXiv: 2001.00001!';
    expect(arxivIdsIn(text)).toEqual(['1706.03762', '1903.01611', '2001.00001']);
    expect(arxivIdsIn('no links at all, 1706.03762 alone is not a link')).toEqual([]);
  });
});

describe('findRelated', () => {
  const store = createPaperStore([paper('a', 'Attention Is All You Need', '1706.03762'), paper('b', 'Pruning Early'), paper('c', 'Pruning Late')]);
  const calls: { query: string; options?: SearchOptions }[] = [];
  const search = async (query: string, options?: SearchOptions): Promise<SearchResponse> => {
    calls.push({ query, ...(options ? { options } : {}) });
    const hits = query.includes('pruning') ? store.all().filter((p) => !options?.exclude?.has(p.id) && p.title.startsWith('Pruning')) : [];
    return {
      query,
      mode: 'keyword',
      requestedMode: 'keyword',
      results: hits.map((p, i) => ({ id: p.id, title: p.title, url: p.url, score: 0.9 - i / 10, evidence: p.abstract, signals: { keyword: 1, semantic: null, keywordRank: i + 1, semanticRank: null }, paper: p })),
      weak: hits.length === 0,
      total: hits.length,
    } as SearchResponse;
  };

  it('puts a linked known paper first, then searches the words without the link', async () => {
    calls.length = 0;
    const related = await findRelated({ store, search }, 'Compare https://arxiv.org/abs/1706.03762 with pruning', 3);
    expect(related.papers.map((r) => [r.paper.id, r.via])).toEqual([
      ['a', 'linked'],
      ['b', 'search'],
      ['c', 'search'],
    ]);
    expect(related.papers[0]!.evidence).toBe('Attention Is All You Need is studied here.');
    expect(related.unknownIds).toEqual([]);
    const withUnknown = await findRelated({ store, search }, 'See arXiv:2001.00001 about pruning', 3);
    expect(withUnknown.unknownIds).toEqual(['2001.00001']);
    expect(withUnknown.papers.map((r) => r.via)).toEqual(['search', 'search']);
    expect(calls[0]).toMatchObject({ query: 'Compare with pruning', options: { limit: 2 } });
    expect([...calls[0]!.options!.exclude!]).toEqual(['a']);
  });

  it('marks a message nothing covers as weak and cuts a long message at a word', async () => {
    calls.length = 0;
    const related = await findRelated({ store, search }, `${'transformers '.repeat(60)}end`, 5);
    expect(related.weak).toBe(true);
    expect(calls[0]!.query.length).toBeLessThanOrEqual(MAX_RELATED_QUERY);
    expect(calls[0]!.query.endsWith('transformers')).toBe(true);
  });
});
