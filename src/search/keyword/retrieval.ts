/**
 * Exact top-k retrieval with dynamic pruning (MaxScore, Turtle & Flood 1995, as in Lucene and PISA): the query's
 * posting lists are traversed document by document in number order; each term has an upper bound of what it can add
 * to a score, and once the best k so far all score above the summed bounds of the weakest terms, those terms'
 * lists no longer bring candidates ("non-essential"): a document found only there provably cannot enter the top k.
 * A candidate is fully scored only when its bound — the quantised impacts of the terms it has (non-essential lists
 * are advanced to it by galloping search) — can reach the k-th best score. The result is the same as scoring every
 * matching document.
 */
import { createTopK, type TopK } from '../top-k.js';
import type { DocumentTable } from './documents.js';
import { findSorted } from './arrays.js';
import type { Postings } from './postings.js';
import type { PreparedQuery } from './scoring.js';

// Bounds are inflated by this much so that rounding in a score's summation can never exceed its bound.
const SAFETY = 1 + 1e-9;
// Past the last document (numbers stay below 2³¹: small integers for the engine).
const DONE = 0x7fffffff;

/** How {@link retrieveTopK} searched. */
export interface RetrievalStats {
  /** Documents fully scored. */
  scored: number;
}

/**
 * The best `limit` live documents for `prepared` (positive scores only), ties by id ascending. `onScored` sees every
 * fully scored document (for per-document details such as coverage). With `exhaustive`, no document is skipped:
 * the reference pruning is checked against.
 */
export function retrieveTopK(
  table: DocumentTable,
  postings: Postings,
  prepared: PreparedQuery,
  limit: number,
  options: { exhaustive?: boolean; onScored?: (num: number) => void } = {},
): { top: TopK<number>; stats: RetrievalStats } {
  const { ids } = table;
  const top = createTopK<number>(limit, (a, b) => ids[a]! < ids[b]!);
  const stats = { scored: 0 };
  const consider = (num: number): void => {
    if (ids[num] === undefined) return;
    stats.scored++;
    const score = prepared.score(num);
    options.onScored?.(num);
    if (score > 0) top.offer(num, score);
  };

  // Documents added since the postings were built have no bounds: all of them are scored.
  const recent = new Set<number>();
  for (const { tid } of prepared.terms) for (const num of postings.recent(tid)) recent.add(num);
  for (const num of recent) consider(num);

  // Lists ordered by their term's bound, weakest first; per list a table of bounds by impact (`bounds[i·256 + q]`).
  // Positions are into the postings' shared arrays, so the loop reads one array of each kind.
  const all = postings.all();
  const allDocs = all.docs;
  const allImpacts = all.impacts;
  const scale = postings.boundScale();
  const lists = prepared.terms
    .map(({ tid }, slot) => {
      const range = postings.range(tid);
      const factor = prepared.slotFactors[slot]!;
      return { from: range.from, to: range.to, maxTf: range.maxTf, slot, factor, bound: factor * prepared.saturate(range.maxTf * scale) * SAFETY };
    })
    .filter((l) => l.to > l.from)
    .sort((a, b) => a.bound - b.bound);
  const m = lists.length;
  const bounds = new Float64Array(m * 256);
  lists.forEach((l, i) => {
    for (let q = 1; q < 256; q++) bounds[i * 256 + q] = l.factor * prepared.saturate((q / 255) * l.maxTf * scale) * SAFETY;
  });
  const slotOf = lists.map((l) => l.slot);
  const gathered = prepared.gathered;
  // prefix[i]: summed bounds of the i weakest lists.
  const prefix = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) prefix[i + 1] = prefix[i]! + bounds[i * 256 + 255]!;
  const at = new Int32Array(m);
  const end = new Int32Array(m);
  const current = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    at[i] = lists[i]!.from;
    end[i] = lists[i]!.to;
    current[i] = allDocs[at[i]!]!;
  }

  let essential = 0; // lists below this index are non-essential
  let threshold = options.exhaustive ? Number.NEGATIVE_INFINITY : top.threshold;
  const raise = () => {
    if (options.exhaustive) return;
    threshold = top.threshold;
    while (essential < m && prefix[essential + 1]! < threshold) essential++;
  };

  // Seeding: the documents where the strongest term weighs most are scored first (their frequencies found by binary
  // search in each list), so the k-th best score starts high and weak lists bring no candidates from the first
  // document on. They are real candidates, each scored once: the result is the same.
  const seeded = new Set<number>();
  if (!options.exhaustive && m > 0 && limit > 0) {
    const strongest = lists[m - 1]!;
    for (const num of strongestDocuments(allDocs, allImpacts, strongest.from, strongest.to, limit)) {
      if (ids[num] === undefined) continue;
      seeded.add(num);
      for (let j = 0; j < m; j++) {
        const k = findSorted(allDocs, at[j]!, end[j]!, num);
        if (k < 0) continue;
        gathered.title[slotOf[j]!] = all.titleTf[k]!;
        gathered.text[slotOf[j]!] = all.textTf[k]!;
      }
      stats.scored++;
      const score = prepared.scoreGathered(num);
      options.onScored?.(num);
      if (score > 0) top.offer(num, score);
    }
  }
  raise();
  for (;;) {
    // The next document of the essential lists, and its bound from them.
    let num = DONE;
    let bound = 0;
    for (let i = essential; i < m; i++) {
      const c = current[i]!;
      if (c < num) {
        num = c;
        bound = bounds[(i << 8) + allImpacts[at[i]!]!]!;
      } else if (c === num) bound += bounds[(i << 8) + allImpacts[at[i]!]!]!;
    }
    if (num === DONE) break;
    // Non-essential lists, strongest first: add the document's impact where it has the term, stop once even the
    // remaining lists' full bounds cannot lift it to the k-th best score.
    let i = essential - 1;
    while (i >= 0 && bound + prefix[i + 1]! >= threshold) {
      if (current[i]! < num) {
        const next = seek(allDocs, at[i]!, end[i]!, num);
        at[i] = next;
        current[i] = next < end[i]! ? allDocs[next]! : DONE;
      }
      if (current[i] === num) bound += bounds[(i << 8) + allImpacts[at[i]!]!]!;
      i--;
    }
    if (i < 0 && bound >= threshold && ids[num] !== undefined && !seeded.has(num)) {
      // Every list is at or past `num`: the frequencies come from the postings, not from a scan of the document.
      for (let j = 0; j < m; j++) {
        if (current[j] !== num) continue;
        gathered.title[slotOf[j]!] = all.titleTf[at[j]!]!;
        gathered.text[slotOf[j]!] = all.textTf[at[j]!]!;
      }
      stats.scored++;
      const score = prepared.scoreGathered(num);
      options.onScored?.(num);
      if (score > 0) top.offer(num, score);
      raise();
    }
    for (let j = essential; j < m; j++) {
      if (current[j] !== num) continue;
      const next = ++at[j]!;
      current[j] = next < end[j]! ? allDocs[next]! : DONE;
    }
  }
  return { top, stats };
}

/** Up to about `count` documents of `docs[from..to)` with the highest impacts (all those at the cut-off impact). */
function strongestDocuments(docs: Uint32Array, impacts: Uint8Array, from: number, to: number, count: number): number[] {
  const histogram = new Uint32Array(256);
  for (let p = from; p < to; p++) histogram[impacts[p]!]! += 1;
  let cut = 255;
  for (let seen = histogram[255]!; cut > 1 && seen < count; ) seen += histogram[--cut]!;
  const out: number[] = [];
  for (let p = from; p < to && out.length < 2 * count; p++) if (impacts[p]! >= cut) out.push(docs[p]!);
  return out;
}

/** First position in `from`..`end` of ascending `docs` holding a document ≥ `num`, else `end` (galloping, then binary search). */
function seek(docs: Uint32Array, from: number, end: number, num: number): number {
  let step = 1;
  let lo = from;
  let hi = from;
  while (hi < end && docs[hi]! < num) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, end);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < num) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
