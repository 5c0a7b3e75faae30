/** Weights of the two signals; they need not sum to 1. */
export interface FusionWeights {
  keyword: number;
  semantic: number;
}

/** A paper's signals going into fusion, each already in [0, 1] (or null when that signal did not rank it). */
export interface SignalScores {
  id: string;
  keyword: number | null;
  semantic: number | null;
}

/** A fused result: score in [0, 1] and the 1-based rank each signal gave it. */
export interface FusedHit extends SignalScores {
  score: number;
  keywordRank: number | null;
  semanticRank: number | null;
}

/**
 * Normalised weighted sum: score = (wk·keyword + ws·semantic) / (wk + ws), a missing signal counting 0.
 * Unlike rank fusion it keeps absolute strength, which the "no good match" cut-off needs.
 * Sorted by score descending, ties by id ascending, so equal inputs always give the same order.
 */
export function fuseWeighted(items: readonly SignalScores[], weights: FusionWeights): FusedHit[] {
  const total = weights.keyword + weights.semantic;
  if (!(total > 0)) throw new RangeError('fuseWeighted: keyword and semantic weights are both 0');
  const keywordRanks = ranksBy(items, (i) => i.keyword);
  const semanticRanks = ranksBy(items, (i) => i.semantic);
  return sortHits(
    items.map((item) => ({
      ...item,
      score: (weights.keyword * (item.keyword ?? 0) + weights.semantic * (item.semantic ?? 0)) / total,
      keywordRank: keywordRanks.get(item.id) ?? null,
      semanticRank: semanticRanks.get(item.id) ?? null,
    })),
  );
}

/** Score descending, then id ascending. */
export function compareHits(a: { id: string; score: number }, b: { id: string; score: number }): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function sortHits<T extends { id: string; score: number }>(hits: T[]): T[] {
  return hits.sort(compareHits);
}

function ranksBy(items: readonly SignalScores[], pick: (item: SignalScores) => number | null): Map<string, number> {
  const present = items
    .filter((i) => pick(i) !== null)
    .map((i) => ({ id: i.id, score: pick(i)! }))
    .sort(compareHits);
  return new Map(present.map((h, index) => [h.id, index + 1]));
}
