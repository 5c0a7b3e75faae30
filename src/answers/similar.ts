/** "More like this": the papers closest to one paper, with what they share. */
import type { Paper } from '../corpus/types.js';
import { toCitation } from './cite.js';
import type { AnswerContext } from './context.js';
import { checkCount } from './errors.js';
import { topWords } from './term-model.js';
import type { SimilarPapers } from './types.js';

const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 25;
const QUERY_TERMS = 8;
const EVIDENCE_TERMS = 4;

/**
 * Papers most similar to the referenced one, itself excluded: nearest stored vectors when the semantic side has the
 * paper's vector, else a keyword search with the paper's top TF-IDF terms. Each result says which terms they share.
 */
export async function similar(ctx: AnswerContext, reference: string, options: { limit?: number } = {}): Promise<SimilarPapers> {
  const limit = checkCount(options.limit, DEFAULT_LIMIT, 'limit', MAX_LIMIT);
  const paper = ctx.lookup.resolve(reference);
  const exclude = new Set([paper.id]);
  const semantic = ctx.deps.semantic();
  const vector = semantic?.vectorOf(paper.id);
  let hits: { paper: Paper; score: number }[];
  if (semantic && vector) {
    hits = semantic
      .nearest(vector, limit, exclude)
      .map((h) => ({ paper: ctx.deps.store.get(h.id), score: h.score }))
      .filter((h): h is { paper: Paper; score: number } => h.paper !== undefined && h.paper.id !== paper.id);
  } else {
    // A term no other paper has (a name, a coinage) cannot find a neighbour.
    const words = topWords(ctx.terms, ctx.terms.paperVector(paper), QUERY_TERMS, (term) => ctx.terms.documentFrequency(term) >= 2).map((t) => t.word);
    const response = words.length > 0 ? await ctx.deps.search(words.join(' '), { mode: 'keyword', limit, exclude }) : null;
    hits = (response?.results ?? []).filter((r) => r.id !== paper.id).map((r) => ({ paper: r.paper, score: r.score }));
  }
  return {
    paper: toCitation(paper),
    results: hits.slice(0, limit).map((hit) => ({ paper: toCitation(hit.paper), score: hit.score, evidence: sharedEvidence(ctx, paper, hit.paper) })),
  };
}

/** One line on what two papers share: their heaviest common terms. */
export function sharedEvidence(ctx: AnswerContext, a: Paper, b: Paper): string {
  const va = ctx.terms.paperVector(a);
  const vb = ctx.terms.paperVector(b);
  const common = new Map<string, number>();
  for (const [term, weight] of va) {
    const other = vb.get(term);
    if (other !== undefined) common.set(term, weight * other);
  }
  const words = topWords(ctx.terms, common, EVIDENCE_TERMS).map((t) => t.word);
  return words.length > 0 ? `shares: ${words.join(', ')}` : 'close in overall meaning; no key term in common';
}
