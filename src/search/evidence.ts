import { splitSentences } from '../text/sentences.js';
import { tokenize } from './tokenize.js';

/** A sentence of an abstract with its analysed terms, computed once per paper. */
export interface AnalysedSentence {
  text: string;
  terms: ReadonlySet<string>;
  /** The terms in order, duplicates kept (for phrase and proximity evidence). */
  sequence: readonly string[];
}

/** Splits an abstract into sentences and analyses each one (same analysis as the keyword index). */
export function analyseSentences(abstract: string): AnalysedSentence[] {
  return splitSentences(abstract).map((s) => {
    const sequence = tokenize(s.text);
    return { text: s.text, terms: new Set(sequence), sequence };
  });
}

/**
 * Index of the sentence that shares the most query terms, weighted by `weightOf(term)` (e.g. IDF);
 * -1 when no sentence shares any term. Ties go to the earlier sentence.
 */
export function pickByTerms(sentences: readonly AnalysedSentence[], queryTerms: readonly string[], weightOf: (term: string) => number = () => 1): number {
  let best = -1;
  let bestScore = 0;
  sentences.forEach((sentence, index) => {
    let score = 0;
    for (const term of queryTerms) if (sentence.terms.has(term)) score += weightOf(term);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

/** Index of the sentence vector closest to the query vector (dot product of normalised vectors); -1 for none. */
export function pickByVector(sentenceVectors: readonly Float32Array[], query: Float32Array): number {
  let best = -1;
  let bestScore = -Infinity;
  sentenceVectors.forEach((vector, index) => {
    const score = dot(vector, query);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

/** Dot product; equals cosine similarity for L2-normalised vectors. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) sum += a[i]! * b[i]!;
  return sum;
}
