/**
 * Ranking-quality metrics for the search evaluation, as pure functions over a ranked id list and graded judgments
 * (3 = exactly this paper, 2 = highly relevant, 1 = related; unjudged = 0).
 */

/** Graded relevance of ids for one query; absent ids count 0. */
export type Judgments = ReadonlyMap<string, number>;

/** Gain of a grade: 2^grade − 1 (exponential gain, so an exact match outweighs several related papers). */
export function gain(grade: number): number {
  return 2 ** grade - 1;
}

/** Discounted cumulative gain of the first `k` ids: Σ gain(grade_i) / log2(i + 1), i from 1. */
export function dcgAtK(ranked: readonly string[], judgments: Judgments, k: number): number {
  let dcg = 0;
  const n = Math.min(k, ranked.length);
  for (let i = 0; i < n; i++) dcg += gain(judgments.get(ranked[i]!) ?? 0) / Math.log2(i + 2);
  return dcg;
}

/**
 * Normalised DCG@k: DCG of the ranking divided by the DCG of the ideal ranking (judged ids by grade, descending).
 * A query without any positive judgment is an error: it cannot be scored.
 */
export function ndcgAtK(ranked: readonly string[], judgments: Judgments, k: number): number {
  const ideal = [...judgments.entries()]
    .filter(([, g]) => g > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([id]) => id);
  if (ideal.length === 0) throw new RangeError('ndcgAtK: the query has no relevant document');
  return dcgAtK(ranked, judgments, k) / dcgAtK(ideal, judgments, k);
}

/**
 * Recall@k: share of the ids judged relevant (grade ≥ `minGrade`, default 1) that appear among the first `k`
 * ranked ids (duplicates counted once).
 */
export function recallAtK(ranked: readonly string[], judgments: Judgments, k: number, minGrade = 1): number {
  const relevant = new Set([...judgments.entries()].filter(([, g]) => g >= minGrade).map(([id]) => id));
  if (relevant.size === 0) throw new RangeError(`recallAtK: the query has no document of grade ≥ ${minGrade}`);
  const found = new Set(ranked.slice(0, k).filter((id) => relevant.has(id)));
  return found.size / relevant.size;
}

/** Arithmetic mean; 0 for an empty list. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}
