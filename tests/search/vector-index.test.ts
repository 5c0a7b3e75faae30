import { describe, expect, it } from 'vitest';
import { createVectorIndex } from '../../src/search/vector-index.js';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('createVectorIndex', () => {
  it('returns the k most similar ids by dot product, best first', () => {
    const index = createVectorIndex(2);
    index.add('east', v(1, 0));
    index.add('north', v(0, 1));
    index.add('north-east', v(Math.SQRT1_2, Math.SQRT1_2));
    index.add('west', v(-1, 0));

    const hits = index.search(v(0.6, 0.8), 3);

    expect(hits.map((h) => h.id)).toEqual(['north-east', 'north', 'east']);
    expect(hits[0]?.score).toBeCloseTo(0.6 * Math.SQRT1_2 + 0.8 * Math.SQRT1_2, 6);
    expect(hits[1]?.score).toBeCloseTo(0.8, 6);
    expect(hits[2]?.score).toBeCloseTo(0.6, 6);
  });

  it('breaks equal scores by id ascending, also at the cut-off', () => {
    const index = createVectorIndex(2);
    for (const id of ['d', 'b', 'e', 'a', 'c']) index.add(id, v(1, 0));
    index.add('best', v(0, 1));

    expect(index.search(v(0, 1), 1).map((h) => h.id)).toEqual(['best']);
    expect(index.search(v(1, 0), 3).map((h) => h.id)).toEqual(['a', 'b', 'c']);
    expect(index.search(v(1, 0), 10).map((h) => h.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'best']);
  });

  it('keeps every vector when growing past the initial capacity', () => {
    const index = createVectorIndex(3, { initialCapacity: 2 });
    const axes = [v(1, 0, 0), v(0, 1, 0), v(0, 0, 1)];
    for (let i = 0; i < 9; i++) index.add(`p${i}`, axes[i % 3] as Float32Array);

    expect(index.size).toBe(9);
    expect(index.ids()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']);
    expect(index.get('p7')).toEqual(v(0, 1, 0));
    expect(index.search(v(0, 0, 1), 3).map((h) => h.id)).toEqual(['p2', 'p5', 'p8']);
  });

  it('replaces the vector of an existing id without adding a slot', () => {
    const index = createVectorIndex(2);
    index.add('a', v(1, 0));
    index.add('b', v(0, 1));
    index.add('a', v(0, -1));

    expect(index.size).toBe(2);
    expect(index.get('a')).toEqual(v(0, -1));
    expect(index.search(v(0, 1), 2)).toEqual([
      { id: 'b', score: 1 },
      { id: 'a', score: -1 },
    ]);
  });

  it('only ranks ids accepted by the filter', () => {
    const index = createVectorIndex(2);
    index.add('x1', v(1, 0));
    index.add('y1', v(0.9, 0.1));
    index.add('x2', v(0.5, 0.5));

    expect(index.search(v(1, 0), 5, (id) => id.startsWith('x')).map((h) => h.id)).toEqual(['x1', 'x2']);
  });

  it('returns nothing for a non-positive limit and at most size hits', () => {
    const index = createVectorIndex(2);
    index.add('a', v(1, 0));
    expect(index.search(v(1, 0), 0)).toEqual([]);
    expect(index.search(v(1, 0), 5)).toHaveLength(1);
    expect(createVectorIndex(2).search(v(1, 0), 5)).toEqual([]);
  });

  it('stores a copy, so later changes to the caller array do not leak in', () => {
    const index = createVectorIndex(2);
    const vec = v(1, 0);
    index.add('a', vec);
    vec[0] = -1;
    expect(index.get('a')).toEqual(v(1, 0));
  });

  it('rejects vectors and queries of another dimension with a clear error', () => {
    const index = createVectorIndex(3);
    expect(() => index.add('a', v(1, 0))).toThrow(/"a" has 2 dimensions, the index holds 3-dimensional/);
    expect(() => index.search(v(1, 0, 0, 0), 1)).toThrow(/query has 4 dimensions/);
    expect(() => createVectorIndex(0)).toThrow(/dimension must be a positive integer/);
  });
});

describe('createVectorIndex search beyond exactUpTo', () => {
  // q agrees in sign with A on the dimensions that weigh most, with B on more dimensions: the Hamming distance of
  // the codes prefers B, the centred query against the codes (and the exact score) prefer A. −A and −B centre the mean.
  const q = v(0.9, 0.3, 0.3, 0.2);
  const vectors: Array<[string, Float32Array]> = [
    ['A', v(1, -0.1, -0.1, 0.1)],
    ['B', v(-0.1, 0.7, 0.7, 0.1)],
    ['-A', v(-1, 0.1, 0.1, -0.1)],
    ['-B', v(0.1, -0.7, -0.7, -0.1)],
  ];
  const build = (hammingShare: number) => {
    const index = createVectorIndex(4, { exactUpTo: 0, candidatesPerResult: 1, candidateShare: 0, hammingShare });
    for (const [id, vector] of vectors) index.add(id, vector);
    return index;
  };

  it('ranks the Hamming shortlist by the centred query before scoring exactly', () => {
    expect(build(1).searchExact(q, 1).map((h) => h.id)).toEqual(['A']);
    // Every vector passes the Hamming step; the asymmetric estimate keeps A, the exact top 1.
    expect(build(1).search(q, 1)).toEqual([{ id: 'A', score: expect.closeTo(0.86, 5) }]);
    // A Hamming shortlist of one keeps B only.
    expect(build(0.25).search(q, 1).map((h) => h.id)).toEqual(['B']);
  });
});
