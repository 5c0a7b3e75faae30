/**
 * BM25 / BM25F scoring as pure functions over term statistics (Robertson & Zaragoza, "The Probabilistic Relevance
 * Framework: BM25 and Beyond", 2009). BM25F combines fields *before* saturation: each field's term frequency is
 * length-normalised with that field's `b`, weighted, summed into one pseudo-frequency, then saturated once with `k1`,
 * so a term repeated in title and abstract is not counted as two independent pieces of evidence.
 */

/** Free parameters of BM25F. */
export interface Bm25Params {
  /** Term-frequency saturation; 0 makes scoring binary. Typical 1.2–2. */
  k1: number;
}

/** One field's statistics for one (term, document) pair. */
export interface FieldTermStats {
  /** Occurrences of the term in this field of the document. */
  tf: number;
  /** Length of this field of the document, in terms. */
  length: number;
  /** Mean length of this field over the collection, in terms. */
  avgLength: number;
  /** Field weight (boost); the title is usually weighted above the abstract. */
  weight: number;
  /** Length normalisation of this field in [0, 1]: 0 ignores length, 1 fully normalises. */
  b: number;
}

/** Default parameters, tuned on the development query set only. */
export const DEFAULT_BM25_PARAMS: Readonly<Bm25Params> = { k1: 1.2 };

/**
 * Robertson–Spärck Jones inverse document frequency with the +1 inside the log (as in Lucene), so it is always
 * positive: ln(1 + (n − df + 0.5) / (df + 0.5)). `n` is the number of documents, `df` how many contain the term.
 */
export function idf(df: number, n: number): number {
  if (!(n >= 0) || !(df >= 0) || df > n) throw new RangeError(`idf: need 0 ≤ df ≤ n, got df=${df}, n=${n}`);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** BM25 length normaliser of a field: 1 − b + b · length / avgLength (1 when the average length is 0). */
export function lengthNorm(length: number, avgLength: number, b: number): number {
  return 1 - b + b * (avgLength > 0 ? length / avgLength : 1);
}

/** Length-normalised frequency of one field: tf / lengthNorm. 0 when tf is 0. */
export function normalizedTf(field: Omit<FieldTermStats, 'weight'>): number {
  if (field.tf === 0) return 0;
  return field.tf / lengthNorm(field.length, field.avgLength, field.b);
}

/** BM25F pseudo term frequency: Σ over fields of weight × length-normalised tf. */
export function pseudoTf(fields: readonly FieldTermStats[]): number {
  let sum = 0;
  for (const f of fields) sum += f.weight * normalizedTf(f);
  return sum;
}

/**
 * {@link pseudoTf} of a title-and-body document (body weight 1) with its length normalisers already computed: the
 * keyword index's hot path, without allocating field objects.
 */
export function titleBodyPseudoTf(titleTf: number, titleWeight: number, titleNorm: number, bodyTf: number, bodyNorm: number): number {
  return (titleWeight * titleTf) / titleNorm + bodyTf / bodyNorm;
}

/** Saturated term weight: idf × tf · (k1 + 1) / (tf + k1). Tends to idf × (k1 + 1) as tf grows. */
export function saturate(tf: number, termIdf: number, params: Bm25Params = DEFAULT_BM25_PARAMS): number {
  if (tf <= 0) return 0;
  return (termIdf * tf * (params.k1 + 1)) / (tf + params.k1);
}

/** BM25F contribution of one term to one document. */
export function bm25fTermScore(fields: readonly FieldTermStats[], termIdf: number, params: Bm25Params = DEFAULT_BM25_PARAMS): number {
  return saturate(pseudoTf(fields), termIdf, params);
}

/** Classic single-field BM25 contribution of one term (BM25F with one field of weight 1). */
export function bm25TermScore(stats: Omit<FieldTermStats, 'weight'>, termIdf: number, params: Bm25Params = DEFAULT_BM25_PARAMS): number {
  return saturate(normalizedTf(stats), termIdf, params);
}

/** Highest score a term can contribute (infinite frequency): idf × (k1 + 1). Sums of these bound a query's score. */
export function maxTermScore(termIdf: number, params: Bm25Params = DEFAULT_BM25_PARAMS): number {
  return termIdf * (params.k1 + 1);
}
