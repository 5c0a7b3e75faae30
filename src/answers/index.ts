/**
 * Extractive answers over the paper store: every sentence shown is quoted verbatim from an abstract and cited with
 * its paper. Nothing is generated.
 */
import { ask } from './ask.js';
import { compare } from './compare.js';
import type { AnswerContext } from './context.js';
import { createLookup } from './lookup.js';
import { createCorpusCounts } from './phrases.js';
import { similar } from './similar.js';
import { summarizePaper, summarizeTopic } from './summarize.js';
import { createTermModel } from './term-model.js';
import type { Answers, AnswersDeps } from './types.js';

export { AnswerInputError } from './errors.js';
export { MAX_SUGGESTIONS, MAX_SUGGESTION_LENGTH } from './lookup.js';
export { MAX_COMPARE, MIN_COMPARE } from './compare.js';
export * from './types.js';

/**
 * Creates the answer builders. The title index and term statistics follow papers added to the store later.
 * The title index is built right after creation (next tick), because autocomplete must answer at once, even the
 * first time; term statistics are built on the first answer that needs them.
 */
export function createAnswers(deps: AnswersDeps): Answers {
  const lookup = createLookup(deps.store, deps.titles);
  const ctx: AnswerContext = { deps, terms: createTermModel(deps.store), lookup, corpusCounts: createCorpusCounts(deps.store) };
  setImmediate(() => lookup.autocomplete('', 1));
  return {
    lookup: (reference) => lookup.lookup(reference),
    resolve: (reference) => lookup.resolve(reference),
    autocomplete: (partial, limit) => lookup.autocomplete(partial, limit),
    summarizePaper: (reference, options) => summarizePaper(ctx, reference, options),
    summarizeTopic: (query, options) => summarizeTopic(ctx, query, options),
    ask: (question, options) => ask(ctx, question, options),
    compare: (references) => compare(ctx, references),
    similar: (reference, options) => similar(ctx, reference, options),
  };
}
