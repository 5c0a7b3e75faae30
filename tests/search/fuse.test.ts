import { describe, expect, it } from 'vitest';
import { compareHits, fuseReciprocalRank, fuseWeighted, normalizeByMax } from '../../src/search/fuse.js';

describe('fuseWeighted', () => {
  it('computes the normalised weighted sum with missing signals as 0', () => {
    const fused = fuseWeighted(
      [
        { id: 'a', keyword: 1, semantic: 0.5 },
        { id: 'b', keyword: null, semantic: 0.9 },
        { id: 'c', keyword: 0.2, semantic: null },
      ],
      { keyword: 3, semantic: 1 },
    );
    expect(fused.map((h) => [h.id, h.score])).toEqual([
      ['a', (3 * 1 + 0.5) / 4],
      ['b', 0.9 / 4],
      ['c', (3 * 0.2) / 4],
    ]);
  });

  it('records each signal rank and breaks ties by id', () => {
    const fused = fuseWeighted(
      [
        { id: 'z', keyword: 0.5, semantic: 0.5 },
        { id: 'y', keyword: 0.5, semantic: 0.5 },
        { id: 'x', keyword: 0.9, semantic: 0 },
      ],
      { keyword: 1, semantic: 1 },
    );
    expect(fused.map((h) => h.id)).toEqual(['y', 'z', 'x']);
    expect(fused.find((h) => h.id === 'x')).toMatchObject({ keywordRank: 1, semanticRank: 3 });
    expect(fused.find((h) => h.id === 'y')).toMatchObject({ keywordRank: 2, semanticRank: 1 });
  });

  it('refuses all-zero weights', () => {
    expect(() => fuseWeighted([], { keyword: 0, semantic: 0 })).toThrow(RangeError);
  });
});

describe('fuseReciprocalRank', () => {
  it('scores 1 for a paper ranked first by both signals and sums 1/(k + rank)', () => {
    const fused = fuseReciprocalRank(
      { keyword: [{ id: 'a', score: 9 }, { id: 'b', score: 5 }], semantic: [{ id: 'a', score: 0.8 }, { id: 'c', score: 0.7 }] },
      { keyword: 1, semantic: 1 },
      60,
    );
    expect(fused[0]).toMatchObject({ id: 'a', score: 1, keywordRank: 1, semanticRank: 1 });
    const best = 2 / 61;
    expect(fused.find((h) => h.id === 'b')!.score).toBeCloseTo(1 / 62 / best, 12);
    // b and c are each ranked second by one signal: equal scores, id order.
    expect(fused.map((h) => h.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('normalizeByMax', () => {
  it('scales the best hit to 1 and maps an all-zero list to zeros', () => {
    expect(normalizeByMax([{ id: 'a', score: 4 }, { id: 'b', score: 1 }])).toEqual([{ id: 'a', score: 1 }, { id: 'b', score: 0.25 }]);
    expect(normalizeByMax([{ id: 'a', score: 0 }])).toEqual([{ id: 'a', score: 0 }]);
  });
});

describe('compareHits', () => {
  it('orders by score descending then id ascending', () => {
    const hits = [{ id: 'b', score: 1 }, { id: 'a', score: 1 }, { id: 'c', score: 2 }];
    expect(hits.sort(compareHits).map((h) => h.id)).toEqual(['c', 'a', 'b']);
  });
});
