import { describe, expect, it } from 'vitest';
import { compareHits, fuseWeighted } from '../../src/search/fuse.js';

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

describe('compareHits', () => {
  it('orders by score descending then id ascending', () => {
    const hits = [{ id: 'b', score: 1 }, { id: 'a', score: 1 }, { id: 'c', score: 2 }];
    expect(hits.sort(compareHits).map((h) => h.id)).toEqual(['c', 'a', 'b']);
  });
});
