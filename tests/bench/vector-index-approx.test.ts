import { describe, expect, it } from 'vitest';
import { createVectorIndex } from '../../src/search/vector-index.js';
import { createRandom } from '../../test-support/random.js';
import { recall } from '../../scripts/bench/stats.js';

const DIMENSION = 384;

/** Normalised vectors around a few random centres, like embeddings of papers on a few topics. */
function clusteredVectors(count: number, seed: number): Float32Array[] {
  const random = createRandom(seed);
  const gaussian = () => random() + random() + random() - 1.5;
  const centres = Array.from({ length: 12 }, () => Float32Array.from({ length: DIMENSION }, gaussian));
  return Array.from({ length: count }, (_, i) => {
    const centre = centres[i % centres.length]!;
    const v = Float32Array.from(centre, (c) => c + 0.5 * gaussian());
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe('createVectorIndex beyond exactUpTo', () => {
  // Queries come from the same topics as the indexed vectors (but are not indexed themselves).
  const all = clusteredVectors(3040, 1);
  const vectors = all.slice(0, 3000);
  const queries = all.slice(3000);
  const index = createVectorIndex(DIMENSION, { exactUpTo: 500 });
  vectors.forEach((v, i) => index.add(`p${i}`, v));

  it('finds nearly all of the exact top 10, with exact scores', () => {
    let total = 0;
    for (const q of queries) {
      const exact = index.searchExact(q, 10);
      const approx = index.search(q, 10);
      total += recall(exact.map((h) => h.id), approx.map((h) => h.id));
      for (const hit of approx) expect(hit.score).toBeCloseTo(exact.find((h) => h.id === hit.id)?.score ?? index.searchExact(q, 3000).find((h) => h.id === hit.id)!.score, 5);
    }
    expect(total / queries.length).toBeGreaterThan(0.95);
  });

  it('finds more of the exact top 10 than the Hamming distance alone at the same exact share', () => {
    const recallOf = (hammingShare: number) => {
      const narrow = createVectorIndex(DIMENSION, { exactUpTo: 500, candidatesPerResult: 1, candidateShare: 0.01, hammingShare });
      vectors.forEach((v, i) => narrow.add(`p${i}`, v));
      return queries.reduce((sum, q) => sum + recall(index.searchExact(q, 10).map((h) => h.id), narrow.search(q, 10).map((h) => h.id)), 0) / queries.length;
    };
    // 30 vectors scored exactly: the 30 nearest by Hamming distance, or the best 30 of the nearest 300 by the estimate.
    const hammingOnly = recallOf(0.01);
    const withEstimate = recallOf(0.1);
    expect(withEstimate).toBeGreaterThan(hammingOnly);
  });

  it('is exhaustive up to exactUpTo vectors', () => {
    const small = createVectorIndex(DIMENSION, { exactUpTo: 5000 });
    vectors.forEach((v, i) => small.add(`p${i}`, v));
    for (const q of queries.slice(0, 5)) expect(small.search(q, 10)).toEqual(small.searchExact(q, 10));
  });

  it('follows replaced vectors and respects the filter', () => {
    const target = queries[0]!;
    index.add('p7', target);
    expect(index.search(target, 1)[0]).toEqual({ id: 'p7', score: expect.closeTo(1, 5) });
    const hits = index.search(target, 5, (id) => id !== 'p7');
    expect(hits.map((h) => h.id)).not.toContain('p7');
    expect(hits).toHaveLength(5);
  });

  it('falls back to the exhaustive search when the filter leaves too few of the shortlist', () => {
    const only = new Set(['p1', 'p2', 'p3']);
    expect(index.search(queries[1]!, 3, (id) => only.has(id)).map((h) => h.id).sort()).toEqual(['p1', 'p2', 'p3']);
  });
});
