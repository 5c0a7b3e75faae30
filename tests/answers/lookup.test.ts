import { beforeAll, describe, expect, it } from 'vitest';
import { createLookup, decide, MAX_SUGGESTIONS, MAX_SUGGESTION_LENGTH, type PaperLookup } from '../../src/answers/lookup.js';
import { truncateAtWord } from '../../src/answers/cite.js';
import { topByTotal, topPositions } from '../../src/answers/title-index.js';
import { PaperLookupError } from '../../src/answers/types.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { createPaperStore } from '../../src/corpus/store.js';
import type { Paper } from '../../src/corpus/types.js';
import { fixturePapers } from './helpers.js';

function fixtureLookup() {
  const papers = fixturePapers();
  papers[0]!.arxivId = '1512.03385';
  const store = createPaperStore(papers);
  return { store, lookup: createLookup(store) };
}

describe('lookup', () => {
  const { lookup } = fixtureLookup();
  const found = (reference: string) => {
    const result = lookup.lookup(reference);
    return result.kind === 'found' ? result.paper.id : result.kind;
  };

  it('resolves an id, an arXiv id in any form, and an exact title in any case or punctuation', () => {
    expect(found('wide')).toBe('wide');
    expect(found('1512.03385')).toBe('resnet');
    expect(found('arXiv:1512.03385v2')).toBe('resnet');
    expect(found('https://arxiv.org/abs/1512.03385')).toBe('resnet');
    expect(found('stabilizing the LOTTERY ticket hypothesis!')).toBe('lottery-stable');
    expect(found('  "Sparse Transformers for Long Sequences"  ')).toBe('sparse');
  });

  it('resolves a partial title that only one paper fits', () => {
    expect(found('wide residual')).toBe('wide');
    expect(found('attention pooling')).toBe('gnn');
    expect(found('knowledge distillation')).toBe('distill');
  });

  it('resolves a misspelled title', () => {
    expect(found('Stabilizng the Lotery Tiket Hypothesis')).toBe('lottery-stable');
    expect(found('grpah neural netwroks with atention pooling')).toBe('gnn');
  });

  it('returns the candidates of an ambiguous reference', () => {
    const result = lookup.lookup('lottery ticket');
    expect(result.kind).toBe('ambiguous');
    if (result.kind !== 'ambiguous') return;
    expect(result.query).toBe('lottery ticket');
    expect(result.candidates.map((p) => p.id).sort()).toEqual(['lottery-lowrank', 'lottery-stable']);
  });

  it('returns the closest titles of an unknown reference', () => {
    const result = lookup.lookup('residual quantum annealing chromodynamics');
    expect(result.kind).toBe('unknown');
    if (result.kind !== 'unknown') return;
    expect(result.closest.map((p) => p.id).sort()).toEqual(['resnet', 'wide']);
  });

  it('returns nothing close for a reference that shares no title word', () => {
    expect(lookup.lookup('zzzz qqqq')).toEqual({ kind: 'unknown', query: 'zzzz qqqq', closest: [] });
    expect(lookup.lookup('   ')).toEqual({ kind: 'unknown', query: '', closest: [] });
  });

  it('sees papers added to the store after it was created', () => {
    const { store, lookup: late } = fixtureLookup();
    expect(late.lookup('Dropout as Bayesian Approximation').kind).toBe('unknown');
    store.add({ id: 'dropout', title: 'Dropout as a Bayesian Approximation', abstract: 'We cast dropout as inference.', authors: [], url: 'u', source: 's' });
    expect(late.lookup('dropout bayesian')).toMatchObject({ kind: 'found', paper: { id: 'dropout' } });
  });
});

describe('resolve', () => {
  const { lookup } = fixtureLookup();
  it('returns the paper, or throws PaperLookupError carrying the lookup result', () => {
    expect(lookup.resolve('wide residual').id).toBe('wide');
    expect(() => lookup.resolve('lottery ticket')).toThrow(PaperLookupError);
    try {
      lookup.resolve('lottery ticket');
    } catch (error) {
      expect((error as PaperLookupError).result.kind).toBe('ambiguous');
      expect((error as Error).message).toContain('Stabilizing the Lottery Ticket Hypothesis');
    }
    expect(() => lookup.resolve('zzzz qqqq')).toThrow(/no paper matches "zzzz qqqq"/);
  });
});

describe('decide', () => {
  const p = (id: string): Paper => ({ id, title: id, abstract: '', authors: [], url: '', source: '' });
  it('prefers a reference that is a whole title over longer titles containing its words', () => {
    const result = decide('graph networks', [
      { paper: p('long'), score: 0.9, coverage: 1, precision: 0.5 },
      { paper: p('whole'), score: 0.99, coverage: 1, precision: 0.96 },
    ]);
    expect(result).toEqual({ kind: 'found', paper: p('whole') });
  });
  it('lists at most ten candidates of an ambiguous reference and counts all that fit', () => {
    const matches = Array.from({ length: 13 }, (_, i) => ({ paper: p(`paper-${i}`), score: 0.9, coverage: 1, precision: 0.5 }));
    const result = decide('paper', matches);
    expect(result.kind).toBe('ambiguous');
    if (result.kind !== 'ambiguous') return;
    expect(result.candidates.map((c) => c.id)).toEqual(matches.slice(0, 10).map((m) => m.paper.id));
    expect(result.total).toBe(13);
  });
  it('calls it unknown below the coverage floor', () => {
    expect(decide('x', [{ paper: p('a'), score: 0.5, coverage: 0.5, precision: 0.5 }]).kind).toBe('unknown');
  });
});

describe('autocomplete', () => {
  const { lookup } = fixtureLookup();

  it('offers the most upvoted papers for empty input', () => {
    expect(lookup.autocomplete('', 3).map((s) => s.value)).toEqual(['resnet', 'gnn', 'wide']);
  });

  it('puts titles starting with the input first, then titles matching its words (last word as a prefix)', () => {
    expect(lookup.autocomplete('Sta')[0]).toEqual({ name: 'Stabilizing the Lottery Ticket Hypothesis', value: 'lottery-stable' });
    expect(lookup.autocomplete('lottery tic').map((s) => s.value).sort()).toEqual(['lottery-lowrank', 'lottery-stable']);
    expect(lookup.autocomplete('resid').map((s) => s.value).slice(0, 2).sort()).toEqual(['resnet', 'wide']);
  });

  it('tolerates typos while typing', () => {
    expect(lookup.autocomplete('tansformers')[0]?.value).toBe('sparse');
  });

  it('follows upvotes raised by a merge, with or without new papers in the same batch', () => {
    const { store, lookup: live } = fixtureLookup();
    const first = () => live.autocomplete('', 3).map((s) => s.value);
    expect(first()).toEqual(['resnet', 'gnn', 'wide']);
    // The same title again with more upvotes merges into the stored paper; the store keeps its size.
    store.add({ id: 'sparse-again', title: 'Sparse Transformers for Long Sequences', abstract: 'x', authors: [], url: 'u', source: 's', upvotes: 45 });
    expect(store.size).toBe(8);
    expect(first()).toEqual(['resnet', 'sparse', 'gnn']);
    store.add({ id: 'distill-again', title: 'Knowledge Distillation with Soft Targets', abstract: 'x', authors: [], url: 'u', source: 's', upvotes: 60 });
    store.add({ id: 'dropout', title: 'Dropout as a Bayesian Approximation', abstract: 'x', authors: [], url: 'u', source: 's', upvotes: 1 });
    expect(first()).toEqual(['distill', 'resnet', 'sparse']);
    // Typed input ranks equally good titles by their current upvotes too.
    const paper = (id: string, title: string, upvotes: number) => ({ id, title, abstract: 'x', authors: [], url: 'u', source: 's', upvotes });
    store.add(paper('early', 'Early Exit Networks', 5));
    store.add(paper('late', 'Late Exit Networks', 4));
    const exits = () => live.autocomplete('exit netw').map((s) => s.value).slice(0, 2);
    expect(exits()).toEqual(['early', 'late']);
    store.add(paper('late-again', 'Late Exit Networks', 9));
    expect(exits()).toEqual(['late', 'early']);
  });

  it('clamps the limit to 25 and never returns a bad limit', () => {
    expect(lookup.autocomplete('', 0)).toEqual([]);
    expect(lookup.autocomplete('', 100).length).toBe(8);
  });
});

describe('autocomplete over the real corpus', () => {
  let lookup: PaperLookup;
  let papers: readonly Paper[];
  beforeAll(async () => {
    const corpus = await loadCorpus('corpus');
    const store = createPaperStore(corpus.papers);
    lookup = createLookup(store);
    papers = store.all();
  });

  it('returns at most 25 suggestions, names and values of at most 100 characters, values being paper ids', () => {
    for (const input of ['', 'n', 'ne', 'neural', 'graph neural networks', 'deep', 'learning']) {
      const suggestions = lookup.autocomplete(input, 50);
      expect(suggestions.length).toBeLessThanOrEqual(MAX_SUGGESTIONS);
      for (const s of suggestions) {
        expect(s.name.length).toBeLessThanOrEqual(MAX_SUGGESTION_LENGTH);
        expect(s.value.length).toBeLessThanOrEqual(MAX_SUGGESTION_LENGTH);
        expect(papers.some((p) => p.id === s.value)).toBe(true);
      }
      expect(new Set(suggestions.map((s) => s.value)).size).toBe(suggestions.length);
    }
    expect(lookup.autocomplete('neural').length).toBe(25);
  });

  it('truncates long titles at a word boundary with an ellipsis', () => {
    const long = papers.find((p) => p.title.length > 100)!;
    const suggestion = lookup.autocomplete(long.title).find((s) => s.value === long.id)!;
    expect(suggestion.name.endsWith('…')).toBe(true);
    expect(long.title.startsWith(suggestion.name.slice(0, -1))).toBe(true);
    expect(long.title[suggestion.name.length - 1]).toMatch(/[\s,:;]/);
  });

  it('finds "How Powerful are Graph Neural Networks?" from a misspelled start', () => {
    expect(lookup.autocomplete('how powerfull')[0]?.name).toBe('How Powerful are Graph Neural Networks?');
  });

  it('offers "Stabilizing the Lottery Ticket Hypothesis" first for the misspelled, half-typed "lotery tick"', () => {
    expect(lookup.autocomplete('lotery tick')[0]?.name).toBe('Stabilizing the Lottery Ticket Hypothesis');
    expect(lookup.lookup('Stabilising the Lotery Tiket Hypothesis')).toMatchObject({ kind: 'found', paper: { title: 'Stabilizing the Lottery Ticket Hypothesis' } });
  });

  it('completes a title from its first letters, titles that start with them first', () => {
    const names = lookup.autocomplete('Stabilizing the Lot').map((s) => s.name);
    expect(names[0]).toBe('Stabilizing the Lottery Ticket Hypothesis');
    expect(lookup.autocomplete('how pow')[0]?.name).toBe('How Powerful are Graph Neural Networks?');
  });

  it('resolves the ambiguous "lottery ticket" to both lottery-ticket papers', () => {
    const result = lookup.lookup('lottery ticket');
    expect(result.kind).toBe('ambiguous');
    if (result.kind === 'ambiguous') {
      expect(result.candidates.map((p) => p.title).sort()).toEqual([
        'Low-rank lottery tickets: finding efficient low-rank neural networks via matrix differential equations',
        'Stabilizing the Lottery Ticket Hypothesis',
      ]);
    }
  });
});

describe('truncateAtWord', () => {
  it('keeps short text, cuts long text at a word boundary and adds an ellipsis', () => {
    expect(truncateAtWord('Short  title', 100)).toBe('Short title');
    expect(truncateAtWord('alpha beta gamma delta', 12)).toBe('alpha beta…');
    expect(truncateAtWord('alpha beta, gamma', 13)).toBe('alpha beta…');
    expect(truncateAtWord('abcdefghijklmnop', 8)).toBe('abcdefg…');
    expect(truncateAtWord('alpha beta gamma delta', 12).length).toBeLessThanOrEqual(12);
  });
});

describe('topPositions', () => {
  it('returns the first positions in the given order without sorting them all, ties as the order says', () => {
    const keys = [5, 9, 1, 9, 3];
    const order = (a: number, b: number) => keys[b]! - keys[a]! || a - b;
    expect(topPositions(5, 3, order)).toEqual([1, 3, 0]);
    expect(topPositions(5, 0, order)).toEqual([]);
    expect(topPositions(2, 5, order)).toEqual([1, 0]);
    const many = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const byMany = (a: number, b: number) => many[b]! - many[a]! || a - b;
    const expected = Array.from({ length: 1000 }, (_, i) => i).sort(byMany).slice(0, 10);
    expect(topPositions(1000, 10, byMany)).toEqual(expected);
  });
});
describe('topByTotal', () => {
  it('returns the highest totals, ties by lower index, both for few and for many candidates', () => {
    const totals = Float64Array.from([0.5, 0.9, 0.1, 0.9, 0.3]);
    expect(topByTotal([0, 1, 2, 3, 4], totals, 3)).toEqual([1, 3, 0]);
    // Many candidates: the histogram cut-off must keep exactly the true top ones.
    const many = new Float64Array(1000);
    for (let i = 0; i < 1000; i += 1) many[i] = (i * 7919) % 1000;
    const indices = Array.from({ length: 1000 }, (_, i) => i);
    const expected = [...indices].sort((a, b) => many[b]! - many[a]! || a - b).slice(0, 10);
    expect(topByTotal(indices, many, 10)).toEqual(expected);
  });
});
