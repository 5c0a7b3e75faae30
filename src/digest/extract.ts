import { splitSentences, type Sentence } from '../text/sentences.js';

// Sentences that state what the paper contributes ("We propose …", "This paper introduces …", "Here we show …").
const CONTRIBUTION =
  /\b(?:we|this (?:paper|work|study|article)|in this (?:paper|work|study)|our (?:paper|work|method|approach|framework|model|results?))\b[^.]*?\b(?:propose|present|introduce|develop|design|show|demonstrate|prove|derive|study|investigate|explore|describe|release|build|find|report|provide|establish|analy[sz]e|call)/i;

export interface ExtractOptions {
  /** At most this many sentences (1 or 2). Default 2. */
  maxSentences?: number;
  /** A second sentence is added only when the total stays within this many characters. Default 320. */
  maxChars?: number;
}

/**
 * The first sentence of the abstract that states the contribution, plus the next one when it fits, verbatim
 * (the original text between them is kept). Falls back to the opening sentence(s) when no sentence reads as a contribution.
 */
export function extractContribution(abstract: string, options: ExtractOptions = {}): string {
  const maxSentences = Math.max(1, Math.min(2, options.maxSentences ?? 2));
  const maxChars = options.maxChars ?? 320;
  const sentences = splitSentences(abstract);
  if (sentences.length === 0) return abstract.trim();
  const first = Math.max(0, sentences.findIndex((s) => CONTRIBUTION.test(s.text)));
  const start = sentences[first]!;
  let end: Sentence = start;
  const next = sentences[first + 1];
  if (maxSentences > 1 && next && next.end - start.start <= maxChars) end = next;
  return abstract.slice(start.start, end.end);
}
