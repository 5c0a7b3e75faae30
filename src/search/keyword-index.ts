/**
 * Keyword search over paper titles and abstracts, assembled from the modules of `keyword/`:
 *
 * - `analysis.ts`: text analysis, injected through the `analyzer` option (the same for documents and queries);
 * - `documents.ts`: the vocabulary, field lengths, and the term statistics of documents not yet in the postings;
 * - `postings.ts`: per term, the documents containing it with their frequencies, quantised impacts and a bound;
 * - `retrieval.ts`: exact top-k over the postings with dynamic pruning (MaxScore);
 * - `matching.ts`: how query words meet the vocabulary (exact, typo, prefix, acronym);
 * - `scoring.ts`: BM25F (title weighted above abstract) with the functions of `bm25.ts`;
 * - `snapshot.ts`: the index as plain arrays and its file format, so a warm start analyses no text.
 *
 * Scores are exact BM25F over every matching document: pruning only skips documents that provably cannot enter the
 * top k, whatever the corpus size.
 */
import type { Hit } from './types.js';
import { createTypoIndex } from './typo.js';
import { defaultAnalyzer, type KeywordAnalyzer } from './keyword/analysis.js';
import { grow } from './keyword/arrays.js';
import { appendDocument, compactDocuments, createDocumentTable, documentFrequency, exportDocuments, removeDocument } from './keyword/documents.js';
import { createAcronymLexicon, matchQuery, type QueryTermMatch, type RelatedTerms } from './keyword/matching.js';
import { createPostings } from './keyword/postings.js';
import { retrieveTopK } from './keyword/retrieval.js';
import { createQueryScorer } from './keyword/scoring.js';
import { checkSnapshot, type KeywordIndexSnapshot } from './keyword/snapshot.js';

export type { KeywordAnalyzer } from './keyword/analysis.js';
export type { QueryTermMatch, RelatedTerms, TermAlternative } from './keyword/matching.js';
export { decodeKeywordSnapshot, encodeKeywordSnapshot, type KeywordIndexSnapshot } from './keyword/snapshot.js';

/** A document as the keyword index sees it. */
export interface KeywordDoc {
  id: string;
  title: string;
  /** Body text, usually the abstract. */
  text: string;
}

/** Tuning of the keyword index; every field has a default chosen on the development query set. */
export interface KeywordIndexOptions {
  /** Text analysis of documents and queries (default: {@link defaultAnalyzer}, Paper Scout's English analysis). */
  analyzer?: KeywordAnalyzer;
  /** BM25 term-frequency saturation (default 1.2). */
  k1?: number;
  /** BM25F weight of the title field relative to the abstract's 1 (default 3). */
  titleWeight?: number;
  /** Length normalisation of the title field (default 0.8, as a one-edit typo correction). */
  titleB?: number;
  /** Length normalisation of the abstract field (default 0.75). */
  textB?: number;
  /** Weight of a vocabulary word one edit away from an unknown query word (default 0.8). */
  fuzzyWeight1?: number;
  /** Weight of a vocabulary word two edits away (default 0.8, as a one-edit typo correction). */
  fuzzyWeight2?: number;
  /** Weight of a vocabulary word completing an unknown last query word (default 0.7). */
  prefixWeight?: number;
  /** Weight of the corpus-learnt long form of a query acronym (default 0.8; 0 turns acronym expansion off). */
  acronymWeight?: number;
  /** Most alternatives a misspelled word expands to (default 3). */
  maxFuzzyAlternatives?: number;
  /** Most completions of the last word (default 5). */
  maxPrefixAlternatives?: number;
  /**
   * Words related in meaning to a query word the corpus does not know (default: none; the engine passes WordNet's,
   * see `related-words.ts`).
   */
  related?: RelatedTerms;
  /** Weight of a related word as rare as an unknown word; a more frequent one weighs proportionally less (default 0.8, as a one-edit typo correction). */
  relatedWeight?: number;
  /** Most related words an unknown query word expands to (default 3). */
  maxRelatedAlternatives?: number;
}

/** A search with the details needed to interpret its scores. */
export interface KeywordSearchResult {
  /** Raw BM25F scores, best first, ties by id ascending. */
  hits: Hit[];
  /**
   * Upper bound of any document's score for this query (every term matched exactly with unbounded frequency).
   * `score / ceiling` is an absolute match strength in [0, 1); 0 when the query has no usable term.
   */
  ceiling: number;
  terms: QueryTermMatch[];
  /**
   * For each hit (same order), the share of query words it contains: per word the weight of its best alternative
   * whose terms all occur in the document (1 for an exact match), averaged over the words.
   */
  coverage: number[];
}

/** In-memory keyword index. */
export interface KeywordIndex {
  /** Adds a document, or replaces the one with the same id. */
  add(doc: KeywordDoc): void;
  addMany(docs: Iterable<KeywordDoc>): void;
  /** Removes a document; false when the id is unknown. */
  remove(id: string): boolean;
  has(id: string): boolean;
  readonly size: number;
  /** Best `limit` documents for the query with raw BM25F scores (`searchDetailed` adds a ceiling for an absolute scale). */
  search(query: string, limit?: number): Hit[];
  /**
   * Like `search`, with the score ceiling and how each query word was matched. `exhaustive` scores every matching
   * document instead of pruning (same results; the reference the pruning is tested and benchmarked against).
   */
  searchDetailed(query: string, limit?: number, options?: { exhaustive?: boolean }): KeywordSearchResult;
  /** Number of documents containing an index term (0 for an unknown term). */
  documentFrequency(term: string): number;
  /** The index as plain arrays (removed documents dropped), for {@link createKeywordIndex} to restore. */
  exportSnapshot(): KeywordIndexSnapshot;
}

const DEFAULTS: Required<Omit<KeywordIndexOptions, 'analyzer' | 'related'>> = {
  k1: 1.2,
  titleWeight: 3,
  titleB: 0.6,
  textB: 0.75,
  fuzzyWeight1: 0.8,
  fuzzyWeight2: 0.6,
  prefixWeight: 0.7,
  acronymWeight: 0.8,
  maxFuzzyAlternatives: 3,
  maxPrefixAlternatives: 5,
  relatedWeight: 0.8,
  maxRelatedAlternatives: 3,
};

/**
 * Creates a keyword index: empty, or restored from a snapshot (see {@link KeywordIndex.exportSnapshot}). Options are
 * validated here and errors name the option; a snapshot whose arrays do not fit together is refused.
 */
export function createKeywordIndex(options: KeywordIndexOptions = {}, snapshot?: KeywordIndexSnapshot): KeywordIndex {
  const { analyzer = defaultAnalyzer, related, ...tuning } = options;
  const opts = { ...DEFAULTS, ...tuning };
  validateOptions(opts);
  if (snapshot) checkSnapshot(snapshot);
  const typos = createTypoIndex(snapshot?.typos);
  const table = createDocumentTable(snapshot);
  const acronyms = createAcronymLexicon();
  for (const defs of table.acronymsOf.values()) acronyms.count(defs, 1);
  const postings = createPostings(table, opts, snapshot);
  const prepare = createQueryScorer(table, opts);
  const matching = { table, typos, acronyms, analyzer, options: opts, ...(related ? { related } : {}) };

  // Coverage of each scored document in the current query (scratch, reused).
  let coverageOf = new Float64Array(0);

  const remove = (id: string): boolean => {
    const num = table.numById.get(id);
    if (num === undefined) return false;
    acronyms.count(table.acronymsOf.get(num) ?? [], -1);
    removeDocument(table, id);
    return true;
  };

  const add = (doc: KeywordDoc): void => {
    if (typeof doc?.id !== 'string' || doc.id === '') throw new TypeError('keyword index: add() needs a document with a non-empty string id');
    if (typeof doc.title !== 'string' || typeof doc.text !== 'string') {
      throw new TypeError(`keyword index: document "${doc.id}" needs string title and text fields`);
    }
    remove(doc.id);
    const titleTokens = analyzer.analyze(doc.title);
    const textTokens = analyzer.analyze(doc.text);
    // Each definition counts once per document, however often the document repeats it.
    const seenDefs = new Set<string>();
    const defs = analyzer.acronyms(`${doc.title}. ${doc.text}`).filter((d) => {
      const key = `${d.acronym}\u0000${d.longForm.join(' ')}`;
      return seenDefs.has(key) ? false : (seenDefs.add(key), true);
    });
    for (const token of titleTokens) typos.add(token.surface);
    for (const token of textTokens) typos.add(token.surface);
    const num = appendDocument(
      table,
      doc.id,
      titleTokens.map((t) => t.term),
      textTokens.map((t) => t.term),
    );
    if (defs.length > 0) table.acronymsOf.set(num, defs);
    acronyms.count(defs, 1);
    postings.invalidate();
  };

  const searchDetailed = (query: string, limit = 10, options: { exhaustive?: boolean } = {}): KeywordSearchResult => {
    if (typeof query !== 'string') throw new TypeError('keyword index: search() needs a string query');
    // First: matching reads the document frequencies, which a removal may have left to recount.
    postings.ensure();
    const matched = matchQuery(query, matching);
    if (table.numById.size === 0 || limit <= 0) return { hits: [], ceiling: 0, terms: matched, coverage: [] };
    const prepared = prepare(matched);
    try {
      if (coverageOf.length < table.ids.length) coverageOf = grow(coverageOf, table.ids.length);
      const onScored = (num: number) => (coverageOf[num] = prepared.lastCoverage);
      const kept = retrieveTopK(table, postings, prepared, limit, { exhaustive: options.exhaustive, onScored }).top.sorted();
      return {
        hits: kept.map(({ item, score }) => ({ id: table.ids[item]!, score })),
        ceiling: prepared.ceiling,
        terms: matched,
        coverage: kept.map(({ item }) => coverageOf[item]!),
      };
    } finally {
      prepared.release();
    }
  };

  return {
    add,
    addMany(list) {
      for (const doc of list) add(doc);
    },
    remove,
    has: (id) => table.numById.has(id),
    get size() {
      return table.numById.size;
    },
    search: (query, limit = 10) => searchDetailed(query, limit).hits,
    searchDetailed,
    documentFrequency: (term) => {
      postings.ensure();
      return documentFrequency(table, term);
    },
    exportSnapshot() {
      postings.absorb();
      const renumbered = compactDocuments(table);
      if (renumbered) postings.renumber(renumbered);
      return { ...exportDocuments(table), ...postings.export(), typos: typos.exportSnapshot() };
    },
  };
}

function validateOptions(opts: typeof DEFAULTS): void {
  const check = (name: keyof typeof DEFAULTS, ok: (v: number) => boolean, why: string) => {
    const v = opts[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) {
      throw new RangeError(`keyword index option "${name}": ${why}, got ${String(v)}`);
    }
  };
  check('k1', (v) => v >= 0, 'must be a number ≥ 0');
  check('titleWeight', (v) => v > 0, 'must be a number > 0');
  for (const name of ['titleB', 'textB'] as const) check(name, (v) => v >= 0 && v <= 1, 'must be a number from 0 to 1');
  for (const name of ['fuzzyWeight1', 'fuzzyWeight2', 'prefixWeight', 'acronymWeight', 'relatedWeight'] as const) {
    check(name, (v) => v >= 0 && v <= 1, 'must be a number from 0 to 1');
  }
  for (const name of ['maxFuzzyAlternatives', 'maxPrefixAlternatives', 'maxRelatedAlternatives'] as const) {
    check(name, (v) => Number.isInteger(v) && v >= 0, 'must be a whole number ≥ 0');
  }
}
