import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildHammingModule } from '../../scripts/build-wasm.js';
import { createSimdHamming, simdHammingAvailable } from '../../src/search/hamming-simd.js';
import { createVectorIndex } from '../../src/search/vector-index.js';
import { createRandom, type Random } from '../../test-support/random.js';

describe('hamming-wasm.ts', () => {
  it('is the compiled hamming.wat (run `npm run build-wasm` after editing it)', async () => {
    const committed = await readFile(new URL('../../src/search/wasm/hamming-wasm.ts', import.meta.url), 'utf8');
    expect(committed).toBe(await buildHammingModule());
  });
});

describe('simdHammingAvailable', () => {
  it('is true on the supported Node versions (WebAssembly SIMD since Node 16.4)', () => {
    expect(simdHammingAvailable()).toBe(true);
  });
});

describe('createSimdHamming', () => {
  it('counts differing bits per code and codes per distance', () => {
    const simd = createSimdHamming(4)!;
    const codes = simd.reserve(3);
    codes.set([0, 0, 0, 0, /**/ -1, -1, -1, -1, /**/ 0b1011, 0, 1 << 31, 0]);
    const { distances, histogram } = simd.scan(Int32Array.from([1, 0, 0, 0]), 3);
    expect([...distances]).toEqual([1, 127, 3]);
    expect(histogram[1]).toBe(1);
    expect(histogram[3]).toBe(1);
    expect(histogram[127]).toBe(1);
    expect(histogram.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('keeps the stored codes when its memory grows', () => {
    const simd = createSimdHamming(4)!;
    simd.reserve(1).set([7, 0, 0, 0]);
    const grown = simd.reserve(20_000); // past the first 64 KB page
    grown.set([0, 0, 0, -1], 19_999 * 4);
    const { distances } = simd.scan(new Int32Array(4), 20_000);
    expect(distances[0]).toBe(3);
    expect(distances[19_999]).toBe(32);
  });

  it('computes the dot products of the given slots, in their order, across chunks', () => {
    const simd = createSimdHamming(4, 4)!;
    const vectors = Array.from({ length: 100 }, (_, n) => Float32Array.from([n, 0.5, -1, 2]));
    const seen: Array<[number, number]> = [];
    simd.dots!(Float32Array.from([1, 2, 3, 0.25]), vectors, Uint32Array.from([99, 0, 7, ...Array(80).fill(1)]), (slot, score) =>
      seen.push([slot, score]),
    );
    expect(seen.slice(0, 3)).toEqual([
      [99, 99 + 1 - 3 + 0.5],
      [0, -1.5],
      [7, 5.5],
    ]);
    expect(seen).toHaveLength(83);
    expect(seen[82]).toEqual([1, -0.5]);
  });

  it('sums the table entries of each code byte for the given slots', () => {
    const simd = createSimdHamming(4)!;
    const codes = simd.reserve(3);
    codes.set([0x0201, 0, 0, 0, /**/ 0, 0, 0, 0, /**/ -1, -1, -1, -1]);
    // table[p][v] = p + v / 1000 (exact in f32 up to rounding, computed alike here).
    const table = Float32Array.from({ length: 16 * 256 }, (_, i) => (i >> 8) + (i & 255) / 1000);
    const expected = (bytes: number[]) => bytes.reduce((sum, v, p) => sum + (table[p * 256 + v] as number), 0);
    const got = [...simd.estimates(table, Uint32Array.from([2, 0, 1]))];
    const bytes0 = [1, 2, ...Array(14).fill(0)];
    expect(got[0]).toBeCloseTo(expected(Array(16).fill(255)), 9);
    expect(got[1]).toBeCloseTo(expected(bytes0), 9);
    expect(got[2]).toBeCloseTo(expected(Array(16).fill(0)), 9);
    expect(got[1]! - got[2]!).toBeCloseTo(0.003, 6);
  });

  it('has no dot products for dimensions that are not a multiple of 4', () => {
    expect(createSimdHamming(4, 6)!.dots).toBeUndefined();
  });

  it('is unavailable for code lengths the module does not handle (the index scans in JavaScript)', () => {
    expect(createSimdHamming(3)).toBeNull();
    expect(createSimdHamming(128)).toBeNull();
  });
});

/** A unit vector near one of a few centres (clustered like sentence embeddings, so the shortlist matters). */
function clustered(random: Random, centres: Float32Array[], dimension: number): Float32Array {
  const centre = centres[Math.floor(random() * centres.length)]!;
  const v = Float32Array.from({ length: dimension }, (_, d) => centre[d]! + (random() - 0.5) * 0.6);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

describe('createVectorIndex with and without SIMD', () => {
  it('finds the same ids and scores on seeded vectors, also after adding and replacing vectors', () => {
    const dimension = 128;
    const random = createRandom(12);
    const centres = Array.from({ length: 8 }, () => Float32Array.from({ length: dimension }, () => random() - 0.5));
    const options = { exactUpTo: 100, candidatesPerResult: 5, hammingShare: 0.1 };
    const wasm = createVectorIndex(dimension, { ...options, simd: true });
    const js = createVectorIndex(dimension, { ...options, simd: false });
    const add = (id: string, vector: Float32Array) => {
      wasm.add(id, vector);
      js.add(id, vector);
    };
    const queries = Array.from({ length: 20 }, () => clustered(random, centres, dimension));
    const compare = () => {
      for (const query of queries) expect(wasm.search(query, 10)).toEqual(js.search(query, 10));
    };
    for (let n = 0; n < 3000; n++) add(`p${n}`, clustered(random, centres, dimension));
    compare();
    // Grows the codes (and the module's memory) at run time, and replaces some vectors.
    for (let n = 3000; n < 9000; n++) add(`p${n}`, clustered(random, centres, dimension));
    for (let n = 0; n < 500; n += 7) add(`p${n}`, clustered(random, centres, dimension));
    compare();
    // The shortlist is approximate: some results differ from the exhaustive search, identically on both paths.
    const exact = queries.map((q) => js.searchExact(q, 10).map((h) => h.id).join());
    expect(queries.filter((q, i) => js.search(q, 10).map((h) => h.id).join() !== exact[i]).length).toBeGreaterThan(0);
  });
});
