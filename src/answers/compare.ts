/** Comparing 2–4 papers: similarity, shared and distinctive terms, aligned problem / method / result rows, related papers. */
import { splitSentences } from '../text/sentences.js';
import type { Paper } from '../corpus/types.js';
import { alignAspects, ASPECTS } from './aspects.js';
import { toCitation } from './cite.js';
import type { AnswerContext } from './context.js';
import { AnswerInputError } from './errors.js';
import { topWords } from './term-model.js';
import type { Citation, Comparison, Quote } from './types.js';
import { centroidDense, centroidSparse, clamp01, cosineDense, cosineSparse, similarityMatrix } from './vectors.js';

export const MIN_COMPARE = 2;
export const MAX_COMPARE = 4;
const SHARED_TERMS = 8;
const DISTINCTIVE_TERMS = 6;
const RELATED = 5;
// Query terms taken from the centroid when related papers are found by keyword search.
const CENTROID_QUERY_TERMS = 6;

/** Resolves the references and compares the papers; throws AnswerInputError unless 2–4 distinct papers are named. */
export async function compare(ctx: AnswerContext, references: readonly string[]): Promise<Comparison> {
  if (references.length < MIN_COMPARE || references.length > MAX_COMPARE) {
    throw new AnswerInputError(`compare: needs ${MIN_COMPARE} to ${MAX_COMPARE} papers, got ${references.length}`);
  }
  const papers = references.map((r) => ctx.lookup.resolve(r));
  const ids = new Set(papers.map((p) => p.id));
  if (ids.size !== papers.length) {
    const repeated = papers.find((p, i) => papers.findIndex((q) => q.id === p.id) !== i)!;
    throw new AnswerInputError(`compare: "${repeated.title}" is named more than once; name ${MIN_COMPARE} to ${MAX_COMPARE} different papers`);
  }

  const semantic = ctx.deps.semantic();
  const stored = semantic ? papers.map((p) => semantic.vectorOf(p.id)) : [];
  const dense = semantic && stored.every((v): v is Float32Array => v !== undefined) ? stored : null;
  const sparse = papers.map((p) => ctx.terms.paperVector(p));
  const pairwise = dense
    ? similarityMatrix(dense, (a, b) => clamp01(cosineDense(a, b)))
    : similarityMatrix(sparse, (a, b) => clamp01(cosineSparse(a, b)));

  // Shared: present in every paper, ranked by the weakest paper's weight, so a term must matter to all of them.
  const shared = new Map<string, number>();
  for (const [term] of sparse[0]!) {
    const weights = sparse.map((v) => v.get(term));
    if (weights.every((w) => w !== undefined)) shared.set(term, Math.min(...(weights as number[])));
  }
  const sharedTerms = topWords(ctx.terms, shared, SHARED_TERMS).map((t) => t.word);

  const distinctiveTerms: Record<string, string[]> = {};
  papers.forEach((paper, i) => {
    const own = new Map<string, number>();
    for (const [term, weight] of sparse[i]!) if (sparse.every((v, j) => j === i || !v.has(term))) own.set(term, weight);
    distinctiveTerms[paper.id] = topWords(ctx.terms, own, DISTINCTIVE_TERMS).map((t) => t.word);
  });

  const columns = papers.map((paper) => {
    const sentences = splitSentences(paper.abstract).map((s) => s.text);
    return { paper, sentences, aligned: alignAspects(sentences) };
  });
  const rows = ASPECTS.map((aspect) => ({
    aspect,
    cells: columns.map(({ paper, sentences, aligned }): Quote | null => {
      const index = aligned[aspect];
      return index === null ? null : { text: sentences[index]!, paperId: paper.id };
    }),
  }));

  return {
    papers: papers.map(toCitation),
    similarity: meanOffDiagonal(pairwise),
    pairwise,
    sharedTerms,
    distinctiveTerms,
    rows,
    related: await relatedPapers(ctx, papers, dense, sparse),
  };
}

/** Mean of the entries above the diagonal (0 for fewer than two items). */
export function meanOffDiagonal(matrix: readonly (readonly number[])[]): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < matrix.length; i += 1) {
    for (let j = i + 1; j < matrix.length; j += 1) {
      sum += matrix[i]![j]!;
      count += 1;
    }
  }
  return count > 0 ? sum / count : 0;
}

/** Corpus papers nearest the centroid of the compared ones (vectors when available, else a keyword search of its top terms). */
async function relatedPapers(
  ctx: AnswerContext,
  papers: readonly Paper[],
  dense: Float32Array[] | null,
  sparse: readonly ReadonlyMap<string, number>[],
): Promise<Citation[]> {
  const exclude = new Set(papers.map((p) => p.id));
  const semantic = ctx.deps.semantic();
  const centroid = dense ? centroidDense(dense) : undefined;
  if (semantic && centroid) {
    return semantic
      .nearest(centroid, RELATED, exclude)
      .map((hit) => ctx.deps.store.get(hit.id))
      .filter((p): p is Paper => p !== undefined && !exclude.has(p.id))
      .map(toCitation);
  }
  // A term one paper alone uses would pull the search back to that paper: weigh terms by how many papers share them.
  const consensus = new Map<string, number>();
  for (const [term, weight] of centroidSparse(sparse)) {
    const share = sparse.filter((v) => v.has(term)).length / sparse.length;
    consensus.set(term, weight * share * share);
  }
  const words = topWords(ctx.terms, consensus, CENTROID_QUERY_TERMS).map((t) => t.word);
  if (words.length === 0) return [];
  const response = await ctx.deps.search(words.join(' '), { mode: 'keyword', limit: RELATED, exclude });
  return response.results.filter((r) => !exclude.has(r.id)).slice(0, RELATED).map((r) => toCitation(r.paper));
}
