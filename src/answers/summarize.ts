/** Extractive summaries: of one paper (central sentences) and of a topic (MMR across the top papers). */
import type { SearchMode } from '../search/types.js';
import { splitSentences } from '../text/sentences.js';
import { bestOfRole, classifySentences, CLEAR_SCORE, mainContribution, type RoledSentence } from '../search/roles.js';
import { centralityScores } from './centrality.js';
import { toCitation } from './cite.js';
import { embedOrNull, type AnswerContext } from './context.js';
import { checkCount } from './errors.js';
import { NOT_COVERED_NOTE } from '../search/coverage.js';
import { isCovered, selectAcrossPapers } from './extract.js';
import type { PaperSummary, TopicSummary } from './types.js';
import { cosineDense, cosineSparse, similarityMatrix } from './vectors.js';

const DEFAULT_PAPER_SENTENCES = 3;
const DEFAULT_TOPIC_SENTENCES = 5;
const TOPIC_PAPERS = 5;
// Contribution score from which the best contribution sentence leads the summary (one clear cue).
const MIN_LEAD = 1;

/**
 * Summary order of an abstract's sentences: the sentence that best states the contribution ({@link mainContribution}),
 * then the main result, then the other contribution and result sentences, then the rest, each group by how clearly a
 * sentence states its role, then by centrality (most central first); fragments last.
 * An abstract without a clear contribution sentence (one with a cue) leads with its main result.
 */
export function summaryOrder(roled: readonly RoledSentence[], centrality: readonly number[]): number[] {
  const contribution = mainContribution(roled);
  // A contribution read from position alone (no cue) does not lead; the main result then does.
  const lead = [contribution >= 0 && roled[contribution]!.scores.contribution >= MIN_LEAD ? contribution : -1, bestOfRole(roled, 'result')].filter((i) => i >= 0);
  // Clear statements of their role first (capped, so that piled-up cues do not count), then the more central.
  // Fragments ("We show that it is.") lean on their neighbours: quoted alone they say nothing, so they come last.
  const rank = (i: number) => (roled[i]!.role === 'other' || roled[i]!.fragment ? 2 : roled[i]!.role === 'contribution' || roled[i]!.role === 'result' ? 0 : 1);
  const clarity = (i: number) => (rank(i) === 0 ? Math.min(CLEAR_SCORE, roled[i]!.scores[roled[i]!.role]) : 0);
  const rest = roled
    .map((_, i) => i)
    .filter((i) => !lead.includes(i))
    .sort((a, b) => rank(a) - rank(b) || clarity(b) - clarity(a) || (centrality[b] ?? 0) - (centrality[a] ?? 0) || a - b);
  return [...lead, ...rest];
}

/**
 * The first `count` sentences of the abstract in {@link summaryOrder}, verbatim: contribution first, then the main
 * result, then what supports them. Centrality is the mean similarity of a sentence to the other sentences and to the
 * title (embeddings when available, else TF-IDF).
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
  const order = summaryOrder(classifySentences(sentences, paper.title), centralityScores(matrix, sentences.length));
  return {
    paper: toCitation(paper),
    sentences: order.slice(0, count).map((i) => ({ text: sentences[i]!, paperId: paper.id })),
    method: embedded ? 'embedding' : 'tfidf',
  };
}

/** Sentences across the papers that best cover `query`, chosen by MMR, each with a citation marker. */
export async function summarizeTopic(ctx: AnswerContext, query: string, options: { sentences?: number; mode?: SearchMode } = {}): Promise<TopicSummary> {
  const count = checkCount(options.sentences, DEFAULT_TOPIC_SENTENCES, 'sentences');
  const response = await ctx.deps.search(query, { limit: TOPIC_PAPERS, ...(options.mode ? { mode: options.mode } : {}) });
  if (!isCovered(response)) {
    return {
      query,
      mode: response.mode,
      sentences: [],
      citations: response.results.map((r) => toCitation(r.paper)),
      weak: true,
      note: joinNotes(response.note ?? NOT_COVERED_NOTE),
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
