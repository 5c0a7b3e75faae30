/**
 * Typo tolerance for the keyword index: a bounded Damerau-Levenshtein distance (optimal string alignment) and a
 * vocabulary index answering "which known words are within k edits of this word" and "which known words start
 * with this prefix" in time independent of the vocabulary size.
 *
 * Fuzzy lookup uses symmetric deletes (Garbe's SymSpell idea): every vocabulary word is stored under each of its
 * one-character deletions; a query word generates its deletions up to its edit budget, and any word sharing a key
 * is a candidate, verified with the real distance. Storing only depth-1 deletions keeps memory linear in the
 * vocabulary; with query deletions up to depth 2 this finds every word within one edit, and within two edits all
 * but two substitutions or two insertions in the stored word.
 */

/** A vocabulary word close to the query word. */
export interface FuzzyMatch {
  word: string;
  distance: number;
}

/** Vocabulary index for misspelling and prefix lookups. */
export interface TypoIndex {
  /** Registers a word (idempotent). Words shorter than the fuzzy minimum are only used for prefix lookup. */
  add(word: string): void;
  has(word: string): boolean;
  /** Known words within `maxDistance` edits of `word`, closest first, ties alphabetical; never the word itself. */
  fuzzy(word: string, maxDistance: number): FuzzyMatch[];
  /** Up to `limit` known words that start with `prefix` and are longer than it, alphabetical. */
  withPrefix(prefix: string, limit: number): string[];
  readonly size: number;
}

/** Words shorter than this get no fuzzy matching: too many neighbours at one edit. */
export const MIN_FUZZY_LENGTH = 4;
const MAX_FUZZY_LENGTH = 24;
// New words wait in a small unsorted buffer and are merged into the sorted list in batches.
const PENDING_MERGE_AT = 512;

/**
 * Edit budget for a query word: none under 4 characters, 1 up to 7 characters, 2 from 8 characters on
 * ("densly" → 1, "representashions" → 2).
 */
export function maxEditsFor(word: string): number {
  if (word.length < MIN_FUZZY_LENGTH || word.length > MAX_FUZZY_LENGTH) return 0;
  return word.length >= 8 ? 2 : 1;
}

/**
 * Optimal string alignment distance (Damerau-Levenshtein where each substring is edited once): insertions,
 * deletions, substitutions and adjacent transpositions cost 1. Stops early and returns `max + 1` once the distance
 * is known to exceed `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return prev[n]!;
}

/** All strings obtained by deleting 1..`depth` characters of `word` (not the word itself). */
export function deletions(word: string, depth: number): Set<string> {
  const out = new Set<string>();
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const v = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(v)) {
          out.add(v);
          next.push(v);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Creates an empty vocabulary index. */
export function createTypoIndex(): TypoIndex {
  const words = new Set<string>();
  const byDeletion = new Map<string, string[]>();
  let sorted: string[] = [];
  let pending: string[] = [];

  const mergePending = () => {
    if (pending.length === 0) return;
    pending.sort();
    const merged: string[] = new Array(sorted.length + pending.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < sorted.length && j < pending.length) merged[k++] = sorted[i]! < pending[j]! ? sorted[i++]! : pending[j++]!;
    while (i < sorted.length) merged[k++] = sorted[i++]!;
    while (j < pending.length) merged[k++] = pending[j++]!;
    sorted = merged;
    pending = [];
  };

  return {
    add(word) {
      if (words.has(word)) return;
      words.add(word);
      pending.push(word);
      if (pending.length >= PENDING_MERGE_AT) mergePending();
      if (word.length < MIN_FUZZY_LENGTH || word.length > MAX_FUZZY_LENGTH) return;
      for (const key of deletions(word, 1)) {
        const list = byDeletion.get(key);
        if (list) list.push(word);
        else byDeletion.set(key, [word]);
      }
    },
    has: (word) => words.has(word),
    get size() {
      return words.size;
    },
    fuzzy(word, maxDistance) {
      if (maxDistance <= 0 || word.length > MAX_FUZZY_LENGTH) return [];
      const candidates = new Set<string>();
      const probe = (key: string) => {
        if (words.has(key)) candidates.add(key);
        const list = byDeletion.get(key);
        if (list) for (const w of list) candidates.add(w);
      };
      probe(word);
      for (const key of deletions(word, maxDistance)) probe(key);
      const out: FuzzyMatch[] = [];
      for (const w of candidates) {
        if (w === word) continue;
        const distance = editDistance(word, w, maxDistance);
        if (distance <= maxDistance) out.push({ word: w, distance });
      }
      return out.sort((a, b) => a.distance - b.distance || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    },
    withPrefix(prefix, limit) {
      if (pending.length > 64) mergePending();
      const out: string[] = [];
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid]! < prefix) lo = mid + 1;
        else hi = mid;
      }
      // Sorted order means the first `limit` matches of the main list are the alphabetically smallest ones.
      for (let i = lo; i < sorted.length && out.length < limit && sorted[i]!.startsWith(prefix); i++) {
        if (sorted[i]!.length > prefix.length) out.push(sorted[i]!);
      }
      for (const w of pending) if (w.length > prefix.length && w.startsWith(prefix)) out.push(w);
      return out.sort().slice(0, limit);
    },
  };
}
