/** Sentence centrality for extractive summaries. */

/**
 * Degree centrality of each candidate: its mean similarity to every other item of the pool.
 * `matrix` is the similarity matrix of the pool; the first `candidates` rows are the sentences that may be chosen,
 * the rest are context that only votes (e.g. the title). A pool of one item gives centrality 1.
 */
export function centralityScores(matrix: readonly (readonly number[])[], candidates: number = matrix.length): number[] {
  const n = matrix.length;
  const scores: number[] = [];
  for (let i = 0; i < Math.min(candidates, n); i += 1) {
    if (n === 1) {
      scores.push(1);
      continue;
    }
    let sum = 0;
    for (let j = 0; j < n; j += 1) if (j !== i) sum += matrix[i]![j]!;
    scores.push(sum / (n - 1));
  }
  return scores;
}
