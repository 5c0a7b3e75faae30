import { describe, expect, it } from 'vitest';
import { centralityScores } from '../../src/answers/centrality.js';
import { conceptShare } from '../../src/answers/extract.js';
import { selectByMmr } from '../../src/answers/mmr.js';
import { centroidDense, centroidSparse, clamp01, cosineDense, cosineSparse, similarityMatrix } from '../../src/answers/vectors.js';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('cosineDense', () => {
  it('gives 1 for parallel, 0 for orthogonal, -1 for opposite vectors', () => {
    expect(cosineDense(v(1, 0), v(3, 0))).toBeCloseTo(1);
    expect(cosineDense(v(1, 0), v(0, 2))).toBeCloseTo(0);
    expect(cosineDense(v(1, 1), v(-1, -1))).toBeCloseTo(-1);
    expect(cosineDense(v(3, 4), v(4, 3))).toBeCloseTo(24 / 25);
  });
  it('gives 0 for a zero vector or different lengths', () => {
    expect(cosineDense(v(0, 0), v(1, 0))).toBe(0);
    expect(cosineDense(v(1, 0), v(1, 0, 0))).toBe(0);
  });
});

describe('cosineSparse', () => {
  it('matches the dense cosine on the shared terms', () => {
    const a = new Map([['x', 3], ['y', 4]]);
    const b = new Map([['x', 4], ['y', 3], ['z', 0]]);
    expect(cosineSparse(a, b)).toBeCloseTo(24 / 25);
    expect(cosineSparse(a, new Map([['q', 1]]))).toBe(0);
    expect(cosineSparse(new Map(), a)).toBe(0);
  });
});

describe('centroidDense', () => {
  it('is the normalised mean', () => {
    const c = centroidDense([v(1, 0), v(0, 1)])!;
    expect(c[0]).toBeCloseTo(Math.SQRT1_2);
    expect(c[1]).toBeCloseTo(Math.SQRT1_2);
    expect(centroidDense([])).toBeUndefined();
  });
});

describe('centroidSparse', () => {
  it('averages every term over all vectors, absent counting 0', () => {
    const c = centroidSparse([new Map([['a', 1], ['b', 0.5]]), new Map([['a', 0.5]])]);
    expect(c.get('a')).toBeCloseTo(0.75);
    expect(c.get('b')).toBeCloseTo(0.25);
  });
});

describe('similarityMatrix', () => {
  it('is symmetric with ones on the diagonal', () => {
    const m = similarityMatrix([1, 2, 4], (a, b) => Math.min(a, b) / Math.max(a, b));
    expect(m).toEqual([
      [1, 0.5, 0.25],
      [0.5, 1, 0.5],
      [0.25, 0.5, 1],
    ]);
  });
});

describe('clamp01', () => {
  it('clamps into [0, 1]', () => {
    expect([clamp01(-0.2), clamp01(0.3), clamp01(1.5)]).toEqual([0, 0.3, 1]);
  });
});

describe('centralityScores', () => {
  it('is the mean similarity to the other items', () => {
    const m = [
      [1, 0.8, 0.6],
      [0.8, 1, 0.2],
      [0.6, 0.2, 1],
    ];
    const [a, b, c] = centralityScores(m);
    expect(a).toBeCloseTo(0.7);
    expect(b).toBeCloseTo(0.5);
    expect(c).toBeCloseTo(0.4);
  });

  it('scores only the candidate rows, while context rows still vote', () => {
    // Item 2 is the title: not a candidate, but it makes item 1 (close to it) more central than item 0.
    const m = [
      [1, 0.5, 0],
      [0.5, 1, 0.9],
      [0, 0.9, 1],
    ];
    const scores = centralityScores(m, 2);
    expect(scores).toHaveLength(2);
    expect(scores[0]).toBeCloseTo(0.25);
    expect(scores[1]).toBeCloseTo(0.7);
  });

  it('gives a single item centrality 1', () => {
    expect(centralityScores([[1]])).toEqual([1]);
  });

  it('finds the hub of hand-made sentence vectors', () => {
    // Sentence 1 lies between the others; sentence 3 is off-topic.
    const vectors = [v(1, 0, 0), v(1, 1, 0), v(0, 1, 0), v(0, 0, 1)];
    const scores = centralityScores(similarityMatrix(vectors, cosineDense));
    expect(scores.indexOf(Math.max(...scores))).toBe(1);
    expect(scores[3]).toBe(0);
  });
});


describe('selectByMmr', () => {
  // Items 0 and 1 are near-duplicates; item 2 is less relevant but new.
  const vectors = [v(1, 0), v(0.99, 0.14), v(0, 1)];
  const relevance = [0.9, 0.85, 0.6];
  const similarity = (i: number, j: number) => cosineDense(vectors[i]!, vectors[j]!);

  it('with λ = 1 ranks by relevance alone', () => {
    expect(selectByMmr(relevance, similarity, { count: 3, lambda: 1 })).toEqual([0, 1, 2]);
  });

  it('with a balanced λ skips the near-duplicate for the novel item', () => {
    // Second pick: item 1 scores 0.5·0.85 − 0.5·0.99 < 0; item 2 scores 0.5·0.6 − 0 = 0.3.
    expect(selectByMmr(relevance, similarity, { count: 2, lambda: 0.5 })).toEqual([0, 2]);
  });

  it('honours a constraint and stops when nothing is allowed', () => {
    expect(selectByMmr(relevance, similarity, { count: 3, lambda: 1, allow: (i) => i !== 0 })).toEqual([1, 2]);
    expect(selectByMmr(relevance, similarity, { count: 3, lambda: 1, allow: () => false })).toEqual([]);
  });

  it('breaks ties by the lower index and rejects λ outside [0, 1]', () => {
    expect(selectByMmr([0.5, 0.5], () => 0, { count: 1, lambda: 0.7 })).toEqual([0]);
    expect(() => selectByMmr([1], () => 0, { count: 1, lambda: 1.5 })).toThrow(/lambda/);
  });
});

describe('conceptShare', () => {
  it('is the share of the query weight on held terms', () => {
    const query = new Map([['spars', 3], ['attent', 1]]);
    expect(conceptShare(query, (t) => t === 'spars')).toBeCloseTo(0.75);
    expect(conceptShare(query, () => true)).toBe(1);
    expect(conceptShare(new Map(), () => true)).toBe(0);
  });
});
