import { describe, expect, it } from 'vitest';
import { median, percentile, recall, summarize } from '../../scripts/bench/stats.js';

const TEN = [5, 1, 9, 3, 7, 2, 8, 4, 10, 6];

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile(TEN, 50)).toBe(5);
    expect(percentile(TEN, 95)).toBe(10);
    expect(percentile(TEN, 10)).toBe(1);
    expect(percentile(TEN, 11)).toBe(2);
    expect(percentile([4], 99)).toBe(4);
  });

  it('refuses no samples or a percentile out of range', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile(TEN, 0)).toThrow(/\(0, 100\]/);
  });
});

describe('median', () => {
  it('averages the middle pair of an even count', () => {
    expect(median(TEN)).toBe(5.5);
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe('summarize', () => {
  it('reports count, percentiles, max and mean', () => {
    expect(summarize(TEN)).toEqual({ samples: 10, p50: 5, p95: 10, p99: 10, max: 10, mean: 5.5 });
  });
});

describe('recall', () => {
  it('is the share of the exact ids found', () => {
    expect(recall(['a', 'b', 'c', 'd'], ['d', 'x', 'a'])).toBe(0.5);
    expect(recall([], ['x'])).toBe(1);
  });
});
