/**
 * Bounded top-k selection: keeps the `k` best hits seen so far in a binary heap whose root is the worst kept hit,
 * so choosing the best 10 of 5,000 candidates costs O(n log k) instead of sorting all of them.
 * Order: score descending, then id ascending (deterministic ties).
 */
import type { Hit } from './types.js';

/** True when `a` ranks before `b`. */
function better(a: Hit, b: Hit): boolean {
  return a.score > b.score || (a.score === b.score && a.id < b.id);
}

/** Collects the best `k` hits pushed into it. */
export interface TopK {
  /** Offers a hit; kept only if it ranks among the best `k` so far. */
  push(hit: Hit): void;
  /** The kept hits, best first. */
  sorted(): Hit[];
}

/** Creates an empty collector of the best `k` hits (`k` ≥ 0). */
export function createTopK(k: number): TopK {
  const heap: Hit[] = [];
  const swap = (i: number, j: number) => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  return {
    push(hit) {
      if (k <= 0) return;
      if (heap.length < k) {
        heap.push(hit);
        // Sift up: the root must be the worst.
        let i = heap.length - 1;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!better(heap[parent]!, heap[i]!)) break;
          swap(i, parent);
          i = parent;
        }
        return;
      }
      if (!better(hit, heap[0]!)) return;
      heap[0] = hit;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let worst = i;
        if (l < heap.length && better(heap[worst]!, heap[l]!)) worst = l;
        if (r < heap.length && better(heap[worst]!, heap[r]!)) worst = r;
        if (worst === i) break;
        swap(i, worst);
        i = worst;
      }
    },
    sorted() {
      return [...heap].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    },
  };
}
