/**
 * Inverted lists over vectors (IVF), measured against the vector index by scripts/bench-vectors.ts (not used by the
 * app: on the benchmark's vectors they need to probe a fifth of the vectors for recall@10 0.91, see docs/scaling.md): the vectors are split into lists around k-means centroids, and a search scores
 * the query against the centroids only, then takes the vectors of the nearest lists as candidates for an exact
 * rescoring. At 100k vectors a search touches a few percent of them instead of all.
 *
 * Training is two-level so that it stays a few seconds at 100k vectors: `fanout` coarse centroids (spherical k-means
 * on an evenly spaced sample), then `fanout` fine centroids inside each coarse cluster; each vector joins the nearest
 * fine centroid of its nearest coarse one (fanout² lists, scored flat at search time). Deterministic: samples and
 * initial centroids are evenly spaced, no random numbers.
 */

/** Saved form of trained lists: enough to search again without training (see {@link restoreVectorLists}). */
export interface VectorListsSnapshot {
  dimension: number;
  /** Number of lists. */
  lists: number;
  /** Centroids, `lists × dimension` numbers. */
  centroids: Float32Array;
  /** List of each slot (slot order); −1 for a slot without a vector. */
  listOf: Int32Array;
  /**
   * Each slot's dot product with its list's centroid when it was assigned: recomputed on restore, so a vector that
   * changed since (or a file that does not belong to these vectors) is detected with one pass over the vectors.
   */
  check: Float32Array;
}

/** Inverted lists of a vector index's slots. */
export interface VectorLists {
  readonly lists: number;
  /** Puts `slot` (holding `vector`) into its nearest list, leaving the list it was in. */
  assign(slot: number, vector: Float32Array): void;
  /**
   * Slots of the lists nearest to `query`, nearest list first, until at least `wanted` slots are collected (or every
   * list is taken). Returns how many slots were written into `out` (grown as needed; the returned array is used).
   */
  probe(query: Float32Array, wanted: number): Uint32Array;
  /** The current lists, for saving. */
  snapshot(): VectorListsSnapshot;
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
  const trained = centroids.slice(0, lists * dimension);
  const check = new Float32Array(vectors.length);
  for (const slot of present) check[slot] = dot(at(slot), trained, listOf[slot]! * dimension, dimension);
  return createLists({ dimension, lists, centroids: trained, listOf, check });
}

/**
 * Lists from a snapshot, if it fits `vectors`: same dimension, and every slot the snapshot covers holds a vector whose
 * dot product with its centroid is the saved one. Slots beyond the snapshot are assigned now (papers added since).
 * Returns the reason when it does not fit.
 */
export function restoreVectorLists(snapshot: VectorListsSnapshot, vectors: readonly (Float32Array | undefined)[], dimension: number): VectorLists | string {
  const { lists, centroids, listOf, check } = snapshot;
  if (snapshot.dimension !== dimension) return `saved for ${snapshot.dimension} dimensions, the vectors have ${dimension}`;
  if (centroids.length !== lists * dimension || listOf.length !== check.length) return 'inconsistent sizes';
  if (listOf.length > vectors.length) return `saved for ${listOf.length} vectors, the index holds ${vectors.length}`;
  for (let slot = 0; slot < listOf.length; slot++) {
    const list = listOf[slot]!;
    const vector = vectors[slot];
    if (list < 0 && !vector) continue;
    if (list < 0 || list >= lists || !vector) return `slot ${slot} does not match`;
    // Float32 storage of the same computation: equal unless the vector changed.
    if (Math.fround(dot(vector, centroids, list * dimension, dimension)) !== check[slot]) return `the vector in slot ${slot} changed`;
  }
  const grown = new Int32Array(vectors.length).fill(-1);
  grown.set(listOf);
  const grownCheck = new Float32Array(vectors.length);
  grownCheck.set(check);
  const restored = createLists({ dimension, lists, centroids, listOf: grown, check: grownCheck }, listOf.length);
  for (let slot = listOf.length; slot < vectors.length; slot++) {
    const vector = vectors[slot];
    if (vector) restored.assign(slot, vector);
  }
  return restored;
}

function createLists(state: VectorListsSnapshot, filled = state.listOf.length): VectorLists {
  const { dimension, lists, centroids } = state;
  let { listOf, check } = state;
  const members: number[][] = Array.from({ length: lists }, () => []);
  for (let slot = 0; slot < filled; slot++) if (listOf[slot]! >= 0) members[listOf[slot]!]!.push(slot);
  let out = new Uint32Array(0);
  const scores = new Float64Array(lists);
  const order = new Uint32Array(lists);

  return {
    lists,
    assign(slot, vector) {
      if (slot >= listOf.length) {
        const size = Math.max(slot + 1, listOf.length * 2);
        const grown = new Int32Array(size).fill(-1);
        grown.set(listOf);
        listOf = grown;
        const grownCheck = new Float32Array(size);
        grownCheck.set(check);
        check = grownCheck;
      }
      const previous = listOf[slot]!;
      if (previous >= 0) {
        const list = members[previous]!;
        list.splice(list.indexOf(slot), 1);
      }
      const list = nearestCentroid(centroids, lists, vector, dimension);
      listOf[slot] = list;
      check[slot] = dot(vector, centroids, list * dimension, dimension);
      members[list]!.push(slot);
    },
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
    snapshot() {
      const used = members.reduce((m, slots) => slots.reduce((s, slot) => Math.max(s, slot + 1), m), 0);
      return { dimension, lists, centroids: centroids.slice(), listOf: listOf.slice(0, used), check: check.slice(0, used) };
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
