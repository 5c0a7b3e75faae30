/** Answering a question with sentences quoted from the abstracts that cover it. */
import type { SearchMode } from '../search/types.js';
import type { AnswerContext } from './context.js';
import { checkCount } from './errors.js';
import { NOT_COVERED_NOTE } from '../search/coverage.js';
import { isCovered, selectAcrossPapers } from './extract.js';
import { joinNotes } from './summarize.js';
import type { Answer } from './types.js';

const DEFAULT_SENTENCES = 3;
const ANSWER_PAPERS = 5;
// Answers favour relevance; redundancy only breaks near-duplicates.
const ANSWER_LAMBDA = 0.8;

/**
 * Retrieves papers for `question`, then quotes the sentences that best answer it (matched on the question's content
 * words, and on meaning when embeddings are available), with citation markers. When the corpus does not cover the
 * question, no sentence is quoted: `covered` is false, the note says so and `papers` are the nearest ones.
 */
export async function ask(ctx: AnswerContext, question: string, options: { mode?: SearchMode; sentences?: number } = {}): Promise<Answer> {
  const count = checkCount(options.sentences, DEFAULT_SENTENCES, 'sentences');
  const response = await ctx.deps.search(question, { limit: ANSWER_PAPERS, ...(options.mode ? { mode: options.mode } : {}) });
  if (!isCovered(response)) {
    return {
      question,
      mode: response.mode,
      sentences: [],
      citations: [],
      papers: response.results,
      covered: false,
      note: joinNotes(response.note ?? NOT_COVERED_NOTE),
    };
  }
  const picked = await selectAcrossPapers(ctx, question, response.results, response.mode, { count, lambda: ANSWER_LAMBDA, perPaper: 2 });
  return {
    question,
    mode: response.mode,
    sentences: picked.quotes,
    citations: picked.citations,
    papers: response.results,
    covered: true,
    ...(picked.quotes.length > 0
      ? response.note
        ? { note: response.note }
        : {}
      : { note: joinNotes(response.note, 'These papers match the question, but no sentence of their abstracts answers it directly.') }),
  };
}
