/**
 * Inverted lists over vectors (IVF), measured against the vector index by scripts/bench-vectors.ts; not used by the
 * app (on the benchmark's vectors they must probe a fifth of the vectors to reach recall@10 0.91, see
 * docs/scaling.md). The vectors are split into lists around k-means centroids; a search scores the query against the
 * centroids only and takes the vectors of the nearest lists as candidates for an exact rescoring.
 *
 * Training is two-level so that it stays a few seconds at 100k vectors: `fanout` coarse centroids (spherical k-means
 * on an evenly spaced sample), then `fanout` fine centroids inside each coarse cluster; each vector joins the nearest
 * fine centroid of its nearest coarse one (fanout² lists, scored flat at search time). Deterministic: samples and
 * initial centroids are evenly spaced, no random numbers.
 */

/** Inverted lists of vector slots. */
export interface VectorLists {
  readonly lists: number;
  /**
   * Slots of the lists nearest to `query`, nearest list first, until at least `wanted` slots are collected (or every
   * list is taken). The returned array is reused by the next probe.
   */
  probe(query: Float32Array, wanted: number): Uint32Array;
}

/** Training settings; the defaults scale with the number of vectors. */
export interface VectorListsOptions {
  /** Coarse centroids, and fine centroids per coarse one (default: the fourth root of the vector count, at least 2). */
  fanout?: number;
  /** k-means rounds per level (default 8). */
  rounds?: number;
  /** Training sample per centroid (default 64). */
  samplePerCentroid?: number;
}

/** Trains lists on `vectors` (slots 0..n−1; holes allowed) and assigns every vector. */
export function trainVectorLists(vectors: readonly (Float32Array | undefined)[], dimension: number, options: VectorListsOptions = {}): VectorLists {
  const present: number[] = [];
  vectors.forEach((v, slot) => v && present.push(slot));
  const fanout = Math.max(2, options.fanout ?? Math.round(Math.sqrt(Math.sqrt(present.length))));
  const rounds = options.rounds ?? 8;
  const perCentroid = options.samplePerCentroid ?? 64;
  const at = (slot: number) => vectors[slot] as Float32Array;

  const coarse = kMeans(evenSample(present, fanout * perCentroid).map(at), fanout, dimension, rounds);
  const members: number[][] = Array.from({ length: coarse.count }, () => []);
  for (const slot of present) members[nearestCentroid(coarse.centroids, coarse.count, at(slot), dimension)]!.push(slot);

  const centroids = new Float32Array(coarse.count * fanout * dimension);
  const listOf = new Int32Array(vectors.length).fill(-1);
  let lists = 0;
  for (const group of members) {
    if (group.length === 0) continue;
    const fine = kMeans(evenSample(group, fanout * perCentroid).map(at), fanout, dimension, rounds);
    centroids.set(fine.centroids.subarray(0, fine.count * dimension), lists * dimension);
    for (const slot of group) listOf[slot] = lists + nearestCentroid(fine.centroids, fine.count, at(slot), dimension);
    lists += fine.count;
  }
  return createLists(dimension, lists, centroids.slice(0, lists * dimension), listOf);
}

function createLists(dimension: number, lists: number, centroids: Float32Array, listOf: Int32Array): VectorLists {
  const members: number[][] = Array.from({ length: lists }, () => []);
  listOf.forEach((list, slot) => list >= 0 && members[list]!.push(slot));
  let out = new Uint32Array(0);
  const scores = new Float64Array(lists);
  const order = new Uint32Array(lists);

  return {
    lists,
    probe(query, wanted) {
      for (let list = 0; list < lists; list++) {
        scores[list] = dot(query, centroids, list * dimension, dimension);
        order[list] = list;
      }
      order.sort((a, b) => scores[b]! - scores[a]! || a - b);
      let n = 0;
      for (let i = 0; i < lists && n < wanted; i++) {
        const slots = members[order[i]!]!;
        if (out.length < n + slots.length) {
          const grown = new Uint32Array(Math.max(2 * out.length, n + slots.length));
          grown.set(out.subarray(0, n));
          out = grown;
        }
        for (const slot of slots) out[n++] = slot;
      }
      return out.subarray(0, n);
    },
  };
}

/** About `count` items of `items`, evenly spaced (all of them when there are fewer). */
function evenSample<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return items.slice();
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)] as T);
}

/**
 * Spherical k-means: centroids are unit-length means, vectors join the centroid of highest dot product. Starts from
 * evenly spaced vectors of the sample; an emptied centroid restarts at the vector its own cluster fits worst.
 */
function kMeans(sample: readonly Float32Array[], k: number, dimension: number, rounds: number): { centroids: Float32Array; count: number } {
  const count = Math.min(k, sample.length);
  const centroids = new Float32Array(count * dimension);
  evenSample(sample, count).forEach((v, c) => centroids.set(v, c * dimension));
  const assigned = new Int32Array(sample.length);
  const fit = new Float64Array(sample.length);
  const sums = new Float64Array(count * dimension);
  const sizes = new Uint32Array(count);
  for (let round = 0; round < rounds; round++) {
    sums.fill(0);
    sizes.fill(0);
    for (let i = 0; i < sample.length; i++) {
      const v = sample[i] as Float32Array;
      const c = nearestCentroid(centroids, count, v, dimension);
      assigned[i] = c;
      fit[i] = dot(v, centroids, c * dimension, dimension);
      sizes[c]! += 1;
      const base = c * dimension;
      for (let d = 0; d < dimension; d++) sums[base + d]! += v[d] as number;
    }
    for (let c = 0; c < count; c++) {
      const base = c * dimension;
      if (sizes[c] === 0) {
        // Restart an empty centroid at the worst-fitting vector (and stop that vector being picked twice).
        let worst = 0;
        for (let i = 1; i < sample.length; i++) if (fit[i]! < fit[worst]!) worst = i;
        fit[worst] = Infinity;
        centroids.set(sample[worst] as Float32Array, base);
        continue;
      }
      let norm = 0;
      for (let d = 0; d < dimension; d++) norm += sums[base + d]! * sums[base + d]!;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dimension; d++) centroids[base + d] = sums[base + d]! / norm;
    }
  }
  return { centroids, count };
}

/** The centroid (0..count−1) with the highest dot product with `vector`; ties to the lower number. */
function nearestCentroid(centroids: Float32Array, count: number, vector: Float32Array, dimension: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < count; c++) {
    const score = dot(vector, centroids, c * dimension, dimension);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

/** Dot product of `a` with `b[offset .. offset + n)`, four accumulators. */
function dot(a: Float32Array, b: Float32Array, offset: number, n: number): number {
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const j = offset + i;
    d0 += (a[i] as number) * (b[j] as number);
    d1 += (a[i + 1] as number) * (b[j + 1] as number);
    d2 += (a[i + 2] as number) * (b[j + 2] as number);
    d3 += (a[i + 3] as number) * (b[j + 3] as number);
  }
  for (; i < n; i++) d0 += (a[i] as number) * (b[offset + i] as number);
  return d0 + d1 + d2 + d3;
}
