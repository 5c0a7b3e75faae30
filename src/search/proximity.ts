/**
 * Phrase and proximity evidence for keyword ranking: query words that stand next to each other in a paper ("knowledge
 * distillation" as a phrase) or close together in one sentence are stronger evidence than the same words scattered
 * over the abstract (Büttcher, Clarke & Lushman, "Term proximity scoring for ad-hoc retrieval", SIGIR 2006, in a
 * simple form). Computed only for the best candidates, whose order it refines.
 */
import { splitSentences } from '../text/sentences.js';
import type { QueryTermMatch } from './keyword-index.js';
import { tokenize } from './tokenize.js';

/** Index term → its positions in a text (stop words removed, so "network in network" counts as adjacent). */
export type TermPositions = ReadonlyMap<string, readonly number[]>;

// Sentences (and the title) are placed this far apart, so words in different sentences are never "close".
const SENTENCE_GAP = 1000;
/** Words at most this many positions apart (in order or not) count as close. */
export const WINDOW = 3;
/** Credit of two query words close together but not adjacent, relative to an exact phrase (1). */
export const CLOSE_CREDIT = 0.5;

/** Positions of the terms of a title and an abstract, each sentence in its own span. */
export function termPositions(title: string, abstract: string): TermPositions {
  return positionsOf([tokenize(title), ...splitSentences(abstract).map((s) => tokenize(s.text))]);
}

/** Positions of already analysed spans (term sequences, e.g. the title and each sentence), each in its own span. */
export function positionsOf(spans: readonly (readonly string[])[]): TermPositions {
  const out = new Map<string, number[]>();
  spans.forEach((terms, span) => {
    terms.forEach((term, i) => {
      const list = out.get(term);
      if (list) list.push(span * SENTENCE_GAP + i);
      else out.set(term, [span * SENTENCE_GAP + i]);
    });
  });
  return out;
}

/** Smallest distance from a position of `a` to a later position of `b` (Infinity when none). */
function forwardGap(a: readonly number[], b: readonly number[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const x of a) for (const y of b) if (y > x && y - x < best) best = y - x;
  return best;
}

/**
 * Proximity of the query's consecutive word pairs in a paper, in [0, 1]: per pair 1 when the words stand adjacent in
 * query order (a phrase), {@link CLOSE_CREDIT} when within {@link WINDOW} positions in one sentence, else 0; averaged
 * over the pairs. A word may be matched by any of its single-term alternatives (typo corrections included). Queries of
 * one word have no pairs and score 0.
 */
export function proximityScore(words: readonly QueryTermMatch[], positions: TermPositions): number {
  const termsOf = words.map((w) => w.alternatives.filter((a) => !a.term.includes(' ')).map((a) => a.term));
  if (termsOf.length < 2) return 0;
  let sum = 0;
  for (let i = 0; i + 1 < termsOf.length; i++) {
    let best = 0;
    for (const a of termsOf[i]!) {
      const pa = positions.get(a);
      if (!pa) continue;
      for (const b of termsOf[i + 1]!) {
        const pb = positions.get(b);
        if (!pb) continue;
        if (forwardGap(pa, pb) === 1) best = 1;
        else if (Math.min(forwardGap(pa, pb), forwardGap(pb, pa)) <= WINDOW) best = Math.max(best, CLOSE_CREDIT);
      }
    }
    sum += best;
  }
  return sum / (termsOf.length - 1);
}

/**
 * Scores of the first `depth` entries of `ranked` (best first) multiplied by 1 + `weight` × proximity, then all scores
 * divided by the new maximum so they stay in [0, 1]; entries past `depth` keep their relative score.
 */
export function boostByProximity<T extends { id: string; score: number }>(
  ranked: readonly T[],
  proximityOf: (id: string) => number,
  weight: number,
  depth: number,
): T[] {
  const boosted = ranked.map((hit, i) => (i < depth && weight > 0 ? { ...hit, score: hit.score * (1 + weight * proximityOf(hit.id)) } : hit));
  const max = boosted.reduce((m, h) => Math.max(m, h.score), 0);
  return max > 0 ? boosted.map((h) => ({ ...h, score: h.score / max })) : boosted;
}
