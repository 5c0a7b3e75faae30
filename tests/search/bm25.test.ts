import { describe, expect, it } from 'vitest';
import { bm25fTermScore, bm25TermScore, idf, lengthNorm, maxTermScore, normalizedTf, pseudoTf, saturate, titleBodyPseudoTf } from '../../src/search/bm25.js';

// Three-document fixture (one field, terms already analysed):
//   d1 = [cat, sat, mat]   d2 = [cat, cat, dog]   d3 = [dog, bird]
// n = 3, average length = 8/3, k1 = 1.2, b = 0.75.
const N = 3;
const AVG = 8 / 3;
const params = { k1: 1.2 };

describe('idf', () => {
  it('is ln(1 + (n - df + 0.5) / (df + 0.5))', () => {
    // cat: df 2 → ln(1 + 1.5/2.5) = ln 1.6
    expect(idf(2, N)).toBeCloseTo(Math.log(1.6), 12);
    expect(idf(2, N)).toBeCloseTo(0.470004, 6);
    // bird: df 1 → ln(1 + 2.5/1.5) = ln(8/3)
    expect(idf(1, N)).toBeCloseTo(0.980829, 6);
  });

  it('stays positive for a term in every document and grows as the term gets rarer', () => {
    expect(idf(3, N)).toBeGreaterThan(0);
    expect(idf(1, N)).toBeGreaterThan(idf(2, N));
  });

  it('rejects df above n', () => {
    expect(() => idf(4, 3)).toThrow(/df=4, n=3/);
  });
});

describe('normalizedTf', () => {
  it('divides tf by 1 - b + b·len/avg', () => {
    // d2, cat: 2 / (0.25 + 0.75 · 3/(8/3)) = 2 / 1.09375
    expect(normalizedTf({ tf: 2, length: 3, avgLength: AVG, b: 0.75 })).toBeCloseTo(2 / 1.09375, 12);
  });

  it('ignores length when b = 0 and returns 0 for an absent term', () => {
    expect(normalizedTf({ tf: 3, length: 100, avgLength: 2, b: 0 })).toBe(3);
    expect(normalizedTf({ tf: 0, length: 3, avgLength: AVG, b: 0.75 })).toBe(0);
  });
});

describe('saturate', () => {
  it('is idf·tf·(k1+1)/(tf+k1) and 0 for tf 0', () => {
    expect(saturate(1, 2, params)).toBeCloseTo((2 * 2.2) / 2.2, 12);
    expect(saturate(0, 2, params)).toBe(0);
  });
});

describe('bm25TermScore', () => {
  it('matches hand-computed scores on the three-document fixture', () => {
    const idfCat = idf(2, N);
    // d2: tf' = 1.828571, 1.828571·2.2/3.028571 = 1.328302, × 0.470004
    expect(bm25TermScore({ tf: 2, length: 3, avgLength: AVG, b: 0.75 }, idfCat, params)).toBeCloseTo(0.624307, 6);
    // d1: tf' = 1/1.09375 = 0.914286 → 0.914286·2.2/2.114286 × 0.470004
    expect(bm25TermScore({ tf: 1, length: 3, avgLength: AVG, b: 0.75 }, idfCat, params)).toBeCloseTo(0.447139, 6);
    // d3, bird: tf' = 1/(0.25 + 0.75·0.75) = 1.230769 → × ln(8/3)
    expect(bm25TermScore({ tf: 1, length: 2, avgLength: AVG, b: 0.75 }, idf(1, N), params)).toBeCloseTo(1.092569, 6);
  });
});

describe('pseudoTf', () => {
  it('sums weighted, length-normalised field frequencies', () => {
    // title: 2 · 1/(0.5 + 0.5·2/4) = 2.666667; abstract: 3/(0.25 + 0.75·10/8) = 2.526316
    const fields = [
      { tf: 1, length: 2, avgLength: 4, weight: 2, b: 0.5 },
      { tf: 3, length: 10, avgLength: 8, weight: 1, b: 0.75 },
    ];
    expect(pseudoTf(fields)).toBeCloseTo(5.192982, 6);
  });
});

describe('titleBodyPseudoTf', () => {
  it('is pseudoTf of a title and a body of weight 1, from precomputed length normalisers', () => {
    // Same fields as above: 2.666667 + 2.526316.
    expect(titleBodyPseudoTf(1, 2, lengthNorm(2, 4, 0.5), 3, lengthNorm(10, 8, 0.75))).toBeCloseTo(5.192982, 6);
    expect(titleBodyPseudoTf(0, 3, 1, 0, 1)).toBe(0);
  });
});

describe('bm25fTermScore', () => {
  it('saturates the combined frequency once', () => {
    const fields = [
      { tf: 1, length: 2, avgLength: 4, weight: 2, b: 0.5 },
      { tf: 3, length: 10, avgLength: 8, weight: 1, b: 0.75 },
    ];
    // 2 · 5.192982·2.2/(5.192982 + 1.2)
    expect(bm25fTermScore(fields, 2, params)).toBeCloseTo(3.574094, 6);
  });

  it('equals single-field BM25 for one field of weight 1', () => {
    const stats = { tf: 2, length: 3, avgLength: AVG, b: 0.75 };
    expect(bm25fTermScore([{ ...stats, weight: 1 }], 0.47, params)).toBeCloseTo(bm25TermScore(stats, 0.47, params), 12);
  });
});

describe('maxTermScore', () => {
  it('is the limit idf·(k1+1) that no finite frequency reaches', () => {
    expect(maxTermScore(2, params)).toBeCloseTo(4.4, 12);
    expect(saturate(1e6, 2, params)).toBeLessThan(maxTermScore(2, params));
  });
});
