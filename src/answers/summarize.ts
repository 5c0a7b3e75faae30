/** Extractive summaries: of one paper (central sentences) and of a topic (MMR across the top papers). */
import type { SearchMode } from '../search/types.js';
import { splitSentences } from '../text/sentences.js';
import { centralityScores, topInOrder } from './centrality.js';
import { toCitation } from './cite.js';
import { embedOrNull, type AnswerContext } from './context.js';
import { checkCount } from './errors.js';
import { isCovered, selectAcrossPapers } from './extract.js';
import type { PaperSummary, TopicSummary } from './types.js';
import { cosineDense, cosineSparse, similarityMatrix } from './vectors.js';

const DEFAULT_PAPER_SENTENCES = 3;
const DEFAULT_TOPIC_SENTENCES = 5;
const TOPIC_PAPERS = 5;
// Contribution sentences ("we propose …") are usually what a reader wants from a summary.
const CONTRIBUTION_BONUS = 0.2;
const CONTRIBUTION = /\b(?:we|this (?:paper|work))\s+(?:propose|introduce|present|develop)|\bin this (?:paper|work)\b|\bour (?:approach|method|framework|model)\b/i;

/** True when a sentence announces the paper's contribution. */
export function isContributionSentence(text: string): boolean {
  return CONTRIBUTION.test(text);
}

/**
 * The `count` most central sentences of the abstract, verbatim and in original order. Centrality is the mean
 * similarity of a sentence to the other sentences and to the title (embeddings when available, else TF-IDF), with a
 * light bonus for contribution sentences.
 */
export async function summarizePaper(ctx: AnswerContext, reference: string, options: { sentences?: number } = {}): Promise<PaperSummary> {
  const count = checkCount(options.sentences, DEFAULT_PAPER_SENTENCES, 'sentences');
  const paper = ctx.lookup.resolve(reference);
  const sentences = splitSentences(paper.abstract).map((s) => s.text);
  const pool = [...sentences, paper.title];
  const embedded = await embedOrNull(ctx, ctx.deps.semantic(), pool, `the sentences of ${paper.id}`);
  const matrix = embedded
    ? similarityMatrix(embedded, cosineDense)
    : similarityMatrix(pool.map((s) => ctx.terms.textVector(s)), cosineSparse);
  const scores = centralityScores(matrix, sentences.length).map((c, i) => c * (isContributionSentence(sentences[i]!) ? 1 + CONTRIBUTION_BONUS : 1));
  return {
    paper: toCitation(paper),
    sentences: topInOrder(scores, count).map((i) => ({ text: sentences[i]!, paperId: paper.id })),
    method: embedded ? 'embedding' : 'tfidf',
  };
}

/** Sentences across the papers that best cover `query`, chosen by MMR, each with a citation marker. */
export async function summarizeTopic(ctx: AnswerContext, query: string, options: { sentences?: number; mode?: SearchMode } = {}): Promise<TopicSummary> {
  const count = checkCount(options.sentences, DEFAULT_TOPIC_SENTENCES, 'sentences');
  const response = await ctx.deps.search(query, { limit: TOPIC_PAPERS, ...(options.mode ? { mode: options.mode } : {}) });
  if (!isCovered(ctx, query, response)) {
    return {
      query,
      mode: response.mode,
      sentences: [],
      citations: response.results.map((r) => toCitation(r.paper)),
      weak: true,
      note: joinNotes(response.note, `The corpus does not cover "${query}" well${response.results.length > 0 ? '; the nearest papers are listed' : ''}.`),
    };
  }
  const picked = await selectAcrossPapers(ctx, query, response.results, response.mode, { count, lambda: 0.6, perPaper: 2 });
  return {
    query,
    mode: response.mode,
    sentences: picked.quotes,
    citations: picked.citations,
    weak: false,
    ...(response.note ? { note: response.note } : {}),
  };
}

/** Joins optional notes into one line, each ending with a full stop. */
export function joinNotes(...notes: (string | undefined)[]): string {
  return notes
    .map((n) => n?.trim() ?? '')
    .filter((n) => n !== '')
    .map((n) => (/[.!?]$/.test(n) ? n : `${n}.`))
    .join(' ');
}
