/**
 * Text analysis as the keyword index receives it: an injected object (like MiniSearch's `tokenize` and
 * `processTerm` options), so the index modules never import a tokenizer and a test or another language can supply
 * its own. {@link defaultAnalyzer} is the analysis of `tokenize.ts` and `acronyms.ts`, shared with the engine.
 */
import { extractAcronyms, type AcronymDefinition } from '../acronyms.js';
import { analyze, analyzeQuery, stemWord, type Token } from '../tokenize.js';

/** How the keyword index turns text into terms. Documents and queries must produce the same terms. */
export interface KeywordAnalyzer {
  /** Index terms of a field, in order, each with the normalised word it came from (for typo lookup). */
  analyze(text: string): readonly Token[];
  /** Terms of a query (may drop words that only phrase a request). */
  analyzeQuery(text: string): readonly Token[];
  /** Index term of one vocabulary word (a typo correction or a completion). */
  stem(word: string): string;
  /** Acronym definitions in a document's text ("Graph Neural Networks (GNNs)"), duplicates allowed. */
  acronyms(text: string): readonly AcronymDefinition[];
}

/** Paper Scout's analysis: normalised, stop words removed, Porter-stemmed; acronyms learnt from definitions. */
export const defaultAnalyzer: KeywordAnalyzer = {
  analyze,
  analyzeQuery,
  stem: stemWord,
  acronyms: extractAcronyms,
};
