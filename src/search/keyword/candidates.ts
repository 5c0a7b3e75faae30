/**
 * Candidate lists: for each term, the documents where it weighs most (all of them unless the term is in more than
 * `candidatesPerTerm`). Lists cover the documents numbered below `listedDocs`; documents added later are found
 * through a small map (`recent`) until enough have accumulated for a rebuild.
 */
import type { DocumentTable } from './documents.js';
import { averageLengths, entryPseudoTf, type FieldScoring } from './scoring.js';

/** Saved candidate lists: `candStart[t]..candStart[t+1]` delimits term t's documents in `candDocs`. */
export interface CandidateArrays {
  candStart: Uint32Array;
  candDocs: Uint32Array;
}

/** The candidate lists of a document table. */
export interface CandidateLists {
  /** Makes the lists cover every document: rebuilt when many were added, else the newcomers go to a side map. */
  ensure(): void;
  /** Calls `visit` with each candidate document number of term `tid` (dead numbers included). */
  forEach(tid: number, visit: (num: number) => void): void;
  /** Forgets the side map (a document was added) or everything (documents were renumbered). */
  invalidate(renumbered?: boolean): void;
  /** Lists covering every document and term, for saving. */
  export(): CandidateArrays;
}

/** Candidate lists over `table`, restored from `saved` (which must cover all its documents) or built on demand. */
export function createCandidateLists(table: DocumentTable, scoring: FieldScoring, limit: number, saved?: CandidateArrays): CandidateLists {
  let candStart = saved ? saved.candStart : new Uint32Array(1);
  let candDocs = saved ? saved.candDocs : new Uint32Array(0);
  let listedDocs = saved ? table.ids.length : 0;
  let listedTerms = saved ? table.terms.length : 0;
  let recent: Map<number, number[]> | null = null;

  /** Rebuilds every term's list from the live documents (a counting sort by term), keeping the heaviest. */
  const build = (): void => {
    const { ids, docStart, docTerms } = table;
    const termCount = table.terms.length;
    const counts = new Uint32Array(termCount + 1);
    for (let num = 0; num < ids.length; num++) {
      if (ids[num] === undefined) continue;
      for (let k = docStart[num]!; k < docStart[num + 1]!; k++) counts[docTerms[k]! + 1]! += 1;
    }
    for (let t = 0; t < termCount; t++) counts[t + 1]! += counts[t]!;
    const listed = new Uint32Array(counts[termCount]!);
    const weights = new Float64Array(listed.length);
    const fill = counts.slice(0, termCount);
    const avg = averageLengths(table);
    for (let num = 0; num < ids.length; num++) {
      if (ids[num] === undefined) continue;
      for (let k = docStart[num]!; k < docStart[num + 1]!; k++) {
        const at = fill[docTerms[k]!]!++;
        listed[at] = num;
        weights[at] = entryPseudoTf(table, scoring, num, k, avg);
      }
    }
    const start = new Uint32Array(termCount + 1);
    let total = 0;
    for (let t = 0; t < termCount; t++) total += Math.min(limit, counts[t + 1]! - counts[t]!);
    const kept = new Uint32Array(total);
    let at = 0;
    for (let t = 0; t < termCount; t++) {
      start[t] = at;
      const from = counts[t]!;
      const to = counts[t + 1]!;
      if (to - from <= limit) {
        kept.set(listed.subarray(from, to), at);
        at += to - from;
      } else {
        at = keepHeaviest(listed, weights, from, to, limit, kept, at);
      }
    }
    start[termCount] = at;
    candStart = start;
    candDocs = kept;
    listedDocs = ids.length;
    listedTerms = termCount;
    recent = null;
  };

  return {
    ensure() {
      const { ids, docStart, docTerms } = table;
      const unlisted = ids.length - listedDocs;
      if (unlisted === 0) return;
      if (listedDocs === 0 || unlisted > Math.max(2000, ids.length / 10)) {
        build();
        return;
      }
      if (recent) return;
      recent = new Map();
      for (let num = listedDocs; num < ids.length; num++) {
        if (ids[num] === undefined) continue;
        for (let k = docStart[num]!; k < docStart[num + 1]!; k++) {
          const list = recent.get(docTerms[k]!);
          if (list) list.push(num);
          else recent.set(docTerms[k]!, [num]);
        }
      }
    },
    forEach(tid, visit) {
      if (tid < listedTerms) for (let i = candStart[tid]!; i < candStart[tid + 1]!; i++) visit(candDocs[i]!);
      for (const num of recent?.get(tid) ?? []) visit(num);
    },
    invalidate(renumbered = false) {
      recent = null;
      if (renumbered) listedDocs = 0;
    },
    export() {
      if (listedDocs < table.ids.length || listedTerms < table.terms.length) build();
      const terms = table.terms.length;
      return { candStart: candStart.slice(0, terms + 1), candDocs: candDocs.slice(0, candStart[terms]!) };
    },
  };
}

/**
 * Writes into `out` from `at` the `count` documents of `docs[from..to)` with the highest weights (ties to the lower
 * document number, which comes first in the list), in list order; returns the new end. Linear: a selection finds the
 * cut-off weight, then one pass keeps everything above it and the first ties.
 */
function keepHeaviest(docs: Uint32Array, weights: Float64Array, from: number, to: number, count: number, out: Uint32Array, at: number): number {
  const cut = kthLargest(weights.slice(from, to), count);
  let above = 0;
  for (let i = from; i < to; i++) if (weights[i]! > cut) above++;
  let ties = count - above;
  for (let i = from; i < to; i++) {
    const w = weights[i]!;
    if (w > cut || (w === cut && ties-- > 0)) out[at++] = docs[i]!;
  }
  return at;
}

/** The k-th largest value of `values` (1-based; reorders `values`). Quickselect with median-of-three pivots. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a > b ? (b > c ? b : a > c ? c : a) : a > c ? a : b > c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target]!;
  }
  return values[target]!;
}
