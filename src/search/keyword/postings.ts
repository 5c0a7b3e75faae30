/**
 * Inverted postings: for each term, every document containing it (ascending document numbers), each with its title
 * and abstract frequencies and its quantised impact, and the term's largest BM25F pseudo frequency. They are the only
 * copy of a listed document's frequencies (the document table drops its forward entries once they are listed). They give exact top-k retrieval its upper bounds
 * (`retrieval.ts`): a posting's impact `q` (1..255) promises a pseudo frequency of at most `q / 255 · maxTf[t]`
 * under the field averages the postings were built with.
 *
 * Postings cover the documents numbered below `listedDocs`; documents added later are found through a small map
 * (`recent`) and scored without bounds, until enough have accumulated for a rebuild.
 */
import { dropForwardEntries, type DocumentTable } from './documents.js';
import { averageLengths, documentPseudoTf, type FieldScoring } from './scoring.js';

/**
 * Saved postings: `postStart[t]..postStart[t+1]` delimits term t's documents in `postDocs`, their title and abstract
 * frequencies in `postTitleTf` / `postTextTf` and their impacts in `postImpacts`; `maxTf[t]` is the term's largest
 * pseudo frequency under the averages `postAverages` (title, text).
 */
export interface PostingArrays {
  postStart: Uint32Array;
  postDocs: Uint32Array;
  postTitleTf: Uint16Array;
  postTextTf: Uint16Array;
  postImpacts: Uint8Array;
  maxTf: Float64Array;
  postAverages: [number, number];
}

/** The postings of a document table. */
export interface Postings {
  /**
   * Makes the postings cover every document (newcomers merged in when many were added, else put in a side map) and
   * the document frequencies exact (recounted after a listed document was removed).
   */
  ensure(): void;
  /** Term t's listed postings (dead document numbers included) and its largest pseudo frequency. */
  list(tid: number): PostingList;
  /**
   * The same as one set of arrays for all terms, and where term t's postings lie in them (`from`..`to`; an empty range
   * for a term not listed), so a traversal reads one array of each kind instead of one per term.
   */
  all(): { docs: Uint32Array; impacts: Uint8Array; titleTf: Uint16Array; textTf: Uint16Array };
  range(tid: number): { from: number; to: number; maxTf: number };
  /** Documents added since the postings were built that contain term `tid`. */
  recent(tid: number): readonly number[];
  /**
   * Factor by which a pseudo frequency under the current averages can exceed its value under the build's: a field's
   * length normaliser shrinks at most by the ratio of its averages (∞ when a field average grew from 0).
   */
  boundScale(): number;
  /** Forgets the side map (a document was added). */
  invalidate(): void;
  /** Takes every live document in and drops the dead ones from the lists (before compacting and saving). */
  absorb(): void;
  /** Applies {@link compactDocuments}' renumbering (after {@link absorb}: no dead document left in the lists). */
  renumber(renumbered: Int32Array): void;
  /** Postings covering every document and term, for saving (after {@link absorb}). */
  export(): PostingArrays;
}

/** One term's postings: parallel arrays over the documents containing it, ascending. */
export interface PostingList {
  docs: Uint32Array;
  titleTf: Uint16Array;
  textTf: Uint16Array;
  impacts: Uint8Array;
  /** Largest pseudo frequency of the term (under the averages the postings were built with). */
  maxTf: number;
}

const EMPTY: PostingList = { docs: new Uint32Array(0), titleTf: new Uint16Array(0), textTf: new Uint16Array(0), impacts: new Uint8Array(0), maxTf: 0 };

/** Postings over `table`, restored from `saved` (which must cover all its documents) or built on demand. */
export function createPostings(table: DocumentTable, scoring: FieldScoring, saved?: PostingArrays): Postings {
  if (!saved && table.forwardFrom > 0) throw new Error('keyword index: a restored document table needs its saved postings');
  let postStart = saved ? saved.postStart : new Uint32Array(1);
  let postDocs = saved ? saved.postDocs : EMPTY.docs;
  let postTitleTf = saved ? saved.postTitleTf : EMPTY.titleTf;
  let postTextTf = saved ? saved.postTextTf : EMPTY.textTf;
  let postImpacts = saved ? saved.postImpacts : EMPTY.impacts;
  let maxTf = saved ? saved.maxTf : new Float64Array(0);
  let built = saved ? { title: saved.postAverages[0], text: saved.postAverages[1] } : { title: 0, text: 0 };
  let listedDocs = table.forwardFrom;
  let listedTerms = saved ? table.terms.length : 0;
  let recent: Map<number, number[]> | null = null;

  /** Calls `visit` for every live listed posting, then every forward entry of a live unlisted document. */
  const eachLive = (visit: (tid: number, num: number, titleTf: number, textTf: number) => void): void => {
    const { ids, docStart, docTerms, docTitleTf, docTextTf } = table;
    for (let t = 0; t < listedTerms; t++) {
      for (let i = postStart[t]!; i < postStart[t + 1]!; i++) {
        const num = postDocs[i]!;
        if (ids[num] !== undefined) visit(t, num, postTitleTf[i]!, postTextTf[i]!);
      }
    }
    for (let num = listedDocs; num < ids.length; num++) {
      if (ids[num] === undefined) continue;
      for (let k = docStart[num]!; k < docStart[num + 1]!; k++) visit(docTerms[k]!, num, docTitleTf[k]!, docTextTf[k]!);
    }
  };

  /**
   * Rebuilds every term's postings from the live listed postings and the newcomers' forward entries (a counting sort
   * by term; newcomers have the highest numbers, so each list stays ascending), then drops the forward entries.
   */
  const build = (): void => {
    const termCount = table.terms.length;
    const start = new Uint32Array(termCount + 1);
    eachLive((tid) => (start[tid + 1]! += 1));
    for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
    const docs = new Uint32Array(start[termCount]!);
    const titleTf = new Uint16Array(docs.length);
    const textTf = new Uint16Array(docs.length);
    const fill = start.slice(0, termCount);
    const best = new Float64Array(termCount);
    const avg = averageLengths(table);
    eachLive((tid, num, title, text) => {
      const at = fill[tid]!++;
      docs[at] = num;
      titleTf[at] = title;
      textTf[at] = text;
      const w = documentPseudoTf(table, scoring, num, title, text, avg);
      if (w > best[tid]!) best[tid] = w;
    });
    const impacts = new Uint8Array(docs.length);
    for (let t = 0; t < termCount; t++) {
      const top = best[t]!;
      table.df[t] = start[t + 1]! - start[t]!;
      // Rounded up, so the impact never promises less than the posting's pseudo frequency.
      for (let i = start[t]!; i < start[t + 1]!; i++) {
        const w = documentPseudoTf(table, scoring, docs[i]!, titleTf[i]!, textTf[i]!, avg);
        impacts[i] = top > 0 ? Math.max(1, Math.min(255, Math.ceil((w / top) * 255))) : 255;
      }
    }
    postStart = start;
    postDocs = docs;
    postTitleTf = titleTf;
    postTextTf = textTf;
    postImpacts = impacts;
    maxTf = best;
    built = avg;
    listedDocs = table.ids.length;
    listedTerms = termCount;
    recent = null;
    table.staleDf = false;
    dropForwardEntries(table);
  };

  /** Document frequencies counted again from the live documents (a listed one was removed). */
  const recount = (): void => {
    table.df.fill(0);
    eachLive((tid) => (table.df[tid]! += 1));
    table.staleDf = false;
  };

  return {
    ensure() {
      const { ids, docStart, docTerms } = table;
      const unlisted = ids.length - listedDocs;
      if (unlisted > 0 && (listedDocs === 0 || unlisted > Math.max(2000, ids.length / 10))) {
        build();
        return;
      }
      if (table.staleDf) recount();
      if (unlisted === 0 || recent) return;
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
    list(tid) {
      if (tid >= listedTerms) return EMPTY;
      const from = postStart[tid]!;
      const to = postStart[tid + 1]!;
      return {
        docs: postDocs.subarray(from, to),
        titleTf: postTitleTf.subarray(from, to),
        textTf: postTextTf.subarray(from, to),
        impacts: postImpacts.subarray(from, to),
        maxTf: maxTf[tid]!,
      };
    },
    all: () => ({ docs: postDocs, impacts: postImpacts, titleTf: postTitleTf, textTf: postTextTf }),
    range: (tid) => (tid >= listedTerms ? { from: 0, to: 0, maxTf: 0 } : { from: postStart[tid]!, to: postStart[tid + 1]!, maxTf: maxTf[tid]! }),
    recent: (tid) => recent?.get(tid) ?? [],
    boundScale() {
      const now = averageLengths(table);
      const ratio = (current: number, then: number) => (current <= then ? 1 : then > 0 ? current / then : Number.POSITIVE_INFINITY);
      return Math.max(ratio(now.title, built.title), ratio(now.text, built.text));
    },
    invalidate() {
      recent = null;
    },
    absorb() {
      if (listedDocs < table.ids.length || listedTerms < table.terms.length || table.numById.size < table.ids.length || table.staleDf) build();
    },
    renumber(renumbered) {
      postDocs = postDocs.map((num) => renumbered[num]!);
      listedDocs = table.ids.length;
      recent = null;
    },
    export() {
      if (listedDocs < table.ids.length || listedTerms < table.terms.length) throw new Error('keyword index: postings export needs every document listed (absorb first)');
      const terms = table.terms.length;
      // Views, not copies: the arrays are replaced, never written in place, once built.
      return {
        postStart: postStart.subarray(0, terms + 1),
        postDocs: postDocs.subarray(0, postStart[terms]!),
        postTitleTf: postTitleTf.subarray(0, postStart[terms]!),
        postTextTf: postTextTf.subarray(0, postStart[terms]!),
        postImpacts: postImpacts.subarray(0, postStart[terms]!),
        maxTf: maxTf.subarray(0, terms),
        postAverages: [built.title, built.text],
      };
    },
  };
}
