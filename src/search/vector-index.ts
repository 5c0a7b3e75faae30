/**
 * Nearest-neighbour index over L2-normalised vectors: cosine similarity = dot product.
 * Each slot holds its vector (a private copy, or the caller's own array when it is shared read-only, as the embedding
 * cache's are: no second copy of 150 MB at 100k papers, and no fresh buffer to fault in at start). Up to `exactUpTo`
 * vectors a search is one linear scan (unrolled, about 1 ns per dimension and vector); the top k are kept in a
 * bounded heap.
 *
 * Beyond that (100k papers: ~40 ms per exact scan), a search narrows the vectors in three steps, each cheaper per
 * vector than the next: (1) every vector by the Hamming distance of 1-bit codes (the sign of each dimension after
 * subtracting the mean vector; 12 words for 384 dimensions, compared with XOR and popcount), keeping 12 % of them;
 * (2) those by an asymmetric estimate, the centred query (in floats) against the same codes (Σ ±q_d, 48 table
 * lookups per vector), which ranks far better than the Hamming distance, keeping `limit × 30` (at least 1/40 of the
 * vectors); (3) those exactly. Inverted lists (k-means) and HNSW graphs were measured and lose on recall, see
 * docs/scaling.md. The three steps run in WebAssembly with SIMD where available (hamming-simd.ts, 2–2.5 times
 * faster at 100k), with the same results.
 */
import type { Hit } from './types.js';
import { createTopK, type TopK } from './top-k.js';
import { createSimdHamming, type SimdHamming } from './hamming-simd.js';

/** Options of {@link createVectorIndex}. */
export interface VectorIndexOptions {
  /** Accepted for compatibility; slots are allocated one vector at a time. */
  initialCapacity?: number;
  /** Largest index searched exhaustively; larger ones preselect on binary codes (default {@link DEFAULT_EXACT_UP_TO}). */
  exactUpTo?: number;
  /** Beyond `exactUpTo`: vectors rescored exactly per wanted result (default 30)… */
  candidatesPerResult?: number;
  /** …and at least this fraction of the vectors (default 1/40). */
  candidateShare?: number;
  /** Fraction of the vectors kept by the Hamming distance for the asymmetric estimate (default 0.12). */
  hammingShare?: number;
  /**
   * Runs the three steps beyond `exactUpTo` in WebAssembly (SIMD) when the runtime supports it (default true; the
   * same distances, estimates and scores as the JavaScript code, which is the fallback and what `false` forces).
   * Filtered searches rescore in JavaScript.
   */
  simd?: boolean;
}

/** In-memory vector index; vectors are expected to be L2-normalised. */
export interface VectorIndex {
  readonly dimension: number;
  /** Number of stored vectors. */
  readonly size: number;
  /**
   * Stores a copy of `vector` under `id`, replacing any previous vector of that id. With `shared`, the array itself
   * is kept: the caller promises never to change it (e.g. vectors of the embedding cache).
   */
  add(id: string, vector: Float32Array, options?: { shared?: boolean }): void;
  /** A copy of the stored vector, or undefined. */
  get(id: string): Float32Array | undefined;
  has(id: string): boolean;
  /** Ids in insertion order. */
  ids(): string[];
  /**
   * The `limit` ids most similar to `query` (dot product), best first; equal scores by id ascending.
   * `filter` restricts the candidates. Exact up to `exactUpTo` vectors, approximate (rescored exactly) beyond.
   */
  search(query: Float32Array, limit: number, filter?: (id: string) => boolean): Hit[];
  /** Like `search`, always exhaustive (the reference for the approximate search's recall). */
  searchExact(query: Float32Array, limit: number, filter?: (id: string) => boolean): Hit[];
  /** Builds the search structures now (after a bulk load) instead of during the first search. */
  prepare(): void;
}

/** Creates an empty index for vectors of `dimension` numbers. */
export function createVectorIndex(dimension: number, options: VectorIndexOptions = {}): VectorIndex {
  if (!Number.isInteger(dimension) || dimension < 1) {
    throw new Error(`vector index: dimension must be a positive integer, got ${String(dimension)}`);
  }
  const exactUpTo = options.exactUpTo ?? DEFAULT_EXACT_UP_TO;
  const perResult = options.candidatesPerResult ?? CANDIDATES_PER_RESULT;
  const candidateShare = options.candidateShare ?? CANDIDATE_SHARE;
  const hammingShare = options.hammingShare ?? HAMMING_SHARE;
  const vectors: Float32Array[] = [];
  const slotIds: string[] = [];
  const slotOf = new Map<string, number>();
  const codes = createBinaryCodes(dimension, options.simd ?? true);
  const simdDots = codes.dots;
  // Equal scores rank by id ascending.
  const bySlotId = (a: number, b: number): boolean => (slotIds[a] as string) < (slotIds[b] as string);

  function checkVector(vector: Float32Array, what: string): void {
    if (!(vector instanceof Float32Array)) {
      throw new TypeError(`vector index: ${what} must be a Float32Array`);
    }
    if (vector.length !== dimension) {
      throw new Error(`vector index: ${what} has ${vector.length} dimensions, the index holds ${dimension}-dimensional vectors`);
    }
  }

  /** Exact scores of `slots` (or of every slot) into the heap. */
  function scan(query: Float32Array, heap: TopK<number>, filter: ((id: string) => boolean) | undefined, slots?: Uint32Array): void {
    const count = slots ? slots.length : slotIds.length;
    for (let n = 0; n < count; n++) {
      const slot = slots ? slots[n]! : n;
      if (filter && !filter(slotIds[slot] as string)) continue;
      heap.offer(slot, dot(vectors[slot] as Float32Array, query, dimension));
    }
  }

  function exact(query: Float32Array, limit: number, filter?: (id: string) => boolean): Hit[] {
    checkVector(query, 'query');
    const k = Math.min(Math.floor(limit), slotIds.length);
    if (!(k > 0)) return [];
    const heap = createTopK<number>(k, bySlotId);
    scan(query, heap, filter);
    return heap.sorted().map((slot) => ({ id: slotIds[slot.item] as string, score: slot.score }));
  }

  return {
    dimension,
    get size() {
      return slotIds.length;
    },
    add(id, vector, addOptions) {
      checkVector(vector, `vector for "${id}"`);
      let slot = slotOf.get(id);
      if (slot === undefined) {
        slot = slotIds.length;
        slotIds.push(id);
        slotOf.set(id, slot);
      }
      vectors[slot] = addOptions?.shared ? vector : Float32Array.from(vector);
      codes.invalidate(slot);
    },
    get(id) {
      const slot = slotOf.get(id);
      return slot === undefined ? undefined : (vectors[slot] as Float32Array).slice();
    },
    has: (id) => slotOf.has(id),
    ids: () => slotIds.slice(),
    searchExact: exact,
    prepare() {
      if (slotIds.length > exactUpTo) codes.refresh(vectors);
    },
    search(query, limit, filter) {
      const k = Math.min(Math.floor(limit), slotIds.length);
      const size = slotIds.length;
      const shortlist = Math.max(k * perResult, Math.ceil(size * candidateShare));
      if (size <= exactUpTo || shortlist >= size) return exact(query, limit, filter);
      checkVector(query, 'query');
      if (!(k > 0)) return [];
      const slots = codes.nearest(vectors, query, shortlist, Math.max(shortlist, Math.ceil(size * hammingShare)));
      const heap = createTopK<number>(k, bySlotId);
      if (simdDots && !filter) simdDots(query, vectors, slots, (slot, score) => heap.offer(slot, score));
      else scan(query, heap, filter, slots);
      const hits = heap.sorted();
      // A filter that rejected most of the shortlist: fall back to the exhaustive search rather than return too few.
      if (hits.length < k) return exact(query, limit, filter);
      return hits.map((slot) => ({ id: slotIds[slot.item] as string, score: slot.score }));
    },
  };
}

/**
 * Largest index searched exhaustively by default: at 5k vectors the exact scan and the codes took the same time on
 * the benchmark's vectors, at 10k the codes were 2.4 times faster (docs/scaling.md).
 */
export const DEFAULT_EXACT_UP_TO = 5_000;
// Defaults of the options above, measured on the benchmark's vectors (docs/scaling.md).
const CANDIDATES_PER_RESULT = 30;
const CANDIDATE_SHARE = 1 / 40;
const HAMMING_SHARE = 0.12;

/** Dot product of the first `n` numbers of `a` and `b`, four accumulators (lets the CPU overlap the multiplies). */
function dot(a: Float32Array, b: Float32Array, n: number): number {
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    d0 += (a[i] as number) * (b[i] as number);
    d1 += (a[i + 1] as number) * (b[i + 1] as number);
    d2 += (a[i + 2] as number) * (b[i + 2] as number);
    d3 += (a[i + 3] as number) * (b[i + 3] as number);
  }
  for (; i < n; i++) d0 += (a[i] as number) * (b[i] as number);
  return d0 + d1 + d2 + d3;
}

/** sum += vector (first n numbers). */
function addInto(sum: Float64Array, vector: Float32Array, n: number): void {
  for (let d = 0; d < n; d++) sum[d] = (sum[d] as number) + (vector[d] as number);
}

/** Writes the 1-bit code of `vector` against `mean` into `codes` from `at` (one 32-bit word per 32 dimensions). */
function encodeInto(codes: Int32Array, at: number, vector: Float32Array, mean: Float32Array, n: number): void {
  // Branch-free inner loop: whether a dimension is above the mean is a coin toss, which a branch predicts badly.
  for (let w = 0; w * 32 < n; w++) {
    let bits = 0;
    const end = Math.min(n, w * 32 + 32);
    for (let d = w * 32; d < end; d++) bits |= +((vector[d] as number) > (mean[d] as number)) << (d & 31);
    codes[at + w] = bits;
  }
}

/**
 * 1-bit codes of the stored vectors: bit d is set when dimension d is above the mean vector's. Codes are computed
 * lazily for the slots that changed; the mean is recomputed (and every code with it) once the index has grown or
 * changed by a tenth since the last time, so it follows the collection without a pass per addition.
 */
function createBinaryCodes(dimension: number, simd: boolean) {
  const words = Math.ceil(dimension / 32);
  const wasm: SimdHamming | null = simd ? createSimdHamming(words, dimension) : null;
  let codes = wasm ? wasm.reserve(0) : new Int32Array(0);
  let mean = new Float32Array(dimension);
  let coded = 0; // slots below this have a code computed with the current mean
  let meanOf = 0; // number of vectors the mean was computed over
  let changed = 0; // slots changed since the mean was computed
  const stale = new Set<number>();
  let distances = new Uint16Array(0); // reused by every search

  const encode = (vector: Float32Array, slot: number) => encodeInto(codes, slot * words, vector, mean, dimension);

  const refresh = (vectors: readonly Float32Array[]) => {
    const size = vectors.length;
    if (codes.length < size * words) {
      const slots = Math.max(size, (codes.length / words) * 2);
      if (wasm) codes = wasm.reserve(slots);
      else {
        const grown = new Int32Array(slots * words);
        grown.set(codes);
        codes = grown;
      }
    }
    if (meanOf === 0 || size > meanOf * 1.1 || changed > meanOf / 10) {
      const sum = new Float64Array(dimension);
      for (const vector of vectors) addInto(sum, vector, dimension);
      mean = Float32Array.from(sum, (v) => v / size);
      meanOf = size;
      changed = 0;
      coded = 0;
      stale.clear();
    }
    for (const slot of stale) if (slot < coded) encode(vectors[slot] as Float32Array, slot);
    stale.clear();
    for (; coded < size; coded++) encode(vectors[coded] as Float32Array, coded);
  };

  return {
    refresh,
    /** Exact dot products in WebAssembly SIMD, when available. */
    dots: wasm?.dots,
    invalidate(slot: number) {
      changed++;
      if (slot < coded) stale.add(slot);
    },
    /**
     * The `count` slots whose codes best match the query: the `hamming` closest by Hamming distance, of which the
     * `count` best by the asymmetric estimate (ties by slot). In slot order.
     */
    nearest(vectors: readonly Float32Array[], query: Float32Array, count: number, hamming: number): Uint32Array {
      refresh(vectors);
      const size = vectors.length;
      const q = new Int32Array(words);
      const centred = new Float64Array(words * 32);
      for (let d = 0; d < dimension; d++) {
        centred[d] = (query[d] as number) - (mean[d] as number);
        if ((centred[d] as number) > 0) q[d >> 5]! |= 1 << (d & 31);
      }
      let histogram: Uint32Array;
      let scanned: Uint16Array;
      if (wasm) ({ distances: scanned, histogram } = wasm.scan(q, size));
      else {
        if (distances.length < size) distances = new Uint16Array(size);
        histogram = new Uint32Array(words * 32 + 2);
        hammingScan(codes, q, words, size, distances, histogram);
        scanned = distances;
      }
      const first = selectSmallest(scanned, histogram, size, hamming);
      // Asymmetric estimate Σ_d ±(q_d − mean_d), by code byte: table[byte position][byte value].
      const table = byteTable(centred, words * 4);
      let estimates: Float64Array;
      if (wasm) estimates = wasm.estimates(table, first);
      else {
        const bytes = new Uint8Array(codes.buffer, codes.byteOffset, size * words * 4);
        estimates = new Float64Array(first.length);
        for (let n = 0; n < first.length; n++) estimates[n] = estimate(bytes, (first[n] as number) * words * 4, words * 4, table);
      }
      let low = Infinity;
      let high = -Infinity;
      for (let n = 0; n < estimates.length; n++) {
        const e = estimates[n] as number;
        if (e < low) low = e;
        if (e > high) high = e;
      }
      return selectLargest(first, estimates, low, high, count);
    },
  };
}

/** Hamming distance of every code (slots 0..size−1) to `q` into `distances`, counted by distance in `histogram`. */
function hammingScan(codes: Int32Array, q: Int32Array, words: number, size: number, distances: Uint16Array, histogram: Uint32Array): void {
  for (let slot = 0; slot < size; slot++) {
    let h = 0;
    const at = slot * words;
    for (let w = 0; w < words; w++) {
      const x = (codes[at + w] as number) ^ (q[w] as number);
      // Bits set in x, summed in parallel within the word (no lookup table to keep in cache).
      let y = x - ((x >>> 1) & 0x55555555);
      y = (y & 0x33333333) + ((y >>> 2) & 0x33333333);
      h += Math.imul((y + (y >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
    }
    distances[slot] = h;
    histogram[h]! += 1;
  }
}

/** The `count` slots of smallest distance, in slot order; slots at the cut-off distance fill the rest in slot order. */
function selectSmallest(distances: Uint16Array, histogram: Uint32Array, size: number, count: number): Uint32Array {
  let cut = 0;
  let below = 0;
  while (cut < histogram.length - 1 && below + (histogram[cut] as number) < count) below += histogram[cut++] as number;
  let ties = count - below;
  const out = new Uint32Array(Math.min(count, size));
  let n = 0;
  for (let slot = 0; slot < size && n < out.length; slot++) {
    const h = distances[slot] as number;
    if (h < cut || (h === cut && ties-- > 0)) out[n++] = slot;
  }
  return out.subarray(0, n);
}

// Buckets of the estimates' range for selecting the best ones in linear time.
const BUCKETS = 1024;

/**
 * The `count` entries of `slots` with the largest `estimates` (in [low, high]), in their order: entries of buckets
 * above the cut-off bucket, then those of the cut-off bucket in order until `count` are taken.
 */
function selectLargest(slots: Uint32Array, estimates: Float64Array, low: number, high: number, count: number): Uint32Array {
  if (slots.length <= count) return slots;
  const scale = high > low ? (BUCKETS - 1) / (high - low) : 0;
  const bucketOf = (e: number) => BUCKETS - 1 - Math.floor((e - low) * scale); // 0 = best
  const histogram = new Uint32Array(BUCKETS);
  for (let n = 0; n < estimates.length; n++) histogram[bucketOf(estimates[n] as number)]! += 1;
  let cut = 0;
  let above = 0;
  while (above + (histogram[cut] as number) < count) above += histogram[cut++] as number;
  let ties = count - above;
  const out = new Uint32Array(count);
  let m = 0;
  for (let n = 0; n < slots.length && m < count; n++) {
    const b = bucketOf(estimates[n] as number);
    if (b < cut || (b === cut && ties-- > 0)) out[m++] = slots[n] as number;
  }
  return out;
}

/** For each code byte position p and byte value v: Σ over the 8 dimensions of byte p of ±centred[d] (+ where v's bit is set). */
function byteTable(centred: Float64Array, bytes: number): Float32Array {
  // Float32: half the size of doubles, so the table (48 KB for 384 dimensions) stays in the CPU's fast cache.
  const table = new Float32Array(bytes * 256);
  for (let p = 0; p < bytes; p++) {
    const base = p * 256;
    // Little-endian words: byte p of the codes holds dimensions 8p … 8p+7, bit j = dimension 8p + j.
    let all = 0;
    for (let j = 0; j < 8; j++) all -= centred[8 * p + j] as number;
    table[base] = all;
    for (let v = 1; v < 256; v++) {
      const j = 31 - Math.clz32(v & -v); // lowest set bit: the value without it is already filled in
      table[base + v] = (table[base + (v & (v - 1))] as number) + 2 * (centred[8 * p + j] as number);
    }
  }
  return table;
}

/** Σ over the code bytes at `at` of table[position][byte]. */
function estimate(bytes: Uint8Array, at: number, count: number, table: Float32Array): number {
  // Two accumulators let the CPU overlap the table lookups (count is a multiple of 4).
  let e0 = 0;
  let e1 = 0;
  for (let p = 0; p < count; p += 2) {
    e0 += table[(p << 8) | (bytes[at + p] as number)] as number;
    e1 += table[((p + 1) << 8) | (bytes[at + p + 1] as number)] as number;
  }
  return e0 + e1;
}
