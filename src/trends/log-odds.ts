/**
 * Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"):
 * which terms are used more in one set of documents than in another, with rare terms shrunk towards the background
 * rate instead of ranking first on a count of one. The z-score is the log-odds difference over its standard error.
 */

/** A term's comparison between the focus set (i) and the reference set (j). */
export interface LogOddsScore {
  term: string;
  /** Log-odds of the term in i minus in j (both smoothed by the prior). */
  delta: number;
  /** delta / its standard deviation: above ~1.96 the rise is unlikely to be chance. */
  z: number;
  countI: number;
  countJ: number;
}

export interface Counts {
  counts: ReadonlyMap<string, number>;
  total: number;
}

/**
 * Scores every term of `focus` ∪ `reference` against the other set. The prior is the background's term distribution
 * scaled to `priorStrength` pseudo-counts in all (default: the mean size of the two sets, so the prior weighs as much
 * as one set). Terms absent from the background get a tiny floor so the formula stays finite.
 */
export function weightedLogOdds(focus: Counts, reference: Counts, background: Counts, priorStrength?: number): LogOddsScore[] {
  const alpha0 = priorStrength ?? Math.max(1, (focus.total + reference.total) / 2);
  const terms = new Set([...focus.counts.keys(), ...reference.counts.keys()]);
  const scores: LogOddsScore[] = [];
  for (const term of terms) {
    const alpha = Math.max(((background.counts.get(term) ?? 0) / Math.max(1, background.total)) * alpha0, 1e-3);
    const yi = focus.counts.get(term) ?? 0;
    const yj = reference.counts.get(term) ?? 0;
    const oddsI = (yi + alpha) / (focus.total + alpha0 - yi - alpha);
    const oddsJ = (yj + alpha) / (reference.total + alpha0 - yj - alpha);
    const delta = Math.log(oddsI) - Math.log(oddsJ);
    const variance = 1 / (yi + alpha) + 1 / (yj + alpha);
    scores.push({ term, delta, z: delta / Math.sqrt(variance), countI: yi, countJ: yj });
  }
  return scores;
}
