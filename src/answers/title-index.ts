/**
 * An index of paper titles for resolving references and autocomplete: title words with their postings, a typo-tolerant
 * vocabulary (misspellings, prefixes), the titles in sorted order (title-prefix lookups) and a popularity order.
 * It follows the store incrementally, so per-query work depends on the matching papers, not on the corpus size.
 */
import type { PaperStore } from '../corpus/store.js';
import { normalizeTitle } from '../corpus/ids.js';
import { stemWord, tokenize } from '../search/tokenize.js';
import { createTypoIndex, maxEditsFor } from '../search/typo.js';
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

// Match quality of a query word against a title word.
const EXACT = 1;
const SAME_STEM = 0.95;
const PER_EDIT = 0.15;
const PREFIX_BASE = 0.6;
const PREFIX_SPAN = 0.3;
// Words of this length or more may match as prefixes anywhere in the query ("resid" → "residual").
const MIN_PREFIX_LENGTH = 4;
const MAX_PREFIX_EXPANSIONS = 50;
const PREFIX_SCAN_WORDS = 5000;
// Candidates (by coverage) for which the precision is computed.
const RERANK_POOL = 200;
const PREFIX_SCAN = 500;
// Upvotes are ranked up to this many (far beyond any paper's), so the sort key has a fixed width.
const MAX_UPVOTES = 9_999_999_999;

interface Entry {
  paper: Paper;
  norm: string;
  words: string[];
}

/** Creates a title index following `store`. */
export function createTitleIndex(store: PaperStore): TitleIndex {
  const entries: Entry[] = [];
  const postings = new Map<string, number[]>();
  const byStem = new Map<string, Set<string>>();
  const vocabulary = createTypoIndex();
  let sortedTitles: number[] = [];
  let popularity: number[] = [];

  const sync = (): void => {
    const papers = store.all();
    if (entries.length === papers.length) return;
    const first = entries.length;
    for (let i = first; i < papers.length; i += 1) {
      const paper = papers[i]!;
      const norm = normalizeTitle(paper.title);
      const words: string[] = [];
      for (const word of norm.split(' ')) if (word !== '' && !words.includes(word)) words.push(word);
      entries.push({ paper, norm, words });
      for (const word of words) {
        let list = postings.get(word);
        if (!list) {
          postings.set(word, (list = []));
          vocabulary.add(word);
          const stem = stemWord(word);
          let forms = byStem.get(stem);
          if (!forms) byStem.set(stem, (forms = new Set()));
          forms.add(word);
        }
        list.push(i);
      }
    }
    // Only the new entries are sorted, then merged into both orders (never per query).
    const byTitle = (a: number, b: number) => compareStrings(entries[a]!.norm, entries[b]!.norm) || a - b;
    const byRank = (a: number, b: number) => byPopularity(entries[a]!, entries[b]!) || a - b;
    const added = Array.from({ length: entries.length - first }, (_, k) => first + k);
    // The new entries are sorted through string keys with the engine's native comparison (no comparator calls):
    // "<title>\0<index>" and "<inverted upvotes>\0<title>\0<index>", fixed-width numbers.
    const pad = (n: number) => String(n).padStart(10, '0');
    const sortByKey = (key: (i: number) => string) => added.map((i) => `${key(i)}\u0000${pad(i)}`).sort().map((k) => Number(k.slice(-10)));
    sortedTitles = mergeSorted(sortedTitles, sortByKey((i) => entries[i]!.norm), byTitle);
    popularity = mergeSorted(popularity, sortByKey((i) => `${pad(MAX_UPVOTES - Math.min(MAX_UPVOTES, entries[i]!.paper.upvotes ?? 0))}\u0000${entries[i]!.norm}`), byRank);
    // Typo and prefix lookups of the new words are ready before the first keystroke, not built during it.
    vocabulary.prepare();
  };

  const idf = (word: string): number => Math.log(1 + entries.length / Math.max(1, postings.get(word)?.length ?? 0));

  /** Title words a query word can stand for, with the quality of each. */
  const expand = (q: string, allowPrefix: boolean): Map<string, number> => {
    const found = new Map<string, number>();
    const offer = (word: string, quality: number) => {
      if ((found.get(word) ?? 0) < quality) found.set(word, quality);
    };
    if (postings.has(q)) offer(q, EXACT);
    // Stems of short words collide ("res" and "re" both stem to "re").
    if (q.length >= MIN_PREFIX_LENGTH) for (const word of byStem.get(stemWord(q)) ?? []) if (word.length >= MIN_PREFIX_LENGTH) offer(word, SAME_STEM);
    if (allowPrefix) {
      // A short prefix ("g") starts thousands of words: keep those in the most titles.
      const words = vocabulary.withPrefix(q, PREFIX_SCAN_WORDS);
      const kept = words.length <= MAX_PREFIX_EXPANSIONS ? words : words.sort((a, b) => (postings.get(b)?.length ?? 0) - (postings.get(a)?.length ?? 0) || compareStrings(a, b)).slice(0, MAX_PREFIX_EXPANSIONS);
      for (const word of kept) offer(word, PREFIX_BASE + (PREFIX_SPAN * q.length) / word.length);
    }
    for (const { word, distance } of vocabulary.fuzzy(q, maxEditsFor(q))) offer(word, EXACT - PER_EDIT * distance);
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
          for (const word of entry.words) {
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
      return popularity.slice(0, limit).map((i) => entries[i]!.paper);
    },
  };
}

/** Most upvoted first, then by normalised title. */
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
