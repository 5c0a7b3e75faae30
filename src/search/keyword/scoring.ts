/**
 * BM25F scoring of a query against the document table, with the functions of `bm25.ts` (the one implementation):
 * each query word scores as its best-matching alternative, an acronym's long form as the mean of its terms, and an
 * alternative's terms weigh `weight · idf`. A document's frequencies of the query terms come from the postings
 * (gathered by `retrieval.ts`), or for a document not yet in them from one scan of its forward entries (or binary
 * searches when it has many more entries than the query has terms).
 */
import { idf, lengthNorm, maxTermScore, saturate, titleBodyPseudoTf, type Bm25Params } from '../bm25.js';
import { findSorted, grow } from './arrays.js';
import type { DocumentTable } from './documents.js';
import type { QueryTermMatch } from './matching.js';

/** BM25F parameters of the two fields. */
export interface FieldScoring {
  k1: number;
  /** Title weight relative to the abstract's 1. */
  titleWeight: number;
  titleB: number;
  textB: number;
}

/** Mean title and abstract lengths of the live documents. */
export function averageLengths(table: DocumentTable): { title: number; text: number } {
  const n = table.numById.size;
  return n === 0 ? { title: 0, text: 0 } : { title: table.titleLengthSum / n, text: table.textLengthSum / n };
}

/** BM25F pseudo frequency (Σ weight · tf / length norm) of a term with these frequencies in document `num`. */
export function documentPseudoTf(table: DocumentTable, p: FieldScoring, num: number, titleTf: number, textTf: number, avg: { title: number; text: number }): number {
  return titleBodyPseudoTf(titleTf, p.titleWeight, lengthNorm(table.titleLengths[num]!, avg.title, p.titleB), textTf, lengthNorm(table.textLengths[num]!, avg.text, p.textB));
}

/** One way of matching a query word, resolved to term ids: per-term factor `weight · idf / number of terms`. */
interface ResolvedAlternative {
  weight: number;
  slots: number[];
  factors: number[];
}

/** A query ready to score documents (see {@link createQueryScorer}). */
export interface PreparedQuery {
  /** Upper bound of any document's score: every word matched by its best alternative with unbounded frequency. */
  ceiling: number;
  /** The query's distinct terms (ids) with their text, in slot order. */
  terms: { term: string; tid: number }[];
  /**
   * Per slot, the most its term's saturated frequency can be multiplied by in a document's score: summed over the
   * query words, the largest total factor of the term in any one of the word's alternatives. A document's score is
   * at most Σ over its terms of factor × saturate(pseudo frequency), which bounds retrieval.
   */
  slotFactors: Float64Array;
  /** BM25 saturation with the index's k1 and idf 1 (its limit, k1 + 1, for an infinite frequency). */
  saturate(pseudoTf: number): number;
  /**
   * BM25F score of document `num` from its forward entries (a document not yet in the postings; see `documents.ts`);
   * {@link lastCoverage} then holds its share of the query words.
   */
  score(num: number): number;
  /**
   * Per slot, the title and abstract frequencies of the document about to be scored by {@link scoreGathered}, for a
   * caller that already has them (from postings) and so skips the scan of the document's entries. All zero between
   * scorings.
   */
  readonly gathered: { title: Float64Array; text: Float64Array };
  /** Like `score`, with the frequencies already in {@link gathered} (which it zeroes again). */
  scoreGathered(num: number): number;
  /** Share of query words the last scored document contains (best fully present alternative's weight, averaged). */
  readonly lastCoverage: number;
  /** Frees the per-query scratch; call once done. */
  release(): void;
}

/** Prepares queries against `table`; one preparation at a time (it reuses scratch space). */
export function createQueryScorer(table: DocumentTable, p: FieldScoring) {
  // Slot of each query term by term id (-1 when not in the query).
  let querySlot = new Int32Array(0);
  const params: Bm25Params = { k1: p.k1 };

  return function prepare(matched: readonly QueryTermMatch[]): PreparedQuery {
    const n = table.numById.size;
    const avg = averageLengths(table);
    if (querySlot.length < table.terms.length) querySlot = grow(querySlot, table.terms.length, -1);
    const terms: { term: string; tid: number }[] = [];
    const slotOf = (term: string): number => {
      const tid = table.termIds.get(term)!;
      if (querySlot[tid]! < 0) {
        querySlot[tid] = terms.length;
        terms.push({ term, tid });
      }
      return querySlot[tid]!;
    };
    let ceiling = 0;
    const groups: ResolvedAlternative[][] = matched.map((word) => {
      const alternatives = word.alternatives.map((a) => {
        const parts = a.kind === 'acronym' ? a.term.split(' ') : [a.term];
        const slots = parts.map(slotOf);
        const factors = slots.map((slot) => (a.weight * idf(table.df[terms[slot]!.tid]!, n)) / parts.length);
        return { weight: a.weight, slots, factors, max: factors.reduce((s, f) => s + maxTermScore(f, params), 0) };
      });
      // A word with no match still counts in the ceiling (as the rarest possible term): the query is not covered.
      ceiling += alternatives.length === 0 ? maxTermScore(idf(0, n), params) : Math.max(...alternatives.map((a) => a.max));
      return alternatives;
    });
    const slotFactors = new Float64Array(terms.length);
    for (const g of groups) {
      const most = new Float64Array(terms.length);
      for (const a of g) {
        const own = new Float64Array(terms.length);
        a.slots.forEach((slot, i) => (own[slot]! += a.factors[i]!));
        own.forEach((f, slot) => (most[slot] = Math.max(most[slot]!, f)));
      }
      most.forEach((f, slot) => (slotFactors[slot]! += f));
    }

    const slots = terms.length;
    const tfTitle = new Float64Array(slots);
    const tfText = new Float64Array(slots);
    const { docStart, docTerms, docTitleTf, docTextTf, titleLengths, textLengths } = table;
    let lastCoverage = 0;
    /** Score of document `num` from the frequencies in `tfTitle` / `tfText` (zeroed afterwards). */
    const scoreGathered = (num: number): number => {
      const titleNorm = lengthNorm(titleLengths[num]!, avg.title, p.titleB);
      const textNorm = lengthNorm(textLengths[num]!, avg.text, p.textB);
      let score = 0;
      let covered = 0;
      for (const g of groups) {
        let best = 0;
        let bestWeight = 0;
        for (const a of g) {
          let s = 0;
          let all = true;
          for (let i = 0; i < a.slots.length; i++) {
            const q = a.slots[i]!;
            if (tfTitle[q] === 0 && tfText[q] === 0) {
              all = false;
              continue;
            }
            s += a.factors[i]! * saturate(titleBodyPseudoTf(tfTitle[q]!, p.titleWeight, titleNorm, tfText[q]!, textNorm), 1, params);
          }
          if (s > best) best = s;
          if (all && a.weight > bestWeight) bestWeight = a.weight;
        }
        score += best;
        covered += bestWeight;
      }
      tfTitle.fill(0);
      tfText.fill(0);
      lastCoverage = groups.length > 0 ? covered / groups.length : 0;
      return score;
    };
    return {
      ceiling,
      terms,
      slotFactors,
      saturate: (tf) => (Number.isFinite(tf) ? saturate(tf, 1, params) : maxTermScore(1, params)),
      get lastCoverage() {
        return lastCoverage;
      },
      score(num) {
        const from = docStart[num]!;
        const to = docStart[num + 1]!;
        if (slots * 8 < to - from) {
          for (let q = 0; q < slots; q++) {
            const k = findSorted(docTerms, from, to, terms[q]!.tid);
            if (k >= 0) {
              tfTitle[q] = docTitleTf[k]!;
              tfText[q] = docTextTf[k]!;
            }
          }
        } else {
          for (let k = from; k < to; k++) {
            const q = querySlot[docTerms[k]!]!;
            if (q >= 0) {
              tfTitle[q] = docTitleTf[k]!;
              tfText[q] = docTextTf[k]!;
            }
          }
        }
        return scoreGathered(num);
      },
      scoreGathered,
      gathered: { title: tfTitle, text: tfText },
      release() {
        for (const t of terms) querySlot[t.tid] = -1;
      },
    };
  };
}
