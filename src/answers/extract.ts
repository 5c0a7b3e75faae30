/** Choosing answer sentences across several papers: relevance to a query against redundancy (MMR), with citations. */
import { tokenize } from '../search/tokenize.js';
import { splitSentences } from '../text/sentences.js';
import type { SearchMode, SearchResponse, SearchResult } from '../search/types.js';
import { toCitation } from './cite.js';
import { embedOrNull, type AnswerContext } from './context.js';
import { selectByMmr } from './mmr.js';
import type { Citation, Quote } from './types.js';
import { cosineDense, cosineSparse, type SparseVector } from './vectors.js';

export interface SelectOptions {
  count: number;
  /** MMR trade-off: 1 = relevance only. */
  lambda: number;
  /** At most this many sentences from one paper. */
  perPaper: number;
}

export interface Selection {
  /** Chosen sentences, most relevant first, each with its marker into `citations`. */
  quotes: Quote[];
  citations: Citation[];
  method: 'embedding' | 'tfidf';
}

// How much the paper's own search score counts next to the sentence's match.
const PAPER_WEIGHT = 0.25;
// With embeddings, lexical overlap still counts: it keeps rare exact terms (names, acronyms) decisive.
const SEMANTIC_WEIGHT = 0.6;
// Weight kept by a query word that occurs in the title of the paper a sentence comes from.
const TITLE_TERM_FACTOR = 0.5;
// A sentence with no query word may still answer when its meaning is this close (cosine of sentence embeddings).
const MIN_SEMANTIC_MATCH = 0.35;
// Share of the question's informative (IDF) weight a sentence, with its paper's title, must carry to be quoted, and
// share it must carry itself (so one rare word of the question, e.g. "beats", does not make a sentence an answer).
const MIN_CONCEPT_SHARE = 0.5;
const MIN_OWN_CONCEPT_SHARE = 0.25;

/** Share of the query's weight (`query`: term → IDF-based weight) on terms that `has` holds, in [0, 1]. */
export function conceptShare(query: SparseVector, has: (term: string) => boolean): number {
  let total = 0;
  let held = 0;
  for (const [term, weight] of query) {
    total += weight;
    if (has(term)) held += weight;
  }
  return total > 0 ? held / total : 0;
}

interface Candidate {
  text: string;
  paperIndex: number;
  lexical: SparseVector;
}

/**
 * Picks up to `count` sentences from the abstracts of `results` (search order) that answer `query`. Relevance is
 * the sentence's similarity to the query (query words and request filler removed; embeddings blended in when the
 * semantic side is available and the search was not keyword-only) plus a share of its paper's search score;
 * redundancy is sentence–sentence similarity. Sentences sharing nothing with the query are never chosen.
 */
export async function selectAcrossPapers(ctx: AnswerContext, query: string, results: readonly SearchResult[], mode: SearchMode, options: SelectOptions): Promise<Selection> {
  const candidates: Candidate[] = [];
  results.forEach((result, paperIndex) => {
    for (const s of splitSentences(result.paper.abstract)) candidates.push({ text: s.text, paperIndex, lexical: ctx.terms.textVector(s.text) });
  });
  const queryVector = ctx.terms.queryVector(query);
  // Query words that name the paper (its title words) already chose it; what the sentence must add is the rest.
  const perPaper = results.map((r) => discount(queryVector, new Set(tokenize(r.paper.title)), TITLE_TERM_FACTOR));
  const lexical = candidates.map((c) => cosineSparse(perPaper[c.paperIndex]!, c.lexical));
  const semantic = mode === 'keyword' ? null : ctx.deps.semantic();
  const embedded = await embedOrNull(ctx, semantic, [query, ...candidates.map((c) => c.text)], 'answer sentences');
  const queryEmbedding = embedded?.[0];
  const sentenceEmbeddings = embedded?.slice(1);

  const semanticMatch = candidates.map((_, i) =>
    sentenceEmbeddings && queryEmbedding ? Math.max(0, cosineDense(queryEmbedding, sentenceEmbeddings[i]!)) : 0,
  );
  const relevance = candidates.map((c, i) => {
    const match = sentenceEmbeddings ? SEMANTIC_WEIGHT * semanticMatch[i]! + (1 - SEMANTIC_WEIGHT) * lexical[i]! : lexical[i]!;
    return (1 - PAPER_WEIGHT) * match + PAPER_WEIGHT * results[c.paperIndex]!.score;
  });
  const similarity = (i: number, j: number): number =>
    sentenceEmbeddings ? cosineDense(sentenceEmbeddings[i]!, sentenceEmbeddings[j]!) : cosineSparse(candidates[i]!.lexical, candidates[j]!.lexical);
  // A sentence must carry the question's informative concepts (with its paper's title, which named the subject), not
  // just one of its words; with embeddings, a sentence close enough in meaning answers too.
  const titleTerms = results.map((r) => new Set(tokenize(r.paper.title)));
  const carries = candidates.map(
    (c) =>
      conceptShare(queryVector, (t) => c.lexical.has(t) || titleTerms[c.paperIndex]!.has(t)) >= MIN_CONCEPT_SHARE &&
      conceptShare(queryVector, (t) => c.lexical.has(t)) >= MIN_OWN_CONCEPT_SHARE,
  );
  const eligible = (i: number): boolean => carries[i]! || semanticMatch[i]! >= MIN_SEMANTIC_MATCH;

  const picked = selectByMmr(relevance, similarity, {
    count: options.count,
    lambda: options.lambda,
    allow: (i, chosen) => eligible(i) && chosen.filter((j) => candidates[j]!.paperIndex === candidates[i]!.paperIndex).length < options.perPaper,
  });

  const citations: Citation[] = [];
  const markerOf = new Map<number, number>();
  const quotes = picked.map((i): Quote => {
    const candidate = candidates[i]!;
    const result = results[candidate.paperIndex]!;
    let marker = markerOf.get(candidate.paperIndex);
    if (marker === undefined) {
      citations.push(toCitation(result.paper));
      marker = citations.length;
      markerOf.set(candidate.paperIndex, marker);
    }
    return { text: candidate.text, paperId: result.paper.id, marker };
  });
  return { quotes, citations, method: embedded ? 'embedding' : 'tfidf' };
}

/**
 * The search's own coverage judgement (see `search/coverage.ts`), so that search, ask and topic summaries agree:
 * covered unless the search flagged the query weak or found nothing.
 */
export function isCovered(response: SearchResponse): boolean {
  return !response.weak && response.results.length > 0;
}

/** `vector` with the weights of `terms` multiplied by `factor`. */
function discount(vector: SparseVector, terms: ReadonlySet<string>, factor: number): SparseVector {
  const out = new Map(vector);
  for (const [term, weight] of vector) if (terms.has(term)) out.set(term, weight * factor);
  return out;
}
