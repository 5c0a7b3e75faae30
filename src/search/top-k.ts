/**
 * Bounded top-k selection, the one used by every index: keeps the `k` best items offered so far in a binary heap
 * whose root is the worst kept item, so choosing the best 10 of 100,000 costs O(n log k) instead of a sort.
 * Items are anything (a document number, a vector slot); ties of score are broken by `before`, so results are
 * deterministic whatever the order items are offered in.
 */
/** Collects the best `k` items offered to it. */
export interface TopK<T> {
  /** Offers an item with its score; kept only if it ranks among the best `k` so far. NaN scores are ignored. */
  offer(item: T, score: number): void;
  /** Number of items kept. */
  readonly size: number;
  /**
   * The score an item must exceed (or equal, winning the tie) to be kept: the worst kept score once `k` items are
   * kept, −∞ before. Lets a search skip items that provably cannot enter.
   */
  readonly threshold: number;
  /** The kept items with their scores, best first. */
  sorted(): Array<{ item: T; score: number }>;
}

/**
 * Creates an empty collector of the best `k` items (`k` ≥ 0). `before(a, b)` is true when `a` ranks before `b` at
 * equal scores (default: `a < b`, e.g. ids ascending).
 */
export function createTopK<T>(k: number, before: (a: T, b: T) => boolean = (a, b) => a < b): TopK<T> {
  const items: T[] = [];
  const scores: number[] = [];
  // True when entry i ranks after entry j (lower score, or equal score and later by `before`).
  const worse = (i: number, j: number): boolean => {
    const si = scores[i]!;
    const sj = scores[j]!;
    return si < sj || (si === sj && before(items[j]!, items[i]!));
  };
  const swap = (i: number, j: number): void => {
    const item = items[i]!;
    items[i] = items[j]!;
    items[j] = item;
    const score = scores[i]!;
    scores[i] = scores[j]!;
    scores[j] = score;
  };
  return {
    offer(item, score) {
      if (k <= 0 || Number.isNaN(score)) return;
      if (items.length < k) {
        items.push(item);
        scores.push(score);
        // Sift up: the root must be the worst.
        let i = items.length - 1;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!worse(i, parent)) break;
          swap(i, parent);
          i = parent;
        }
        return;
      }
      const root = scores[0]!;
      if (score < root || (score === root && !before(item, items[0]!))) return;
      items[0] = item;
      scores[0] = score;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let worst = i;
        if (l < items.length && worse(l, worst)) worst = l;
        if (r < items.length && worse(r, worst)) worst = r;
        if (worst === i) return;
        swap(i, worst);
        i = worst;
      }
    },
    get size() {
      return items.length;
    },
    get threshold() {
      if (k <= 0) return Number.POSITIVE_INFINITY;
      return items.length < k ? Number.NEGATIVE_INFINITY : scores[0]!;
    },
    sorted() {
      const out = items.map((item, i) => ({ item, score: scores[i]! }));
      return out.sort((a, b) => (b.score > a.score ? 1 : b.score < a.score ? -1 : before(a.item, b.item) ? -1 : before(b.item, a.item) ? 1 : 0));
    },
  };
}

