/**
 * Which words set one text apart from others, and which several texts share: the weighted log-odds ratio with an
 * informative Dirichlet prior of Monroe, Colaresi & Quinn ("Fightin' Words", Political Analysis 16(4), 2008).
 * The prior is the corpus itself, so a word every abstract uses needs far more evidence than a rare one, and small
 * counts are shrunk towards the corpus rate instead of producing huge ratios from a single occurrence; the estimate
 * is divided by its standard deviation (a z-score), which ranks words by how sure the difference is.
 */

/** Term counts of a text or a group of texts. */
export type Counts = ReadonlyMap<string, number>;

/** Total of all counts. */
export function total(counts: Counts): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/** Sum of several count maps. */
export function sumCounts(list: readonly Counts[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const counts of list) for (const [w, c] of counts) out.set(w, (out.get(w) ?? 0) + c);
  return out;
}

/** Default prior size α₀: how many pseudo-counts of the corpus distribution each side starts with. */
export const DEFAULT_PRIOR_SIZE = 500;

/**
 * z-scores of the log-odds ratio of each word of `a` (words with a count in `a`) between `a` and `b`:
 *   δ_w = ln((a_w + α_w) / (n_a + α₀ − a_w − α_w)) − ln((b_w + α_w) / (n_b + α₀ − b_w − α_w)),
 *   σ²_w ≈ 1 / (a_w + α_w) + 1 / (b_w + α_w),  z_w = δ_w / σ_w,
 * with α_w = α₀ · prior_w / n_prior (the word's share of the prior corpus; words missing from it get half a count).
 * Positive z: the word is more typical of `a`. `priorTotal` may pass the prior's total when it is already known.
 */
export function logOddsZ(a: Counts, b: Counts, prior: Counts, priorSize = DEFAULT_PRIOR_SIZE, priorTotal = total(prior)): Map<string, number> {
  const na = total(a);
  // The prior is large (a whole corpus): its total is taken once, also when it is the other side.
  const nb = b === prior ? priorTotal : total(b);
  const np = Math.max(1, priorTotal);
  const out = new Map<string, number>();
  for (const [w, aw] of a) {
    if (aw <= 0) continue;
    const alpha = (priorSize * Math.max(0.5, prior.get(w) ?? 0)) / np;
    const bw = b.get(w) ?? 0;
    const delta = Math.log((aw + alpha) / (na + priorSize - aw - alpha)) - Math.log((bw + alpha) / (nb + priorSize - bw - alpha));
    const variance = 1 / (aw + alpha) + 1 / (bw + alpha);
    out.set(w, delta / Math.sqrt(variance));
  }
  return out;
}
