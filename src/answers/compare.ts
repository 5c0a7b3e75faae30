/** Comparing 2–4 papers: similarity, shared and distinctive terms, aligned problem / method / result rows, related papers. */
import { splitSentences } from '../text/sentences.js';
import type { Paper } from '../corpus/types.js';
import { classifySentences, mainContribution, motivatingProblem, reportedResult, type RoledSentence } from '../search/roles.js';
import { toCitation } from './cite.js';
import type { AnswerContext } from './context.js';
import { AnswerInputError } from './errors.js';
import { DEFAULT_PRIOR_SIZE, logOddsZ, sumCounts, total } from './log-odds.js';
import { countTerms, paperTerms } from './phrases.js';
import { topWords } from './term-model.js';
import type { Aspect, Citation, Comparison, Quote } from './types.js';
import { centroidDense, centroidSparse, clamp01, cosineDense, cosineSparse, similarityMatrix } from './vectors.js';

export const ASPECTS: readonly Aspect[] = ['problem', 'method', 'result'];
// Each row's sentence: the problem stated before the contribution, the contribution, the result it reports.
const PICK: Record<Aspect, (roled: readonly RoledSentence[]) => number> = { problem: motivatingProblem, method: mainContribution, result: reportedResult };

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

  const { sharedTerms, distinctiveTerms } = contrastTerms(papers, ctx.corpusCounts());

  // Each row takes each paper's sentence of its role (see PICK), or none ("not stated") rather than one of another role.
  const columns = papers.map((paper) => {
    const sentences = splitSentences(paper.abstract).map((s) => s.text);
    return { paper, sentences, roled: classifySentences(sentences, paper.title) };
  });
  const rows = ASPECTS.map((aspect) => ({
    aspect,
    cells: columns.map(({ paper, sentences, roled }): Quote | null => {
      const index = PICK[aspect](roled);
      return index < 0 ? null : { text: sentences[index]!, paperId: paper.id };
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

/**
 * Shared and distinctive terms (content words and two-word phrases) by the weighted log-odds ratio with the corpus
 * as informative Dirichlet prior (see `log-odds.ts`). Distinctive: a paper against the other compared papers, among
 * terms it repeats or has in its title. Shared: in every paper, ranked by the smallest z of a paper against the corpus,
 * so a term must be typical of each of them. A word already shown inside a chosen phrase is not listed again.
 */
export function contrastTerms(papers: readonly Paper[], prior: ReadonlyMap<string, number>): { sharedTerms: string[]; distinctiveTerms: Record<string, string[]> } {
  const counted = papers.map((p) => paperTerms(p));
  const priorTotal = total(prior);
  const titles = papers.map((p) => countTerms(p.title).counts);
  const surface = (term: string) => counted.find((c) => c.surfaces.has(term))?.surfaces.get(term) ?? term;
  const pick = (scores: Map<string, number>, limit: number, keep: (term: string) => boolean): string[] => {
    const out: string[] = [];
    for (const [term] of [...scores].filter(([t, z]) => z > 0 && keep(t)).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))) {
      if (out.length >= limit) break;
      const word = surface(term);
      // A phrase replaces a word of it already listed ("receptive fields" for "fields"); a word inside a listed phrase is skipped.
      if (out.some((w) => w === word || w.split(' ').includes(word))) continue;
      const parts = word.split(' ');
      const at = out.findIndex((w) => parts.includes(w));
      if (at >= 0) {
        const kept = out.filter((w) => !parts.includes(w));
        kept.splice(Math.min(at, kept.length), 0, word);
        out.splice(0, out.length, ...kept);
      } else out.push(word);
    }
    return out;
  };

  const distinctiveTerms: Record<string, string[]> = {};
  papers.forEach((paper, i) => {
    const others = sumCounts(counted.filter((_, j) => j !== i).map((c) => c.counts));
    const own = counted[i]!.counts;
    // A term said once in passing ("won", "ease") is not what sets a paper apart; one it repeats or names in its title is.
    const salient = (t: string) => ((own.get(t) ?? 0) >= 2 || titles[i]!.has(t)) && !others.has(t);
    distinctiveTerms[paper.id] = pick(logOddsZ(own, others, prior, DEFAULT_PRIOR_SIZE, priorTotal), DISTINCTIVE_TERMS, salient);
  });

  const perPaper = counted.map((c) => logOddsZ(c.counts, prior, prior, DEFAULT_PRIOR_SIZE, priorTotal));
  const shared = new Map<string, number>();
  for (const [term, z] of perPaper[0]!) {
    const zs = perPaper.map((m) => m.get(term));
    if (zs.every((v) => v !== undefined)) shared.set(term, Math.min(z, ...(zs as number[])));
  }
  return { sharedTerms: pick(shared, SHARED_TERMS, () => true), distinctiveTerms };
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
