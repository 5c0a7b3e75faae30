/**
 * Maximal marginal relevance (Carbonell & Goldstein 1998): pick items one by one, each maximising
 * λ·relevance − (1 − λ)·(highest similarity to an item already picked).
 */

export interface MmrOptions {
  /** How many items to pick. */
  count: number;
  /** Trade-off in [0, 1]: 1 = relevance only, 0 = novelty only. */
  lambda: number;
  /** Optional constraint, e.g. at most two sentences per paper; an item it rejects is skipped. */
  allow?: (index: number, picked: readonly number[]) => boolean;
}

/**
 * Indices of the chosen items in the order they were picked. `relevance[i]` is item i's relevance and
 * `similarity(i, j)` the redundancy of two items. Ties go to the lower index, so the result is deterministic.
 */
export function selectByMmr(relevance: readonly number[], similarity: (i: number, j: number) => number, options: MmrOptions): number[] {
  if (options.lambda < 0 || options.lambda > 1) throw new RangeError(`selectByMmr: lambda must be in [0, 1], got ${options.lambda}`);
  const picked: number[] = [];
  const remaining = new Set(relevance.map((_, i) => i));
  // Highest similarity of each remaining item to the picked ones, updated incrementally.
  const redundancy = new Array<number>(relevance.length).fill(0);
  while (picked.length < options.count && remaining.size > 0) {
    let best = -1;
    let bestScore = -Infinity;
    for (const i of remaining) {
      if (options.allow && !options.allow(i, picked)) continue;
      const score = options.lambda * relevance[i]! - (picked.length > 0 ? (1 - options.lambda) * redundancy[i]! : 0);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    if (best < 0) break;
    picked.push(best);
    remaining.delete(best);
    for (const i of remaining) redundancy[i] = Math.max(redundancy[i]!, similarity(i, best));
  }
  return picked;
}
