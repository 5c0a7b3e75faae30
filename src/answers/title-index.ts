/**
 * An index of paper titles for resolving references and autocomplete. Title words are matched by flexsearch: an index
 * of the title vocabulary with forward tokenisation (every word prefix, for typing) over a phonetic encoding that
 * absorbs doubled letters, plurals and sound-alike spellings ("lotery" and "lottery" encode alike); words a letter or
 * two off ("tansformers") come from the edit-distance vocabulary the keyword index also uses. This module keeps what
 * flexsearch cannot do: postings from words to papers, weighted coverage and precision scores for the ambiguity rules,
 * titles in sorted order (title-prefix lookups), and ties broken by upvotes read from the store at query time.
 *
 * Titles never change once stored (a merge keeps the first title), so the index only adds the papers new in the
 * store; upvotes, which a merge can raise, are never copied, so no order goes stale.
 */
import { Charset, Encoder, Index } from 'flexsearch';
import type { PaperStore } from '../corpus/store.js';
import { normalizeTitle } from '../corpus/ids.js';
import { tokenize } from '../search/tokenize.js';
import { createTypoIndex, maxEditsFor, type TypoSnapshot } from '../search/typo.js';
import type { Paper } from '../corpus/types.js';

/** A paper whose title matches a reference, with how well. */
export interface TitleMatch {
  paper: Paper;
  /** 0.8·coverage + 0.2·precision, in [0, 1]. */
  score: number;
  /** Share of the query's (IDF-weighted) words found in the title, each by its match quality. */
  coverage: number;
  /** Share of the title's (IDF-weighted) words that the query matched. */
  precision: number;
}

export interface TitleIndex {
  /** Titles matching the words of `query`, best first. `prefixLast` lets the last word match as a prefix (typing). */
  match(query: string, options?: { prefixLast?: boolean; limit?: number }): TitleMatch[];
  /** Papers whose normalised title starts with the normalised `prefix`, most upvoted first. */
  withTitlePrefix(prefix: string, limit: number): Paper[];
  /** The first papers to offer before anything is typed: most upvoted, then alphabetical. */
  popular(limit: number): Paper[];
}

/**
 * A title index of the store's first `papers` papers as plain data (see {@link TitleIndexOptions}), so a restart
 * restores it instead of normalising, encoding and indexing every title again.
 */
export interface TitleIndexSnapshot {
  papers: number;
  /** Normalised title of each paper, in store order. */
  norms: string[];
  /** The title vocabulary in its numbering order, and each word's phonetic encoding. */
  words: string[];
  sounds: string[];
  /** Papers of word n: `postPapers[postStart[n]..postStart[n+1]]`, ascending. */
  postStart: Uint32Array;
  postPapers: Uint32Array;
  /** Paper positions in title order. */
  sortedTitles: Uint32Array;
  /** flexsearch's own export of the encodings' prefix index, as (key, data) pairs in export order. */
  prefixes: [string, string][];
  typos: TypoSnapshot;
}

/** Options of {@link createTitleIndex}: a saved index to start from, or where to hand a freshly built one. */
export interface TitleIndexOptions {
  /** The index of the store's first `saved.papers` papers, made earlier from the same papers. */
  saved?: TitleIndexSnapshot;
  /** When no usable `saved` index is given: the first `papers` papers are indexed, then passed to `save`. */
  save?: { papers: number; save(snapshot: TitleIndexSnapshot): void };
}

// Match quality of a query word against a title word.
const EXACT = 1;
const SAME_SOUND = 0.95;
const PER_EDIT = 0.15;
const PREFIX_BASE = 0.6;
const PREFIX_SPAN = 0.3;
// Words of this length or more may match as prefixes anywhere in the query ("resid" → "residual").
const MIN_PREFIX_LENGTH = 4;
const MAX_PREFIX_EXPANSIONS = 50;
const PREFIX_SCAN_WORDS = 5000;
// Only a plural "s" is stemmed: longer suffix rules turn typos and half-typed words into other stems ("powerful" →
// "power" but "powerfull" stays; "tic" → "t").
const PLURAL = new Map([['s', '']]);
// Candidates (by coverage) for which the precision is computed.
const RERANK_POOL = 200;
const PREFIX_SCAN = 500;

interface Entry {
  paper: Paper;
  norm: string;
  /** The title's distinct words; for a restored entry, split from `norm` when first needed. */
  words?: string[];
}

/** The distinct words of a normalised title, in order. */
function titleWords(norm: string): string[] {
  const words: string[] = [];
  for (const word of norm.split(' ')) if (word !== '' && !words.includes(word)) words.push(word);
  return words;
}

/** Creates a title index following `store` (built on first use, or restored from `options.saved`). */
export function createTitleIndex(store: PaperStore, options: TitleIndexOptions = {}): TitleIndex {
  let { saved, save } = options;
  const entries: Entry[] = [];
  const postings = new Map<string, number[]>();
  // The vocabulary, numbered for flexsearch: each word, its encoding and its postings.
  const vocabulary: { word: string; sound: string; papers: number[] }[] = [];
  const encoder = new Encoder({ ...Charset.LatinBalance, stemmer: PLURAL, numeric: false, cache: false });
  // The index holds encodings (each word is encoded once, here), so it needs no encoder of its own.
  const prefixes = new Index({ tokenize: 'forward', encoder: new Encoder({ ...Charset.Exact, cache: false }) });
  let typos = createTypoIndex();
  let sortedTitles: number[] = [];

  const sync = (): void => {
    const papers = store.all();
    if (entries.length === papers.length) return;
    if (entries.length === 0 && saved && saved.papers <= papers.length) restore(saved, papers);
    else if (entries.length === 0 && save && save.papers <= papers.length) {
      index(papers, save.papers);
      save.save(exportSnapshot());
    }
    saved = undefined;
    save = undefined;
    if (entries.length < papers.length) index(papers, papers.length);
  };

  /** Indexes `papers` from the first one not yet indexed up to `end`. */
  const index = (papers: readonly Paper[], end: number): void => {
    const first = entries.length;
    for (let i = first; i < end; i += 1) {
      const paper = papers[i]!;
      const norm = normalizeTitle(paper.title);
      const words = titleWords(norm);
      entries.push({ paper, norm, words });
      for (const word of words) {
        let list = postings.get(word);
        if (!list) {
          postings.set(word, (list = []));
          const sound = encoder.encode(word)[0] ?? word;
          prefixes.add(vocabulary.length, sound);
          vocabulary.push({ word, sound, papers: list });
          typos.add(word);
        }
        list.push(i);
      }
    }
    // Only the new entries are sorted, then merged in (never per query). Titles do not change, so this order holds.
    const byTitle = (a: number, b: number) => compareStrings(entries[a]!.norm, entries[b]!.norm) || a - b;
    const added = Array.from({ length: entries.length - first }, (_, k) => first + k);
    // The new entries are sorted through string keys "<title>\0<index>" with the engine's native comparison.
    const pad = (n: number) => String(n).padStart(10, '0');
    const sorted = added.map((i) => `${entries[i]!.norm}\u0000${pad(i)}`).sort().map((k) => Number(k.slice(-10)));
    sortedTitles = mergeSorted(sortedTitles, sorted, byTitle);
    // Typo lookups of the new words are ready before the first keystroke, not built during it.
    typos.prepare();
  };

  const restore = (snapshot: TitleIndexSnapshot, papers: readonly Paper[]): void => {
    for (let i = 0; i < snapshot.papers; i += 1) entries.push({ paper: papers[i]!, norm: snapshot.norms[i]! });
    snapshot.words.forEach((word, n) => {
      const list = Array.from(snapshot.postPapers.subarray(snapshot.postStart[n], snapshot.postStart[n + 1]));
      postings.set(word, list);
      vocabulary.push({ word, sound: snapshot.sounds[n]!, papers: list });
    });
    for (const [key, data] of snapshot.prefixes) prefixes.import(key, data);
    typos = createTypoIndex(snapshot.typos);
    sortedTitles = Array.from(snapshot.sortedTitles);
  };

  const exportSnapshot = (): TitleIndexSnapshot => {
    const postStart = new Uint32Array(vocabulary.length + 1);
    vocabulary.forEach((v, n) => (postStart[n + 1] = postStart[n]! + v.papers.length));
    const postPapers = new Uint32Array(postStart[vocabulary.length]!);
    vocabulary.forEach((v, n) => postPapers.set(v.papers, postStart[n]));
    const exported: [string, string][] = [];
    void prefixes.export((key: string, data: string) => void exported.push([key, data]));
    return {
      papers: entries.length,
      norms: entries.map((e) => e.norm),
      words: vocabulary.map((v) => v.word),
      sounds: vocabulary.map((v) => v.sound),
      postStart,
      postPapers,
      sortedTitles: Uint32Array.from(sortedTitles),
      prefixes: exported,
      typos: typos.exportSnapshot(),
    };
  };

  const idf = (word: string): number => Math.log(1 + entries.length / Math.max(1, postings.get(word)?.length ?? 0));

  /** Title words a query word can stand for, with the quality of each. */
  const expand = (q: string, allowPrefix: boolean): Map<string, number> => {
    const found = new Map<string, number>();
    const offer = (word: string, quality: number) => {
      if ((found.get(word) ?? 0) < quality) found.set(word, quality);
    };
    if (postings.has(q)) offer(q, EXACT);
    // Words that sound alike, or (typing) start like `q` sounds. The first letter must agree: the encoding merges
    // sounds ("tick" and "dec…" both start "te"), typos rarely hit it. A short input ("de") only matches as spelt,
    // and a short encoding ("zzzz" → "s") only whole.
    const sound = encoder.encode(q)[0] ?? '';
    if (q.length >= MIN_PREFIX_LENGTH || allowPrefix) {
      const phonetic = q.length >= MIN_PREFIX_LENGTH && sound.length >= MIN_PREFIX_LENGTH - 1;
      const words: { word: string; sound: string; papers: number[] }[] = [];
      for (const n of (sound === '' ? [] : prefixes.search(sound, { limit: PREFIX_SCAN_WORDS })) as number[]) {
        const v = vocabulary[n]!;
        if (v.word[0] === q[0] && (v.sound === sound || (allowPrefix && (phonetic || v.word.startsWith(q))))) words.push(v);
      }
      // A short prefix ("g") starts thousands of words: keep those in the most titles.
      const kept = words.length <= MAX_PREFIX_EXPANSIONS ? words : topPositions(words.length, MAX_PREFIX_EXPANSIONS, (a, b) => words[b]!.papers.length - words[a]!.papers.length || compareStrings(words[a]!.word, words[b]!.word)).map((k) => words[k]!);
      for (const v of kept) offer(v.word, v.sound === sound ? SAME_SOUND : PREFIX_BASE + (PREFIX_SPAN * sound.length) / v.sound.length);
    }
    for (const { word, distance } of typos.fuzzy(q, maxEditsFor(q))) offer(word, EXACT - PER_EDIT * distance);
    return found;
  };

  // Per-query scratch space, reused: a stamp marks which slots belong to the current query (no clearing, no Map).
  let totals = new Float64Array(0);
  let best = new Float64Array(0);
  let totalStamp = new Uint32Array(0);
  let bestStamp = new Uint32Array(0);
  let stamp = 0;
  const scratch = (): void => {
    if (totals.length < entries.length) {
      const size = Math.max(entries.length, totals.length * 2);
      totals = new Float64Array(size);
      best = new Float64Array(size);
      totalStamp = new Uint32Array(size);
      bestStamp = new Uint32Array(size);
      stamp = 0;
    }
  };

  return {
    match(query, options = {}) {
      sync();
      const limit = options.limit ?? 10;
      const words = [...new Set(normalizeTitle(query).split(' ').filter(Boolean))];
      if (words.length === 0 || entries.length === 0) return [];
      scratch();
      // Local aliases: the hot loop must not reload reassignable closure variables.
      const totalsNow = totals;
      const bestNow = best;
      const totalStampNow = totalStamp;
      const bestStampNow = bestStamp;
      const queryStamp = ++stamp;
      const maxIdf = Math.log(1 + entries.length);
      const touched: number[] = [];
      const matchedWords = new Set<string>();
      let totalWeight = 0;
      for (let k = 0; k < words.length; k += 1) {
        const q = words[k]!;
        const isLast = k === words.length - 1;
        const allowPrefix = q.length >= MIN_PREFIX_LENGTH || (options.prefixLast === true && isLast);
        const expansions = expand(q, allowPrefix);
        // A word no title has weighs like the rarest word, unless it is a function word ("the", "of").
        let weight = tokenize(q).length === 0 ? Math.log(3) : maxIdf;
        let bestQuality = 0;
        for (const [word, quality] of expansions) {
          if (quality > bestQuality) {
            bestQuality = quality;
            weight = idf(word);
          }
        }
        totalWeight += weight;
        const wordStamp = ++stamp;
        const hit: number[] = [];
        for (const [word, quality] of expansions) {
          matchedWords.add(word);
          const list = postings.get(word);
          if (!list) continue;
          for (let n = 0; n < list.length; n += 1) {
            const i = list[n]!;
            if (bestStampNow[i] !== wordStamp) {
              bestStampNow[i] = wordStamp;
              bestNow[i] = quality;
              hit.push(i);
            } else if (bestNow[i]! < quality) bestNow[i] = quality;
          }
        }
        for (let n = 0; n < hit.length; n += 1) {
          const i = hit[n]!;
          if (totalStampNow[i] !== queryStamp) {
            totalStampNow[i] = queryStamp;
            totalsNow[i] = 0;
            touched.push(i);
          }
          totalsNow[i]! += bestNow[i]! * weight;
        }
      }
      if (totalWeight <= 0) return [];
      const pool = topByTotal(touched, totalsNow, RERANK_POOL);
      return pool
        .map((i) => {
          const entry = entries[i]!;
          const coverage = totalsNow[i]! / totalWeight;
          let covered = 0;
          let all = 0;
          for (const word of (entry.words ??= titleWords(entry.norm))) {
            const w = idf(word);
            all += w;
            if (matchedWords.has(word)) covered += w;
          }
          const precision = all > 0 ? covered / all : 0;
          return { entry, coverage, precision, score: 0.8 * coverage + 0.2 * precision };
        })
        .sort((a, b) => b.score - a.score || byPopularity(a.entry, b.entry))
        .slice(0, limit)
        .map(({ entry, coverage, precision, score }): TitleMatch => ({ paper: entry.paper, score, coverage, precision }));
    },
    withTitlePrefix(prefix, limit) {
      sync();
      const norm = normalizeTitle(prefix);
      if (norm === '') return [];
      let lo = 0;
      let hi = sortedTitles.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (entries[sortedTitles[mid]!]!.norm < norm) lo = mid + 1;
        else hi = mid;
      }
      const found: Entry[] = [];
      for (let k = lo; k < sortedTitles.length && k < lo + PREFIX_SCAN; k += 1) {
        const entry = entries[sortedTitles[k]!]!;
        if (!entry.norm.startsWith(norm)) break;
        found.push(entry);
      }
      return found.sort(byPopularity).slice(0, limit).map((e) => e.paper);
    },
    popular(limit) {
      sync();
      return topPositions(entries.length, limit, (a, b) => byPopularity(entries[a]!, entries[b]!) || a - b).map((i) => entries[i]!.paper);
    },
  };
}

/** Most upvoted first (as the store has them now: a merge may have raised them), then by normalised title. */
function byPopularity(a: Entry, b: Entry): number {
  return (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0) || compareStrings(a.norm, b.norm);
}

/**
 * The (up to) `count` indices with the highest `totals`, ties by lower index. Linear when there are many: a histogram
 * of the totals finds the cut-off, and only the items above it are sorted.
 */
export function topByTotal(indices: readonly number[], totals: Float64Array, count: number): number[] {
  const order = (a: number, b: number) => totals[b]! - totals[a]! || a - b;
  if (indices.length <= count * 4) return [...indices].sort(order).slice(0, count);
  let max = 0;
  for (const i of indices) if (totals[i]! > max) max = totals[i]!;
  const buckets = 256;
  const histogram = new Uint32Array(buckets);
  const bucketOf = (i: number) => Math.min(buckets - 1, Math.floor((totals[i]! / max) * (buckets - 1)));
  for (const i of indices) histogram[bucketOf(i)]! += 1;
  let cut = buckets - 1;
  for (let seen = histogram[cut]!; seen < count && cut > 0; ) seen += histogram[--cut]!;
  return indices.filter((i) => bucketOf(i) >= cut).sort(order).slice(0, count);
}

/** The first `limit` of positions 0…count−1 in `order`, without sorting them all (one pass, a short sorted list). */
export function topPositions(count: number, limit: number, order: (a: number, b: number) => number): number[] {
  const top: number[] = [];
  if (limit <= 0) return top;
  for (let i = 0; i < count; i += 1) {
    if (top.length === limit && order(i, top[limit - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && order(i, top[at - 1]!) < 0) at -= 1;
    top.splice(at, 0, i);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** Merges two lists each sorted by `order` into one sorted list. */
function mergeSorted(a: readonly number[], b: readonly number[], order: (x: number, y: number) => number): number[] {
  if (a.length === 0) return b.slice();
  const out: number[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = order(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
