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
  // Built field by field: spreading the item and adding three fields makes V8 build slow dictionary-mode objects.
  return sortHits(
    items.map((item, n) => ({
      id: item.id,
      keyword: item.keyword,
      semantic: item.semantic,
      score: (weights.keyword * (item.keyword ?? 0) + weights.semantic * (item.semantic ?? 0)) / total,
      keywordRank: keywordRanks[n] ?? null,
      semanticRank: semanticRanks[n] ?? null,
    })),
  );
}

/** Score descending, then id ascending. */
export function compareHits(a: { id: string; score: number }, b: { id: string; score: number }): number {
  // -1 / 0 / 1 rather than the scores' difference: a fractional result is boxed on every comparison.
  return b.score > a.score ? 1 : b.score < a.score ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function sortHits<T extends { id: string; score: number }>(hits: T[]): T[] {
  return hits.sort(compareHits);
}

/** 1-based rank of each item (by position) under one signal, score descending then id; undefined without it. */
function ranksBy(items: readonly SignalScores[], pick: (item: SignalScores) => number | null): (number | undefined)[] {
  const present: { n: number; id: string; score: number }[] = [];
  items.forEach((item, n) => {
    const score = pick(item);
    if (score !== null) present.push({ n, id: item.id, score });
  });
  present.sort(compareHits);
  const ranks: (number | undefined)[] = new Array(items.length);
  present.forEach((h, index) => (ranks[h.n] = index + 1));
  return ranks;
}
