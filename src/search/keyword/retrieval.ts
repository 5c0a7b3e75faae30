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
import type { Postings } from './postings.js';
import type { PreparedQuery } from './scoring.js';

// Bounds are inflated by this much so that rounding in a score's summation can never exceed its bound.
const SAFETY = 1 + 1e-9;
const DONE = 0xffffffff;

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

  // Lists ordered by their term's bound, weakest first; per list a table of bounds by impact.
  const scale = postings.boundScale();
  const lists = prepared.terms
    .map(({ tid }, slot) => {
      const list = postings.list(tid);
      const byImpact = new Float64Array(256);
      for (let q = 1; q < 256; q++) byImpact[q] = prepared.slotFactors[slot]! * prepared.saturate((q / 255) * list.maxTf * scale) * SAFETY;
      return { ...list, slot, byImpact, bound: byImpact[255]! };
    })
    .filter((l) => l.docs.length > 0)
    .sort((a, b) => a.bound - b.bound);
  const m = lists.length;
  const docs = lists.map((l) => l.docs);
  const impacts = lists.map((l) => l.impacts);
  const byImpact = lists.map((l) => l.byImpact);
  const titleTf = lists.map((l) => l.titleTf);
  const textTf = lists.map((l) => l.textTf);
  const slotOf = lists.map((l) => l.slot);
  const gathered = prepared.gathered;
  // prefix[i]: summed bounds of the i weakest lists.
  const prefix = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) prefix[i + 1] = prefix[i]! + lists[i]!.bound;
  const at = new Uint32Array(m);
  const current = new Float64Array(m);
  for (let i = 0; i < m; i++) current[i] = docs[i]!.length > 0 ? docs[i]![0]! : DONE;

  let essential = 0; // lists below this index are non-essential
  let threshold = options.exhaustive ? Number.NEGATIVE_INFINITY : top.threshold;
  const raise = () => {
    if (options.exhaustive) return;
    threshold = top.threshold;
    while (essential < m && prefix[essential + 1]! < threshold) essential++;
  };
  raise();
  for (;;) {
    let num = DONE;
    for (let i = essential; i < m; i++) if (current[i]! < num) num = current[i]!;
    if (num === DONE) break;
    let bound = 0;
    for (let i = essential; i < m; i++) if (current[i] === num) bound += byImpact[i]![impacts[i]![at[i]!]!]!;
    // Non-essential lists, strongest first: add the document's impact where it has the term, stop once even the
    // remaining lists' full bounds cannot lift it to the k-th best score.
    let i = essential - 1;
    while (i >= 0 && bound + prefix[i + 1]! >= threshold) {
      if (current[i]! < num) {
        at[i] = seek(docs[i]!, at[i]!, num);
        current[i] = at[i]! < docs[i]!.length ? docs[i]![at[i]!]! : DONE;
      }
      if (current[i] === num) bound += byImpact[i]![impacts[i]![at[i]!]!]!;
      i--;
    }
    if (i < 0 && bound >= threshold && ids[num] !== undefined) {
      // Every list is at or past `num`: the frequencies come from the postings, not from a scan of the document.
      for (let j = 0; j < m; j++) {
        if (current[j] !== num) continue;
        gathered.title[slotOf[j]!] = titleTf[j]![at[j]!]!;
        gathered.text[slotOf[j]!] = textTf[j]![at[j]!]!;
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
      current[j] = next < docs[j]!.length ? docs[j]![next]! : DONE;
    }
  }
  return { top, stats };
}

/** First position from `from` in ascending `docs` holding a document ≥ `num` (galloping, then binary search). */
function seek(docs: Uint32Array, from: number, num: number): number {
  let step = 1;
  let lo = from;
  let hi = from;
  while (hi < docs.length && docs[hi]! < num) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, docs.length);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < num) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
