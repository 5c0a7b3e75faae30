import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { idf, maxTermScore } from '../../src/search/bm25.js';
import { createKeywordIndex, type KeywordDoc } from '../../src/search/keyword-index.js';

const DOCS: KeywordDoc[] = [
  { id: 'prune-title', title: 'Network pruning at scale', text: 'We remove weights from trained models.' },
  { id: 'prune-body', title: 'Efficient inference', text: 'Pruning removes weights; pruning keeps accuracy of the network.' },
  { id: 'densenet', title: 'Densely Connected Convolutional Networks', text: 'Every layer connects to every other layer.' },
  { id: 'graphs', title: 'Graph attention', text: 'Attention over graph neighbourhoods.' },
];

const build = (docs: KeywordDoc[] = DOCS, options = {}) => {
  const index = createKeywordIndex(options);
  index.addMany(docs);
  return index;
};
const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

describe('createKeywordIndex', () => {
  it('ranks a title match above an abstract match', () => {
    expect(ids(build().search('pruning'))).toEqual(['prune-title', 'prune-body']);
  });

  it('finds the paper from a misspelled title', () => {
    expect(build().search('densly conected convolutional netwroks')[0]?.id).toBe('densenet');
  });

  it('scores a misspelled word below the correctly spelled one', () => {
    const index = build();
    expect(index.search('prunning')[0]!.score).toBeLessThan(index.search('pruning')[0]!.score);
  });

  it('completes the last word while it is being typed, but not after a space', () => {
    const index = build();
    expect(ids(index.search('graph atten'))[0]).toBe('graphs');
    expect(index.searchDetailed('atten').terms[0]!.alternatives).toEqual([{ term: 'attent', weight: 0.7, kind: 'prefix' }]);
    expect(index.searchDetailed('atten ').terms[0]!.alternatives).toEqual([]);
  });

  it('ignores question words', () => {
    const index = build();
    expect(index.search('which papers study pruning?')).toEqual(index.search('pruning'));
  });

  it('breaks score ties by id ascending', () => {
    const twin = { title: 'Sparse experts', text: 'Mixture of experts.' };
    const index = build([{ id: 'b', ...twin }, { id: 'c', ...twin }, { id: 'a', ...twin }]);
    expect(ids(index.search('experts'))).toEqual(['a', 'b', 'c']);
  });

  it('makes documents added after the first searches searchable, with updated statistics', () => {
    const index = build();
    expect(index.search('hypernetworks')).toEqual([]);
    const before = index.search('pruning')[0]!.score;
    index.add({ id: 'hyper', title: 'HyperNetworks', text: 'A network generates the weights of another network.' });
    expect(index.size).toBe(5);
    expect(index.has('hyper')).toBe(true);
    expect(ids(index.search('hypernetworks'))).toEqual(['hyper']);
    // One more document without "pruning" raises its idf.
    expect(index.search('pruning')[0]!.score).toBeGreaterThan(before);
  });

  it('replaces a document added again under the same id', () => {
    const index = build();
    index.add({ id: 'graphs', title: 'Recurrent models', text: 'Sequences.' });
    expect(index.size).toBe(4);
    expect(index.search('graph')).toEqual([]);
    expect(ids(index.search('recurrent'))).toEqual(['graphs']);
  });

  it('removes documents', () => {
    const index = build();
    expect(index.remove('prune-title')).toBe(true);
    expect(index.remove('prune-title')).toBe(false);
    expect(index.has('prune-title')).toBe(false);
    expect(ids(index.search('pruning'))).toEqual(['prune-body']);
  });

  it('returns nothing for an empty index, a stop-word query or a zero limit', () => {
    expect(createKeywordIndex().search('pruning')).toEqual([]);
    expect(build().search('what is the')).toEqual([]);
    expect(build().search('pruning', 0)).toEqual([]);
  });

  it('respects the limit', () => {
    expect(build().search('network', 1)).toHaveLength(1);
  });

  it('rejects a document without an id, naming the problem', () => {
    expect(() => build().add({ id: '', title: 't', text: 'x' })).toThrow(/non-empty string id/);
  });

  it('rejects invalid options, naming the option', () => {
    expect(() => createKeywordIndex({ titleB: 2 })).toThrow(/"titleB"/);
    expect(() => createKeywordIndex({ maxFuzzyAlternatives: -1 })).toThrow(/"maxFuzzyAlternatives"/);
    expect(() => createKeywordIndex({ relatedWeight: 1.5 })).toThrow(/"relatedWeight"/);
    expect(() => createKeywordIndex({ maxRelatedAlternatives: 0.5 })).toThrow(/"maxRelatedAlternatives"/);
  });
});

describe('searchDetailed', () => {
  it('reports a ceiling of Σ idf·(k1+1) over exactly matched words', () => {
    const index = build();
    // "pruning" is in 2 of 4 documents, "graph" in 1.
    const expected = maxTermScore(idf(2, 4), { k1: 1.2 }) + maxTermScore(idf(1, 4), { k1: 1.2 });
    const result = index.searchDetailed('pruning graph');
    expect(result.ceiling).toBeCloseTo(expected, 10);
    for (const hit of result.hits) expect(hit.score).toBeLessThan(result.ceiling);
  });

  it('shows how misspelled words were matched', () => {
    const { terms } = build().searchDetailed('densly');
    expect(terms).toEqual([{ surface: 'densly', alternatives: [{ term: 'dens', weight: 0.8, kind: 'fuzzy' }] }]);
  });
});

describe('keyword search over the real corpus', () => {
  it('ranks the lottery ticket papers first and finds DenseNet from a misspelled title', async () => {
    const { papers } = await loadCorpus('corpus');
    const index = createKeywordIndex();
    index.addMany(papers.map((p) => ({ id: p.id, title: p.title, text: p.abstract })));
    const titleOf = new Map(papers.map((p) => [p.id, p.title]));
    const top = (q: string, n: number) => index.search(q, n).map((h) => titleOf.get(h.id));

    expect(new Set(top('lottery ticket', 2))).toEqual(
      new Set(['Stabilizing the Lottery Ticket Hypothesis', 'Low-rank lottery tickets: finding efficient low-rank neural networks via matrix differential equations']),
    );
    expect(top('densly conected convolutional networks', 1)).toEqual(['Densely Connected Convolutional Networks']);
  });
});

describe('acronym expansion', () => {
  const docs: KeywordDoc[] = [
    { id: 'defines', title: 'Scaling message passing', text: 'Graph neural networks (GNNs) pass messages between nodes.' },
    { id: 'long-form-only', title: 'Graph neural network depth', text: 'Deeper models over-smooth.' },
    { id: 'unrelated', title: 'Image classification', text: 'Convolutional models for photos.' },
  ];

  it('matches papers that only spell out an acronym learnt from another paper', () => {
    const index = build(docs);
    expect(ids(index.search('GNN'))).toEqual(expect.arrayContaining(['defines', 'long-form-only']));
    expect(ids(index.search('GNN'))).not.toContain('unrelated');
    expect(index.searchDetailed('GNN').terms[0]!.alternatives).toContainEqual({ term: 'graph neural network', weight: 0.8, kind: 'acronym' });
  });

  it('can be turned off, and forgets a definition when its paper is removed', () => {
    expect(ids(build(docs, { acronymWeight: 0 }).search('GNN'))).toEqual(['defines']);
    const index = build(docs);
    index.remove('defines');
    expect(index.search('GNN')).toEqual([]);
  });
});

describe('analyzer option', () => {
  it('analyses documents and queries with the injected analyzer', () => {
    // Splits on spaces only and keeps case: "Graph" and "graph" are different terms.
    const split = (text: string) => text.split(' ').filter(Boolean).map((w) => ({ term: w, surface: w }));
    const index = createKeywordIndex({ analyzer: { analyze: split, analyzeQuery: split, stem: (w) => w, acronyms: () => [] } });
    index.addMany([
      { id: 'upper', title: 'Graph', text: '' },
      { id: 'lower', title: 'graph', text: '' },
    ]);
    expect(ids(index.search('Graph'))).toEqual(['upper']);
    expect(ids(index.search('graph'))).toEqual(['lower']);
  });
});

describe('related option', () => {
  const docs: KeywordDoc[] = [
    { id: 'photo', title: 'Reading street photos', text: 'House numbers in a photo.' },
    { id: 'other', title: 'Graph attention', text: 'Attention over graph neighbourhoods.' },
  ];
  const related = (word: string) => (word === 'photographs' ? [{ word: 'photo', relation: 'synonym' as const }] : []);

  it('finds a paper through a word related to a query word the corpus does not know, below an exact match', () => {
    expect(build(docs).search('photographs')).toEqual([]);
    const index = build(docs, { related });
    expect(ids(index.search('photographs'))).toEqual(['photo']);
    expect(index.search('photographs')[0]!.score).toBeLessThan(index.search('photo')[0]!.score);
    expect(ids(build(docs, { related, relatedWeight: 0 }).search('photographs'))).toEqual([]);
  });
});
