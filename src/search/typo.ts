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
 *
 * At 100k abstracts the vocabulary has a few hundred thousand words and millions of deletion keys, so keys are
 * 32-bit hashes in one sorted typed array (a hash collision only adds a candidate that the distance check drops),
 * built in one go when words have accumulated and exportable, so a restart loads them instead of rebuilding.
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
  /** Sorts and indexes the words added so far now, so that the next lookup does not pay for it. */
  prepare(): void;
  /** The whole index as plain arrays, for {@link createTypoIndex} to restore without rebuilding. */
  exportSnapshot(): TypoSnapshot;
}

/** A typo index as plain data (see {@link TypoIndex.exportSnapshot}). */
export interface TypoSnapshot {
  /** Words in insertion order. */
  words: string[];
  /** Positions in `words`, in alphabetical order of the words. */
  sorted: Uint32Array;
  /** Hashes of the one-character deletions of the words, ascending. */
  keys: Uint32Array;
  /** For each key, the position in `words` of the word it comes from. */
  owners: Uint32Array;
}

/** Words shorter than this get no fuzzy matching: too many neighbours at one edit. */
export const MIN_FUZZY_LENGTH = 4;
const MAX_FUZZY_LENGTH = 24;
// Words added since the deletion keys were built are looked up through a small map until they are this many (or an
// eighth of the vocabulary); then the keys are rebuilt in one go.
const UNINDEXED_LIMIT = 256;
// Words added since the alphabetical list was sorted are scanned until they are this many, then merged in.
const UNSORTED_LIMIT = 64;

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

/** Creates a vocabulary index: empty, or restored from {@link TypoIndex.exportSnapshot}. */
export function createTypoIndex(snapshot?: TypoSnapshot): TypoIndex {
  const byId: string[] = snapshot ? snapshot.words.slice() : [];
  const known = new Set<string>(byId);
  // Alphabetical list of ids; ids from `sortedCount` on were added later and are not in it yet.
  let sorted: number[] = snapshot ? Array.from(snapshot.sorted) : [];
  let keys: Uint32Array = snapshot ? snapshot.keys : new Uint32Array(0);
  let owners: Uint32Array = snapshot ? snapshot.owners : new Uint32Array(0);
  // Ids below `indexed` have their deletion keys in `keys`; the others go through `recent` (built on demand).
  let indexed = snapshot ? byId.length : 0;
  let recent: Map<number, number[]> | null = null;
  if (snapshot && (snapshot.sorted.length !== byId.length || snapshot.keys.length !== snapshot.owners.length)) {
    throw new Error('typo index: inconsistent snapshot (sorted order or key owners do not match the word list)');
  }

  const sortPending = (): void => {
    if (sorted.length === byId.length) return;
    const pending = byId.slice(sorted.length).map((_, i) => sorted.length + i).sort((a, b) => compare(byId[a]!, byId[b]!));
    const merged: number[] = new Array(byId.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < sorted.length && j < pending.length) merged[k++] = byId[sorted[i]!]! < byId[pending[j]!]! ? sorted[i++]! : pending[j++]!;
    while (i < sorted.length) merged[k++] = sorted[i++]!;
    while (j < pending.length) merged[k++] = pending[j++]!;
    sorted = merged;
  };

  const buildKeys = (): void => {
    const built = buildDeletionKeys(byId);
    keys = built.keys;
    owners = built.owners;
    indexed = byId.length;
    recent = null;
  };

  /** Deletion keys of the words added since the last build, in a map (few words). */
  const recentKeys = (): Map<number, number[]> => {
    if (recent) return recent;
    const map = new Map<number, number[]>();
    for (let id = indexed; id < byId.length; id++) {
      forEachDeletionHash(byId[id]!, (hash) => {
        const list = map.get(hash);
        if (list) list.push(id);
        else map.set(hash, [id]);
      });
    }
    return (recent = map);
  };

  return {
    add(word) {
      if (known.has(word)) return;
      known.add(word);
      byId.push(word);
      recent = null;
    },
    has: (word) => known.has(word),
    get size() {
      return byId.length;
    },
    fuzzy(word, maxDistance) {
      if (maxDistance <= 0 || word.length > MAX_FUZZY_LENGTH) return [];
      if (byId.length - indexed > Math.max(UNINDEXED_LIMIT, indexed / 8)) buildKeys();
      const extra = byId.length > indexed ? recentKeys() : null;
      const candidates = new Set<string>();
      const probe = (key: string) => {
        if (known.has(key)) candidates.add(key);
        const hash = hashString(key);
        for (let i = lowerBound(keys, hash); i < keys.length && keys[i] === hash; i++) candidates.add(byId[owners[i]!]!);
        for (const id of extra?.get(hash) ?? []) candidates.add(byId[id]!);
      };
      probe(word);
      for (const key of deletions(word, maxDistance)) probe(key);
      const out: FuzzyMatch[] = [];
      for (const w of candidates) {
        if (w === word) continue;
        const distance = editDistance(word, w, maxDistance);
        if (distance <= maxDistance) out.push({ word: w, distance });
      }
      return out.sort((a, b) => a.distance - b.distance || compare(a.word, b.word));
    },
    withPrefix(prefix, limit) {
      if (byId.length - sorted.length > UNSORTED_LIMIT) sortPending();
      const out: string[] = [];
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (byId[sorted[mid]!]! < prefix) lo = mid + 1;
        else hi = mid;
      }
      // Sorted order means the first `limit` matches of the main list are the alphabetically smallest ones.
      for (let i = lo; i < sorted.length && out.length < limit; i++) {
        const w = byId[sorted[i]!]!;
        if (!w.startsWith(prefix)) break;
        if (w.length > prefix.length) out.push(w);
      }
      for (let id = sorted.length; id < byId.length; id++) {
        const w = byId[id]!;
        if (w.length > prefix.length && w.startsWith(prefix)) out.push(w);
      }
      return out.sort().slice(0, limit);
    },
    prepare() {
      sortPending();
      // Same rule as a lookup: a few new words are found through the small map, many trigger one rebuild.
      if (byId.length - indexed > Math.max(UNINDEXED_LIMIT, indexed / 8)) buildKeys();
    },
    exportSnapshot() {
      sortPending();
      if (indexed < byId.length) buildKeys();
      return { words: byId.slice(), sorted: Uint32Array.from(sorted), keys, owners };
    },
  };
}

/** FNV-1a 32-bit hash of a string. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Calls `visit` with the hash of each distinct one-character deletion of `word` (computed without building the
 * strings). Words outside the fuzzy length range have none. Deleting either of two equal neighbours gives the same
 * string, so only the first of a run is visited.
 */
function forEachDeletionHash(word: string, visit: (hash: number) => void): void {
  if (word.length < MIN_FUZZY_LENGTH || word.length > MAX_FUZZY_LENGTH) return;
  for (let skip = 0; skip < word.length; skip++) {
    if (skip > 0 && word.charCodeAt(skip) === word.charCodeAt(skip - 1)) continue;
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) if (i !== skip) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    visit(h >>> 0);
  }
}

/** Deletion-key hashes of every word with their owners, sorted by hash (two-pass radix sort: linear time). */
function buildDeletionKeys(words: readonly string[]): { keys: Uint32Array; owners: Uint32Array } {
  let count = 0;
  for (const w of words) if (w.length >= MIN_FUZZY_LENGTH && w.length <= MAX_FUZZY_LENGTH) count += w.length;
  let keys = new Uint32Array(count);
  let owners = new Uint32Array(count);
  let n = 0;
  words.forEach((w, id) =>
    forEachDeletionHash(w, (hash) => {
      keys[n] = hash;
      owners[n++] = id;
    }),
  );
  keys = keys.subarray(0, n);
  owners = owners.subarray(0, n);
  const tmpKeys = new Uint32Array(n);
  const tmpOwners = new Uint32Array(n);
  for (const shift of [0, 16]) {
    const counts = new Uint32Array(65537);
    for (let i = 0; i < n; i++) counts[((keys[i]! >>> shift) & 0xffff) + 1]! += 1;
    for (let b = 0; b < 65536; b++) counts[b + 1]! += counts[b]!;
    for (let i = 0; i < n; i++) {
      const at = counts[(keys[i]! >>> shift) & 0xffff]!++;
      tmpKeys[at] = keys[i]!;
      tmpOwners[at] = owners[i]!;
    }
    keys.set(tmpKeys);
    owners.set(tmpOwners);
  }
  return { keys: keys.slice(), owners: owners.slice() };
}

/** First index of `sorted` whose value is ≥ `value`. */
function lowerBound(sorted: Uint32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
