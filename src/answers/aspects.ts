/**
 * Aligning abstracts on problem / method / result: each sentence is scored per aspect by cue phrases and position,
 * then sentences are assigned greedily, best score first, so one sentence fills at most one row.
 */
import type { Aspect } from './types.js';

export const ASPECTS: readonly Aspect[] = ['problem', 'method', 'result'];

const CUES: Record<Aspect, readonly RegExp[]> = {
  problem: [
    /\bchalleng/i, /\bproblem/i, /\bhowever\b/i, /\bremains?\b/i, /\bdifficult/i, /\blimitation/i, /\bsuffer/i,
    /\black(?:s|ing)?\b/i, /\bbottleneck/i, /\bunclear\b/i, /\bopen question/i, /\bdespite\b/i, /\bstruggle/i,
    /\bhard to\b/i, /\bcostly\b/i, /\bexpensive\b/i, /\bfail/i, /\bissue/i,
  ],
  method: [
    /\bwe (?:propose|introduce|present|develop|design|formulate|describe|devise)\b/i, /\bour (?:approach|method|framework|model|technique)\b/i,
    /\bthis (?:paper|work) (?:proposes|introduces|presents|develops)\b/i, /\bin this (?:paper|work)\b/i,
    /\b(?:called|named|dubbed|termed)\b/i,
  ],
  result: [
    /\boutperform/i, /\bachiev/i, /\bstate[- ]of[- ]the[- ]art\b/i, /%/, /\bshow(?:s|n)? that\b/i, /\bdemonstrat/i,
    /\bexperiment/i, /\bimprov/i, /\bsurpass/i, /\bsignificantly\b/i, /\bresults?\b/i, /\bcompetitive\b/i,
    /\bempirical/i, /\baccuracy\b/i, /\bspeed-?up\b/i, /\bbenchmark/i,
  ],
};

// One cue makes a sentence a candidate; more cues add less and less.
const CUE_WEIGHT = 0.6;
const EXTRA_CUE_WEIGHT = 0.2;
const MAX_EXTRA_CUES = 2;
// The opening sentences usually state the problem, the closing ones the result.
const POSITION_WEIGHT = 0.5;
const MIN_SCORE = 0.5;

/** How strongly a sentence (at `index` of `total`) reads as each aspect. */
export function aspectScores(text: string, index: number, total: number): Record<Aspect, number> {
  const cueScore = (aspect: Aspect): number => {
    const hits = CUES[aspect].filter((re) => re.test(text)).length;
    return hits === 0 ? 0 : CUE_WEIGHT + EXTRA_CUE_WEIGHT * Math.min(MAX_EXTRA_CUES, hits - 1);
  };
  const fromStart = total > 1 ? index / (total - 1) : 0;
  const fromEnd = total > 1 ? (total - 1 - index) / (total - 1) : 0;
  return {
    problem: cueScore('problem') + (index === 0 ? POSITION_WEIGHT : index === 1 ? POSITION_WEIGHT / 2 : 0),
    method: cueScore('method') + (total > 2 && fromStart > 0 && fromEnd > 0 ? 0.1 : 0),
    result: cueScore('result') + (fromEnd === 0 && total > 1 ? POSITION_WEIGHT / 2 : fromEnd < 0.25 ? POSITION_WEIGHT / 4 : 0),
  };
}

/**
 * For one abstract's sentences, the index of the sentence stating each aspect, or null when none scores enough.
 * Greedy by score (ties: aspect order, then earlier sentence), never the same sentence for two aspects.
 */
export function alignAspects(sentences: readonly string[]): Record<Aspect, number | null> {
  const pairs: { aspect: Aspect; index: number; score: number }[] = [];
  sentences.forEach((text, index) => {
    const scores = aspectScores(text, index, sentences.length);
    for (const aspect of ASPECTS) if (scores[aspect] >= MIN_SCORE) pairs.push({ aspect, index, score: scores[aspect] });
  });
  pairs.sort((a, b) => b.score - a.score || ASPECTS.indexOf(a.aspect) - ASPECTS.indexOf(b.aspect) || a.index - b.index);
  const chosen: Record<Aspect, number | null> = { problem: null, method: null, result: null };
  const used = new Set<number>();
  for (const { aspect, index } of pairs) {
    if (chosen[aspect] !== null || used.has(index)) continue;
    chosen[aspect] = index;
    used.add(index);
  }
  return chosen;
}
