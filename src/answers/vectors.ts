/** Vector maths shared by the answer builders: dense (embeddings) and sparse (TF-IDF) vectors. */

/** A sparse vector: term → weight. */
export type SparseVector = ReadonlyMap<string, number>;

/** Cosine similarity of two dense vectors; 0 when either is all zeros or the lengths differ. */
export function cosineDense(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let dotProduct = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    dotProduct += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dotProduct / Math.sqrt(na * nb) : 0;
}

/** Cosine similarity of two sparse vectors; 0 when either is empty. */
export function cosineSparse(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dotProduct = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) dotProduct += weight * other;
  }
  if (dotProduct === 0) return 0;
  return dotProduct / (norm(a.values()) * norm(b.values()));
}

/** Mean of dense vectors, L2-normalised; undefined for no vectors. */
export function centroidDense(vectors: readonly Float32Array[]): Float32Array | undefined {
  const first = vectors[0];
  if (!first) return undefined;
  const sum = new Float32Array(first.length);
  for (const v of vectors) for (let i = 0; i < sum.length; i += 1) sum[i]! += v[i] ?? 0;
  const length = norm(sum.values());
  if (length > 0) for (let i = 0; i < sum.length; i += 1) sum[i]! /= length;
  return sum;
}

/** Mean of sparse vectors (each term averaged over all vectors, absent = 0). */
export function centroidSparse(vectors: readonly SparseVector[]): Map<string, number> {
  const sum = new Map<string, number>();
  for (const v of vectors) for (const [term, weight] of v) sum.set(term, (sum.get(term) ?? 0) + weight / vectors.length);
  return sum;
}

/** Square matrix of `similarity(i, j)` for i ≠ j, 1 on the diagonal. */
export function similarityMatrix<T>(items: readonly T[], similarity: (a: T, b: T) => number): number[][] {
  const n = items.length;
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 1; j < n; j += 1) {
      const s = similarity(items[i]!, items[j]!);
      matrix[i]![j] = s;
      matrix[j]![i] = s;
    }
  }
  return matrix;
}

/** Clamps a similarity into [0, 1] (embedding cosines can be slightly negative). */
export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function norm(values: Iterable<number>): number {
  let sum = 0;
  for (const v of values) sum += v * v;
  return Math.sqrt(sum);
}
