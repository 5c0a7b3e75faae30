/**
 * The keyword index's document table: the vocabulary with document frequencies, field lengths, and the term
 * statistics of documents not yet in the postings in flat typed arrays (a forward index). Once the postings take a
 * document in (`postings.ts`), they are the only copy of its frequencies and its forward entries are dropped
 * ({@link dropForwardEntries}). Documents are numbered in insertion order; a removed (or replaced) document leaves
 * its number dead until {@link compactDocuments} renumbers the live ones.
 */
import type { AcronymDefinition } from '../acronyms.js';
import { grow } from './arrays.js';

/**
 * Mutable state shared by the index modules. `docStart[d]..docStart[d+1]` delimits document d's entries in
 * `docTerms` (ascending term ids) and its title and abstract frequencies; documents numbered below `forwardFrom` have
 * none (an empty range): their statistics are in the postings.
 */
export interface DocumentTable {
  /** Id by document number; undefined for a dead number. */
  ids: (string | undefined)[];
  numById: Map<string, number>;
  titleLengths: Uint32Array;
  textLengths: Uint32Array;
  docStart: Uint32Array;
  docTerms: Uint32Array;
  docTitleTf: Uint16Array;
  docTextTf: Uint16Array;
  /** Entries in use in `docTerms`. */
  entries: number;
  /** Documents numbered below this have no forward entries. */
  forwardFrom: number;
  /**
   * True once a document without forward entries was removed: its terms are unknown here, so `df` still counts it
   * until the postings recount it.
   */
  staleDf: boolean;
  /** Terms by id, and ids by term. */
  terms: string[];
  termIds: Map<string, number>;
  /** Live documents containing each term. */
  df: Uint32Array;
  titleLengthSum: number;
  textLengthSum: number;
  /** Acronym definitions by document number. */
  acronymsOf: Map<number, AcronymDefinition[]>;
  /** Scratch while appending: title and abstract frequency by term id (all zero between appends). */
  scratch: { titleTf: Uint32Array; textTf: Uint32Array };
}

/** The arrays of a table as saved (see `snapshot.ts`); all documents live and in the postings (no forward entries). */
export interface DocumentArrays {
  ids: string[];
  titleLengths: Uint32Array;
  textLengths: Uint32Array;
  terms: string[];
  df: Uint32Array;
  /** Acronym definitions: document number, acronym, long form (terms joined by spaces). */
  acronyms: [number, string, string][];
}

/** An empty table, or one restored from saved arrays (which it keeps as they are, without copying). */
export function createDocumentTable(saved?: DocumentArrays): DocumentTable {
  const table: DocumentTable = {
    ids: saved ? saved.ids.slice() : [],
    numById: new Map(),
    titleLengths: saved ? saved.titleLengths : new Uint32Array(1024),
    textLengths: saved ? saved.textLengths : new Uint32Array(1024),
    docStart: new Uint32Array((saved?.ids.length ?? 1024) + 1),
    docTerms: new Uint32Array(saved ? 1024 : 65536),
    docTitleTf: new Uint16Array(saved ? 1024 : 65536),
    docTextTf: new Uint16Array(saved ? 1024 : 65536),
    entries: 0,
    forwardFrom: saved ? saved.ids.length : 0,
    staleDf: false,
    terms: saved ? saved.terms.slice() : [],
    termIds: new Map(),
    df: saved ? saved.df : new Uint32Array(1024),
    titleLengthSum: 0,
    textLengthSum: 0,
    acronymsOf: new Map(),
    scratch: { titleTf: new Uint32Array(0), textTf: new Uint32Array(0) },
  };
  table.ids.forEach((id, num) => table.numById.set(id!, num));
  table.terms.forEach((term, tid) => table.termIds.set(term, tid));
  for (const [num, acronym, longForm] of saved?.acronyms ?? []) {
    const list = table.acronymsOf.get(num) ?? [];
    list.push({ acronym, longForm: longForm.split(' ') });
    table.acronymsOf.set(num, list);
  }
  for (let num = 0; num < table.ids.length; num++) {
    table.titleLengthSum += table.titleLengths[num]!;
    table.textLengthSum += table.textLengths[num]!;
  }
  return table;
}

/** Number of live documents. */
export function liveCount(table: DocumentTable): number {
  return table.numById.size;
}

/** Documents containing `term` (0 for an unknown term). */
export function documentFrequency(table: DocumentTable, term: string): number {
  const tid = table.termIds.get(term);
  return tid === undefined ? 0 : table.df[tid]!;
}

/** The id of `term`, added to the vocabulary when new. */
function termIdOf(table: DocumentTable, term: string): number {
  let tid = table.termIds.get(term);
  if (tid === undefined) {
    tid = table.terms.length;
    table.termIds.set(term, tid);
    table.terms.push(term);
    if (tid >= table.df.length) table.df = grow(table.df, tid + 1);
    table.df[tid] = 0;
  }
  return tid;
}

/** Appends a document from its analysed title and abstract terms; returns its number. The id must not be live. */
export function appendDocument(table: DocumentTable, id: string, titleTerms: readonly string[], textTerms: readonly string[]): number {
  // Term frequencies per field through the scratch arrays, then the document's entries in term id order.
  const touched: number[] = [];
  const scratch = table.scratch;
  const count = (terms: readonly string[], title: boolean) => {
    for (const term of terms) {
      const tid = termIdOf(table, term);
      if (tid >= scratch.titleTf.length) {
        scratch.titleTf = grow(scratch.titleTf, tid + 1);
        scratch.textTf = grow(scratch.textTf, tid + 1);
      }
      if (scratch.titleTf[tid] === 0 && scratch.textTf[tid] === 0) touched.push(tid);
      if (title) scratch.titleTf[tid]! += 1;
      else scratch.textTf[tid]! += 1;
    }
  };
  count(titleTerms, true);
  count(textTerms, false);
  touched.sort((a, b) => a - b);

  const num = table.ids.length;
  if (num + 2 > table.docStart.length) table.docStart = grow(table.docStart, num + 2);
  if (num + 1 > table.titleLengths.length) {
    table.titleLengths = grow(table.titleLengths, num + 1);
    table.textLengths = grow(table.textLengths, num + 1);
  }
  let entries = table.entries;
  if (entries + touched.length > table.docTerms.length) {
    table.docTerms = grow(table.docTerms, entries + touched.length);
    table.docTitleTf = grow(table.docTitleTf, entries + touched.length);
    table.docTextTf = grow(table.docTextTf, entries + touched.length);
  }
  const { docTerms, docTitleTf, docTextTf, df } = table;
  for (const tid of touched) {
    docTerms[entries] = tid;
    docTitleTf[entries] = Math.min(scratch.titleTf[tid]!, 0xffff);
    docTextTf[entries] = Math.min(scratch.textTf[tid]!, 0xffff);
    entries++;
    df[tid]! += 1;
    scratch.titleTf[tid] = 0;
    scratch.textTf[tid] = 0;
  }
  table.entries = entries;
  table.docStart[num + 1] = entries;
  table.titleLengths[num] = titleTerms.length;
  table.textLengths[num] = textTerms.length;
  table.ids.push(id);
  table.numById.set(id, num);
  table.titleLengthSum += titleTerms.length;
  table.textLengthSum += textTerms.length;
  return num;
}

/**
 * Marks the document dead and takes it out of the statistics (out of `df` only when it has forward entries, else
 * `staleDf` is set); returns its number, or undefined when unknown.
 */
export function removeDocument(table: DocumentTable, id: string): number | undefined {
  const num = table.numById.get(id);
  if (num === undefined) return undefined;
  if (num < table.forwardFrom) table.staleDf = true;
  for (let k = table.docStart[num]!; k < table.docStart[num + 1]!; k++) table.df[table.docTerms[k]!]! -= 1;
  table.acronymsOf.delete(num);
  table.titleLengthSum -= table.titleLengths[num]!;
  table.textLengthSum -= table.textLengths[num]!;
  table.ids[num] = undefined;
  table.numById.delete(id);
  return num;
}

/** Forgets the forward entries of every document (the postings now hold their statistics). */
export function dropForwardEntries(table: DocumentTable): void {
  table.forwardFrom = table.ids.length;
  table.entries = 0;
  table.docStart.fill(0);
  table.docTerms = new Uint32Array(1024);
  table.docTitleTf = new Uint16Array(1024);
  table.docTextTf = new Uint16Array(1024);
}

/**
 * Drops dead document numbers, renumbering the live ones in order. Returns the new number of each old one (-1 for a
 * dead one; the order is kept, so lists sorted by number stay sorted), or null when there was none to drop.
 */
export function compactDocuments(table: DocumentTable): Int32Array | null {
  const { ids, docStart } = table;
  const live = table.numById.size;
  if (live === ids.length) return null;
  const renumbered = new Int32Array(ids.length).fill(-1);
  let forwardFrom = 0;
  const liveEntries = ids.reduce((sum, id, num) => (id === undefined ? sum : sum + docStart[num + 1]! - docStart[num]!), 0);
  const start = new Uint32Array(live + 1);
  const termsOut = new Uint32Array(liveEntries);
  const titleOut = new Uint16Array(liveEntries);
  const textOut = new Uint16Array(liveEntries);
  const titleLen = new Uint32Array(live);
  const textLen = new Uint32Array(live);
  const idsOut: string[] = [];
  const acronymsOut = new Map<number, AcronymDefinition[]>();
  let at = 0;
  ids.forEach((id, num) => {
    if (id === undefined) return;
    const next = idsOut.length;
    renumbered[num] = next;
    if (num < table.forwardFrom) forwardFrom = next + 1;
    const from = docStart[num]!;
    const to = docStart[num + 1]!;
    termsOut.set(table.docTerms.subarray(from, to), at);
    titleOut.set(table.docTitleTf.subarray(from, to), at);
    textOut.set(table.docTextTf.subarray(from, to), at);
    at += to - from;
    start[next + 1] = at;
    titleLen[next] = table.titleLengths[num]!;
    textLen[next] = table.textLengths[num]!;
    const defs = table.acronymsOf.get(num);
    if (defs) acronymsOut.set(next, defs);
    idsOut.push(id);
  });
  table.ids = idsOut;
  table.numById = new Map(idsOut.map((id, num) => [id, num]));
  table.acronymsOf = acronymsOut;
  table.docStart = start;
  table.docTerms = termsOut;
  table.docTitleTf = titleOut;
  table.docTextTf = textOut;
  table.entries = liveEntries;
  table.titleLengths = titleLen;
  table.textLengths = textLen;
  table.forwardFrom = forwardFrom;
  return renumbered;
}

/**
 * The table's arrays trimmed to size, for saving; call {@link compactDocuments} first so every document is live, and
 * let the postings take every document in first (the forward entries are not saved).
 */
export function exportDocuments(table: DocumentTable): DocumentArrays {
  const docs = table.ids.length;
  if (table.forwardFrom < docs || table.numById.size < docs || table.staleDf) throw new Error('keyword index: export needs every document live and in the postings');
  const acronyms: [number, string, string][] = [];
  for (const [num, defs] of [...table.acronymsOf].sort((a, b) => a[0] - b[0])) for (const d of defs) acronyms.push([num, d.acronym, d.longForm.join(' ')]);
  return {
    ids: table.ids.map((id) => id!),
    titleLengths: table.titleLengths.slice(0, docs),
    textLengths: table.textLengths.slice(0, docs),
    terms: table.terms.slice(),
    df: table.df.slice(0, table.terms.length),
    acronyms,
  };
}
