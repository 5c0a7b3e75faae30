import { describe, expect, it } from 'vitest';
import { createTypoIndex, deletions, editDistance, maxEditsFor } from '../../src/search/typo.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('network', 'network')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('netwrok', 'network')).toBe(1);
  });

  it('is optimal string alignment: a transposed pair is not edited again', () => {
    // True Damerau-Levenshtein gives 2 (ca → ac → abc); OSA gives 3.
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('stops at the bound and returns max + 1', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcd', 1)).toBe(2);
  });
});

describe('deletions', () => {
  it('lists every string with 1..depth characters removed', () => {
    expect([...deletions('abc', 1)].sort()).toEqual(['ab', 'ac', 'bc']);
    expect([...deletions('abc', 2)].sort()).toEqual(['a', 'ab', 'ac', 'b', 'bc', 'c']);
  });
});

describe('maxEditsFor', () => {
  it('allows no edit under 4 characters, 1 up to 7, 2 from 8', () => {
    expect(maxEditsFor('gan')).toBe(0);
    expect(maxEditsFor('densly')).toBe(1);
    expect(maxEditsFor('conected')).toBe(2);
  });
});

describe('createTypoIndex', () => {
  const build = (...words: string[]) => {
    const index = createTypoIndex();
    for (const w of words) index.add(w);
    return index;
  };

  it('finds words one edit away, closest first', () => {
    const index = build('densely', 'dense', 'density', 'connected');
    expect(index.fuzzy('densly', 1)).toEqual([{ word: 'densely', distance: 1 }]);
  });

  it('finds words two edits away for long words', () => {
    const index = build('representations', 'representation');
    expect(index.fuzzy('representashions', 2)).toEqual([
      { word: 'representations', distance: 2 },
    ]);
  });

  it('finds a word missing two letters of the query', () => {
    const index = build('network');
    expect(index.fuzzy('networkss', 2)).toEqual([{ word: 'network', distance: 2 }]);
  });

  it('never returns the word itself and nothing with a zero budget', () => {
    const index = build('network');
    expect(index.fuzzy('network', 1)).toEqual([]);
    expect(index.fuzzy('netwrok', 0)).toEqual([]);
  });

  it('lists completions of a prefix alphabetically, up to the limit, including words added later', () => {
    const index = build('prune', 'pruning', 'prior', 'pr');
    expect(index.withPrefix('pr', 10)).toEqual(['prior', 'prune', 'pruning']);
    expect(index.withPrefix('pru', 1)).toEqual(['prune']);
    index.add('prudent');
    expect(index.withPrefix('pru', 10)).toEqual(['prudent', 'prune', 'pruning']);
  });

  it('answers prefix queries across many batches of additions', () => {
    const index = createTypoIndex();
    for (let i = 0; i < 2000; i++) index.add(`w${String(i).padStart(4, '0')}`);
    expect(index.size).toBe(2000);
    expect(index.withPrefix('w199', 20)).toEqual(['w1990', 'w1991', 'w1992', 'w1993', 'w1994', 'w1995', 'w1996', 'w1997', 'w1998', 'w1999']);
  });
});
