/**
 * Seeded randomness shared by the benchmark corpus, the generated test model and the fake embedder: a small PRNG, a
 * string hash to derive per-item seeds, and a Zipf sampler. Deterministic across runs and hosts (integer arithmetic
 * only, no Math.random).
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** FNV-1a 32-bit hash of a string. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [min, max] (both included). */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick: the list is empty');
  return items[Math.floor(random() * items.length)]!;
}

/** Draws indices 0..n-1 with probability proportional to fixed weights. */
export interface WeightedSampler {
  readonly size: number;
  /** An index drawn with probability ∝ its weight. */
  sample(random: Random): number;
  /** An index ≥ `from` drawn with probability ∝ its weight (the law restricted to the tail). */
  sampleFrom(random: Random, from: number): number;
  /** An index < `to` drawn with probability ∝ its weight (the law restricted to the head). */
  sampleBelow(random: Random, to: number): number;
}

/** Creates a sampler over `weights` (inverse-CDF lookup by binary search: O(log n) per draw). */
export function createWeightedSampler(weights: ArrayLike<number>): WeightedSampler {
  const size = weights.length;
  if (size < 1) throw new RangeError('createWeightedSampler: needs at least one weight');
  const cdf = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`createWeightedSampler: weight ${i} must be a finite number ≥ 0, got ${w}`);
    sum += w;
    cdf[i] = sum;
  }
  if (!(sum > 0)) throw new RangeError('createWeightedSampler: the weights sum to 0');
  const search = (target: number, lo: number, hi: number): number => {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! <= target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const clamp = (i: number) => Math.max(0, Math.min(size, i));
  return {
    size,
    sample: (random) => search(random() * sum, 0, size - 1),
    sampleFrom(random, from) {
      const start = clamp(from);
      if (start >= size) throw new RangeError(`sampleFrom: ${from} is beyond the last index ${size - 1}`);
      const below = start === 0 ? 0 : cdf[start - 1]!;
      return search(below + random() * (sum - below), start, size - 1);
    },
    sampleBelow(random, to) {
      const end = clamp(to);
      if (end <= 0) throw new RangeError(`sampleBelow: ${to} leaves no index`);
      return search(random() * cdf[end - 1]!, 0, end - 1);
    },
  };
}

/** Zipf weights 1 / (rank + 1)^exponent for ranks 0..size-1. */
export function zipfWeights(size: number, exponent: number): Float64Array {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`zipfWeights: size must be a whole number ≥ 1, got ${size}`);
  if (!(exponent > 0)) throw new RangeError(`zipfWeights: exponent must be > 0, got ${exponent}`);
  return Float64Array.from({ length: size }, (_, r) => 1 / Math.pow(r + 1, exponent));
}
