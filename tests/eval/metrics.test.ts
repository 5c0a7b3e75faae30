import { describe, expect, it } from 'vitest';
import { dcgAtK, gain, mean, ndcgAtK, recallAtK } from '../../scripts/eval-metrics.js';

// Judgments: a = 3 (exact), c = 2 (highly relevant), b = 1 (related); x is unjudged.
const judgments = new Map([
  ['a', 3],
  ['b', 1],
  ['c', 2],
]);

describe('gain', () => {
  it('is 2^grade − 1', () => {
    expect([0, 1, 2, 3].map(gain)).toEqual([0, 1, 3, 7]);
  });
});

describe('dcgAtK', () => {
  it('discounts by log2(rank + 1)', () => {
    // b at 1: 1/1; x at 2: 0; a at 3: 7/log2(4) = 3.5
    expect(dcgAtK(['b', 'x', 'a'], judgments, 3)).toBeCloseTo(4.5, 12);
    expect(dcgAtK(['b', 'x', 'a'], judgments, 2)).toBeCloseTo(1, 12);
  });
});

describe('ndcgAtK', () => {
  it('divides by the ideal ordering a, c, b', () => {
    // ideal: 7 + 3/log2(3) + 1/2 = 9.392789
    expect(ndcgAtK(['b', 'x', 'a'], judgments, 3)).toBeCloseTo(4.5 / 9.392789, 6);
    expect(ndcgAtK(['b', 'x', 'a'], judgments, 3)).toBeCloseTo(0.479091, 6);
  });

  it('is 1 for the ideal ranking and 0 when nothing relevant is returned', () => {
    expect(ndcgAtK(['a', 'c', 'b'], judgments, 10)).toBeCloseTo(1, 12);
    expect(ndcgAtK(['x', 'y'], judgments, 10)).toBe(0);
    expect(ndcgAtK([], judgments, 10)).toBe(0);
  });

  it('cuts the ideal ranking at k too', () => {
    // k = 1: a first is ideal regardless of the rest.
    expect(ndcgAtK(['a', 'x'], judgments, 1)).toBe(1);
  });

  it('rejects a query without relevant documents', () => {
    expect(() => ndcgAtK(['a'], new Map(), 10)).toThrow(/no relevant document/);
  });
});

describe('recallAtK', () => {
  it('counts relevant ids found among the first k', () => {
    expect(recallAtK(['b', 'x', 'a'], judgments, 2)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK(['b', 'x', 'a'], judgments, 3)).toBeCloseTo(2 / 3, 12);
  });

  it('can require a minimum grade', () => {
    expect(recallAtK(['b', 'x', 'a'], judgments, 2, 2)).toBe(0);
    expect(recallAtK(['b', 'x', 'a'], judgments, 3, 2)).toBe(0.5);
  });

  it('counts a duplicated id once', () => {
    expect(recallAtK(['a', 'a', 'a'], judgments, 3)).toBeCloseTo(1 / 3, 12);
  });
});

describe('mean', () => {
  it('averages, and is 0 for no values', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBe(0);
  });
});
