/**
 * Exact nearest-neighbour index over L2-normalised vectors: cosine similarity = dot product.
 * All vectors live in one contiguous Float32Array (grown by doubling) so a search is a single
 * linear scan; the top k are kept in a bounded heap instead of sorting every score.
 */
import type { Hit } from '../types.js';

/** Options of {@link createVectorIndex}. */
export interface VectorIndexOptions {
  /** Number of vectors the first buffer holds. Default 64. */
  initialCapacity?: number;
}

/** In-memory vector index; vectors are expected to be L2-normalised. */
export interface VectorIndex {
  readonly dimension: number;
  /** Number of stored vectors. */
  readonly size: number;
  /** Stores a copy of `vector` under `id`, replacing any previous vector of that id. */
  add(id: string, vector: Float32Array): void;
  /** A copy of the stored vector, or undefined. */
  get(id: string): Float32Array | undefined;
  has(id: string): boolean;
  /** Ids in insertion order. */
  ids(): string[];
  /**
   * The `limit` ids most similar to `query` (dot product), best first; equal scores by id ascending.
   * `filter` restricts the candidates.
   */
  search(query: Float32Array, limit: number, filter?: (id: string) => boolean): Hit[];
}

/** Creates an empty index for vectors of `dimension` numbers. */
export function createVectorIndex(dimension: number, options: VectorIndexOptions = {}): VectorIndex {
  if (!Number.isInteger(dimension) || dimension < 1) {
    throw new Error(`vector index: dimension must be a positive integer, got ${String(dimension)}`);
  }
  let capacity = Math.max(1, options.initialCapacity ?? 64);
  let data = new Float32Array(capacity * dimension);
  const slotIds: string[] = [];
  const slotOf = new Map<string, number>();

  function checkVector(vector: Float32Array, what: string): void {
    if (!(vector instanceof Float32Array)) {
      throw new TypeError(`vector index: ${what} must be a Float32Array`);
    }
    if (vector.length !== dimension) {
      throw new Error(`vector index: ${what} has ${vector.length} dimensions, the index holds ${dimension}-dimensional vectors`);
    }
  }

  return {
    dimension,
    get size() {
      return slotIds.length;
    },
    add(id, vector) {
      checkVector(vector, `vector for "${id}"`);
      let slot = slotOf.get(id);
      if (slot === undefined) {
        slot = slotIds.length;
        if (slot === capacity) {
          capacity *= 2;
          const grown = new Float32Array(capacity * dimension);
          grown.set(data);
          data = grown;
        }
        slotIds.push(id);
        slotOf.set(id, slot);
      }
      data.set(vector, slot * dimension);
    },
    get(id) {
      const slot = slotOf.get(id);
      return slot === undefined ? undefined : data.slice(slot * dimension, (slot + 1) * dimension);
    },
    has: (id) => slotOf.has(id),
    ids: () => slotIds.slice(),
    search(query, limit, filter) {
      checkVector(query, 'query');
      const k = Math.min(Math.floor(limit), slotIds.length);
      if (!(k > 0)) return [];
      const heap = createTopK(k, slotIds);
      for (let slot = 0; slot < slotIds.length; slot++) {
        if (filter && !filter(slotIds[slot] as string)) continue;
        let dot = 0;
        const base = slot * dimension;
        for (let i = 0; i < dimension; i++) dot += (data[base + i] as number) * (query[i] as number);
        heap.offer(slot, dot);
      }
      return heap.drain().map((slot) => ({ id: slotIds[slot.slot] as string, score: slot.score }));
    },
  };
}

/**
 * Bounded min-heap keeping the k best (score, id) pairs; the root is the worst kept.
 * "Worse" = lower score, or equal score and larger id.
 */
function createTopK(k: number, ids: string[]) {
  const slots: number[] = [];
  const scores: number[] = [];

  const worse = (a: number, b: number): boolean => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sa < sb || (sa === sb && (ids[slots[a] as number] as string) > (ids[slots[b] as number] as string));
  };
  const swap = (a: number, b: number): void => {
    [slots[a], slots[b]] = [slots[b] as number, slots[a] as number];
    [scores[a], scores[b]] = [scores[b] as number, scores[a] as number];
  };
  const siftUp = (i: number): void => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(i, parent)) break;
      swap(i, parent);
      i = parent;
    }
  };
  const siftDown = (i: number): void => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < slots.length && worse(left, worst)) worst = left;
      if (right < slots.length && worse(right, worst)) worst = right;
      if (worst === i) return;
      swap(i, worst);
      i = worst;
    }
  };

  return {
    offer(slot: number, score: number): void {
      if (Number.isNaN(score)) return;
      if (slots.length < k) {
        slots.push(slot);
        scores.push(score);
        siftUp(slots.length - 1);
        return;
      }
      const rootScore = scores[0] as number;
      const better = score > rootScore || (score === rootScore && (ids[slot] as string) < (ids[slots[0] as number] as string));
      if (!better) return;
      slots[0] = slot;
      scores[0] = score;
      siftDown(0);
    },
    /** Kept entries, best first. */
    drain(): Array<{ slot: number; score: number }> {
      const out = slots.map((slot, i) => ({ slot, score: scores[i] as number }));
      return out.sort((a, b) => b.score - a.score || ((ids[a.slot] as string) < (ids[b.slot] as string) ? -1 : 1));
    },
  };
}
