/**
 * Keyword search over paper titles and abstracts.
 *
 * Documents are analysed once (`tokenize.ts`, the same analysis as queries) into per-document term statistics kept in
 * flat typed arrays: sorted term ids with their title and abstract frequencies. For each term, a candidate list holds
 * the documents where the term weighs most (all of them for all but the most common terms). A query visits its terms
 * rarest first, collects candidates from their lists, then ranks the candidates with BM25F (title weighted above
 * abstract) by scanning each candidate's term statistics.
 *
 * Query terms missing from the vocabulary are replaced by known words within a small edit distance (typos), and the
 * last query term, when unknown, also by known words it starts (typing in progress); both count less than an
 * exact match.
 *
 * The whole index can be exported as plain arrays and restored without analysing any text again
 * ({@link KeywordIndex.exportSnapshot}, {@link encodeKeywordSnapshot}), which is what makes a warm start of a large
 * corpus take a fraction of a second instead of minutes.
 */
import type { Hit } from '../types.js';
import { idf, lengthNorm, maxTermScore, saturate } from './bm25.js';
import { analyze, analyzeQuery, stemWord } from './tokenize.js';
import { createTopK } from './top-k.js';
import { extractAcronyms, type AcronymDefinition } from './acronyms.js';
import { createTypoIndex, type TypoSnapshot } from './typo.js';
import { correctionBudget, isPlausibleCorrection, mayComplete } from './typo-policy.js';

/** A document as the keyword index sees it. */
export interface KeywordDoc {
  id: string;
  title: string;
  /** Body text, usually the abstract. */
  text: string;
}

/** Tuning of the keyword index; every field has a default chosen on the development query set. */
export interface KeywordIndexOptions {
  /** BM25 term-frequency saturation (default 1.2). */
  k1?: number;
  /** BM25F weight of the title field relative to the abstract's 1 (default 3). */
  titleWeight?: number;
  /** Length normalisation of the title field (default 0.6). */
  titleB?: number;
  /** Length normalisation of the abstract field (default 0.75). */
  textB?: number;
  /** Weight of a vocabulary word one edit away from an unknown query word (default 0.8). */
  fuzzyWeight1?: number;
  /** Weight of a vocabulary word two edits away (default 0.6). */
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
   * Most documents taken per term as candidates (default 500). Bounds query time on large corpora: a very common
   * term then contributes only the documents where it weighs most (highest BM25F term weight, title matches first).
   */
  candidatesPerTerm?: number;
  /**
   * Candidate pool size after which further (more common) query terms only add to the scores of documents already
   * found instead of bringing new ones (default 1500). Terms are visited rarest first, so the pool comes from the
   * most selective terms; on a small corpus every matching document is scored.
   */
  maxCandidates?: number;
}

/**
 * One way of matching a query word. `acronym` alternatives stand for a long form learnt from the corpus
 * ("gnn" → graph neural network): `term` is then the long form's terms separated by spaces, scored as their mean.
 */
export interface TermAlternative {
  term: string;
  weight: number;
  kind: 'exact' | 'fuzzy' | 'prefix' | 'acronym';
}

/** How one query word was matched against the vocabulary. */
export interface QueryTermMatch {
  /** The query word as typed (normalised). */
  surface: string;
  /** Index terms tried for it, with their weights (1 = exact). Empty when nothing in the corpus matches. */
  alternatives: TermAlternative[];
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
  /** Like `search`, with the score ceiling and how each query word was matched. */
  searchDetailed(query: string, limit?: number): KeywordSearchResult;
  /** Number of documents containing an index term (0 for an unknown term). */
  documentFrequency(term: string): number;
  /** The index as plain arrays (removed documents dropped), for {@link createKeywordIndex} to restore. */
  exportSnapshot(): KeywordIndexSnapshot;
}

/**
 * A keyword index as plain data. Documents are numbered 0..n-1; `docStart[d]..docStart[d+1]` delimits document d's
 * entries in `docTerms` (ascending term ids) and its title and abstract frequencies. `candStart[t]..candStart[t+1]`
 * delimits term t's candidate documents in `candDocs`.
 */
export interface KeywordIndexSnapshot {
  /** `candidatesPerTerm` the candidate lists were cut with. */
  candidatesPerTerm: number;
  ids: string[];
  titleLengths: Uint32Array;
  textLengths: Uint32Array;
  /** Terms by id. */
  terms: string[];
  df: Uint32Array;
  docStart: Uint32Array;
  docTerms: Uint32Array;
  docTitleTf: Uint16Array;
  docTextTf: Uint16Array;
  candStart: Uint32Array;
  candDocs: Uint32Array;
  /** Acronym definitions: document number, acronym, long form (terms joined by spaces). */
  acronyms: [number, string, string][];
  typos: TypoSnapshot;
}

const DEFAULTS: Required<KeywordIndexOptions> = {
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
  candidatesPerTerm: 500,
  maxCandidates: 1500,
};

/**
 * Creates a keyword index: empty, or restored from a snapshot (see {@link KeywordIndex.exportSnapshot}). Options are
 * validated here and errors name the option; a snapshot whose arrays do not fit together is refused.
 */
export function createKeywordIndex(options: KeywordIndexOptions = {}, snapshot?: KeywordIndexSnapshot): KeywordIndex {
  const opts = { ...DEFAULTS, ...options };
  validateOptions(opts);
  if (snapshot) checkSnapshot(snapshot);
  const typos = createTypoIndex(snapshot?.typos);

  // Vocabulary: term → id, and per term id its text and document frequency.
  const termIds = new Map<string, number>();
  const terms: string[] = snapshot ? snapshot.terms.slice() : [];
  terms.forEach((term, tid) => termIds.set(term, tid));
  let df = snapshot ? snapshot.df : new Uint32Array(1024);

  // Documents by number; a removed (or replaced) document leaves its number dead (`ids[num]` undefined).
  const ids: (string | undefined)[] = snapshot ? snapshot.ids.slice() : [];
  const numById = new Map<string, number>();
  ids.forEach((id, num) => numById.set(id!, num));
  let titleLengths = snapshot ? snapshot.titleLengths : new Uint32Array(1024);
  let textLengths = snapshot ? snapshot.textLengths : new Uint32Array(1024);
  let docStart = snapshot ? snapshot.docStart : new Uint32Array(1025);
  let docTerms = snapshot ? snapshot.docTerms : new Uint32Array(65536);
  let docTitleTf = snapshot ? snapshot.docTitleTf : new Uint16Array(65536);
  let docTextTf = snapshot ? snapshot.docTextTf : new Uint16Array(65536);
  let entries = snapshot ? snapshot.docTerms.length : 0;
  const acronymsOf = new Map<number, AcronymDefinition[]>();

  // Candidate lists cover the documents below `listedDocs`; later ones are found through `recent` (built on demand).
  let candStart = snapshot ? snapshot.candStart : new Uint32Array(1);
  let candDocs = snapshot ? snapshot.candDocs : new Uint32Array(0);
  let listedDocs = snapshot ? ids.length : 0;
  let listedTerms = snapshot ? terms.length : 0;
  let recent: Map<number, number[]> | null = null;

  // acronym term → long form (terms joined by spaces) → number of documents defining it so.
  const acronymForms = new Map<string, Map<string, number>>();
  const countAcronyms = (defs: readonly AcronymDefinition[], delta: number) => {
    for (const d of defs) {
      const forms = acronymForms.get(d.acronym) ?? new Map<string, number>();
      const key = d.longForm.join(' ');
      const count = (forms.get(key) ?? 0) + delta;
      if (count > 0) forms.set(key, count);
      else forms.delete(key);
      if (forms.size > 0) acronymForms.set(d.acronym, forms);
      else acronymForms.delete(d.acronym);
    }
  };
  let titleLengthSum = 0;
  let textLengthSum = 0;
  if (snapshot) {
    for (const [num, acronym, longForm] of snapshot.acronyms) {
      const list = acronymsOf.get(num) ?? [];
      list.push({ acronym, longForm: longForm.split(' ') });
      acronymsOf.set(num, list);
    }
    for (const defs of acronymsOf.values()) countAcronyms(defs, 1);
    for (let num = 0; num < ids.length; num++) {
      titleLengthSum += titleLengths[num]!;
      textLengthSum += textLengths[num]!;
    }
  }

  // Per-query scratch space, reused: a stamp marks the candidates of the current query; query terms get a slot.
  let seenStamp = new Uint32Array(0);
  let stamp = 0;
  let querySlot = new Int32Array(0);
  let coverageOf = new Float64Array(0);
  // Per-document scratch while adding: title and abstract frequency by term id, and the ids touched.
  let addTitleTf = new Uint32Array(0);
  let addTextTf = new Uint32Array(0);

  const termId = (term: string): number => {
    let tid = termIds.get(term);
    if (tid === undefined) {
      tid = terms.length;
      termIds.set(term, tid);
      terms.push(term);
      if (tid >= df.length) df = grow(df, tid + 1);
      df[tid] = 0;
    }
    return tid;
  };

  const remove = (id: string): boolean => {
    const num = numById.get(id);
    if (num === undefined) return false;
    for (let k = docStart[num]!; k < docStart[num + 1]!; k++) df[docTerms[k]!]! -= 1;
    countAcronyms(acronymsOf.get(num) ?? [], -1);
    acronymsOf.delete(num);
    titleLengthSum -= titleLengths[num]!;
    textLengthSum -= textLengths[num]!;
    ids[num] = undefined;
    numById.delete(id);
    return true;
  };

  const add = (doc: KeywordDoc): void => {
    if (typeof doc?.id !== 'string' || doc.id === '') throw new TypeError('keyword index: add() needs a document with a non-empty string id');
    if (typeof doc.title !== 'string' || typeof doc.text !== 'string') {
      throw new TypeError(`keyword index: document "${doc.id}" needs string title and text fields`);
    }
    remove(doc.id);
    const titleTokens = analyze(doc.title);
    const textTokens = analyze(doc.text);
    // Each definition counts once per document, however often the document repeats it.
    const seenDefs = new Set<string>();
    const acronyms = extractAcronyms(`${doc.title}. ${doc.text}`).filter((d) => {
      const key = `${d.acronym}\u0000${d.longForm.join(' ')}`;
      return seenDefs.has(key) ? false : (seenDefs.add(key), true);
    });

    // Term frequencies per field through the scratch arrays, then the document's entries in term id order.
    const touched: number[] = [];
    const count = (tokens: readonly { term: string; surface: string }[], title: boolean) => {
      for (const token of tokens) {
        typos.add(token.surface);
        const tid = termId(token.term);
        if (tid >= addTitleTf.length) {
          addTitleTf = grow(addTitleTf, tid + 1);
          addTextTf = grow(addTextTf, tid + 1);
        }
        if (addTitleTf[tid] === 0 && addTextTf[tid] === 0) touched.push(tid);
        if (title) addTitleTf[tid]! += 1;
        else addTextTf[tid]! += 1;
      }
    };
    count(titleTokens, true);
    count(textTokens, false);
    touched.sort((a, b) => a - b);

    const num = ids.length;
    if (num + 2 > docStart.length) docStart = grow(docStart, num + 2);
    if (num + 1 > titleLengths.length) {
      titleLengths = grow(titleLengths, num + 1);
      textLengths = grow(textLengths, num + 1);
    }
    if (entries + touched.length > docTerms.length) {
      docTerms = grow(docTerms, entries + touched.length);
      docTitleTf = grow(docTitleTf, entries + touched.length);
      docTextTf = grow(docTextTf, entries + touched.length);
    }
    for (const tid of touched) {
      docTerms[entries] = tid;
      docTitleTf[entries] = Math.min(addTitleTf[tid]!, 0xffff);
      docTextTf[entries] = Math.min(addTextTf[tid]!, 0xffff);
      entries++;
      df[tid]! += 1;
      addTitleTf[tid] = 0;
      addTextTf[tid] = 0;
    }
    docStart[num + 1] = entries;
    titleLengths[num] = titleTokens.length;
    textLengths[num] = textTokens.length;
    ids.push(doc.id);
    numById.set(doc.id, num);
    if (acronyms.length > 0) acronymsOf.set(num, acronyms);
    countAcronyms(acronyms, 1);
    titleLengthSum += titleTokens.length;
    textLengthSum += textTokens.length;
    recent = null;
  };

  const dfOf = (term: string): number => {
    const tid = termIds.get(term);
    return tid === undefined ? 0 : df[tid]!;
  };

  /** BM25F pseudo frequency of entry k of document num (Σ weight · tf / length norm). */
  const pseudoTfOf = (num: number, k: number, avgTitle: number, avgText: number): number =>
    (opts.titleWeight * docTitleTf[k]!) / lengthNorm(titleLengths[num]!, avgTitle, opts.titleB) +
    docTextTf[k]! / lengthNorm(textLengths[num]!, avgText, opts.textB);

  /**
   * Rebuilds the candidate lists of every term from the live documents (a counting sort by term); a term in more
   * than `candidatesPerTerm` documents keeps only those where it weighs most, ties to the earlier document.
   */
  const buildCandidates = (): void => {
    const termCount = terms.length;
    const counts = new Uint32Array(termCount + 1);
    for (let num = 0; num < ids.length; num++) {
      if (ids[num] === undefined) continue;
      for (let k = docStart[num]!; k < docStart[num + 1]!; k++) counts[docTerms[k]! + 1]! += 1;
    }
    for (let t = 0; t < termCount; t++) counts[t + 1]! += counts[t]!;
    const listed = new Uint32Array(counts[termCount]!);
    const weights = new Float64Array(listed.length);
    const fill = counts.slice(0, termCount);
    const live = numById.size;
    const avgTitle = live > 0 ? titleLengthSum / live : 0;
    const avgText = live > 0 ? textLengthSum / live : 0;
    for (let num = 0; num < ids.length; num++) {
      if (ids[num] === undefined) continue;
      for (let k = docStart[num]!; k < docStart[num + 1]!; k++) {
        const at = fill[docTerms[k]!]!++;
        listed[at] = num;
        weights[at] = pseudoTfOf(num, k, avgTitle, avgText);
      }
    }
    const limit = opts.candidatesPerTerm;
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

  /** Makes candidate lists cover every document: rebuilt when many were added, else the newcomers go to `recent`. */
  const ensureCandidates = (): void => {
    const unlisted = ids.length - listedDocs;
    if (unlisted === 0) return;
    if (listedDocs === 0 || unlisted > Math.max(2000, ids.length / 10)) {
      buildCandidates();
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
  };

  const matchQuery = (query: string): QueryTermMatch[] => {
    const tokens = analyzeQuery(query);
    // A last word still being typed has no trailing space or punctuation.
    const typing = /[\p{L}\p{N}]$/u.test(query);
    return tokens.map((token, index) => {
      const longForm = opts.acronymWeight > 0 ? mostCommonForm(acronymForms.get(token.term)) : undefined;
      const acronym: TermAlternative[] = longForm ? [{ term: longForm, weight: opts.acronymWeight, kind: 'acronym' }] : [];
      if (dfOf(token.term) > 0) return { surface: token.surface, alternatives: [{ term: token.term, weight: 1, kind: 'exact' as const }, ...acronym] };
      const best = new Map<string, { term: string; weight: number; kind: 'fuzzy' | 'prefix' }>();
      const offer = (term: string, weight: number, kind: 'fuzzy' | 'prefix') => {
        if (dfOf(term) === 0) return;
        const seen = best.get(term);
        if (!seen || seen.weight < weight) best.set(term, { term, weight, kind });
      };
      const fuzzy = typos
        .fuzzy(token.surface, correctionBudget(token.surface))
        .filter((m) => isPlausibleCorrection(token.surface, m.word, m.distance))
        .map((m) => ({ term: stemWord(m.word), distance: m.distance }))
        .filter((m) => dfOf(m.term) > 0)
        .sort((a, b) => a.distance - b.distance || dfOf(b.term) - dfOf(a.term) || (a.term < b.term ? -1 : 1));
      const fuzzyTerms = new Set<string>();
      for (const m of fuzzy) {
        if (fuzzyTerms.size >= opts.maxFuzzyAlternatives && !fuzzyTerms.has(m.term)) continue;
        fuzzyTerms.add(m.term);
        offer(m.term, m.distance === 1 ? opts.fuzzyWeight1 : opts.fuzzyWeight2, 'fuzzy');
      }
      if (typing && index === tokens.length - 1 && mayComplete(token.surface)) {
        const completions = [...new Set(typos.withPrefix(token.surface, 64).map(stemWord))]
          .filter((t) => dfOf(t) > 0)
          .sort((a, b) => dfOf(b) - dfOf(a) || (a < b ? -1 : 1))
          .slice(0, opts.maxPrefixAlternatives);
        for (const term of completions) offer(term, opts.prefixWeight, 'prefix');
      }
      const alternatives: TermAlternative[] = [...best.values()].sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
      return { surface: token.surface, alternatives: [...alternatives, ...acronym] };
    });
  };

  const searchDetailed = (query: string, limit = 10): KeywordSearchResult => {
    if (typeof query !== 'string') throw new TypeError('keyword index: search() needs a string query');
    const matched = matchQuery(query);
    const n = numById.size;
    if (n === 0 || limit <= 0) return { hits: [], ceiling: 0, terms: matched, coverage: [] };
    const avgTitle = titleLengthSum / n;
    const avgText = textLengthSum / n;
    ensureCandidates();

    // Every distinct term of the query gets a slot; each alternative refers to its terms' slots, with per-term
    // factor weight · idf / (number of terms), so a long form scores as the mean of its terms.
    const params = { k1: opts.k1 };
    if (querySlot.length < terms.length) querySlot = grow(querySlot, terms.length, -1);
    const slotTids: number[] = [];
    const slotOf = (tid: number): number => {
      if (querySlot[tid]! < 0) {
        querySlot[tid] = slotTids.length;
        slotTids.push(tid);
      }
      return querySlot[tid]!;
    };
    const groups = matched.map((t) =>
      t.alternatives.map((a) => {
        const parts = (a.kind === 'acronym' ? a.term.split(' ') : [a.term]).map((term) => {
          const tid = termIds.get(term)!;
          return { term, tid, idf: idf(df[tid]!, n) };
        });
        const factors = parts.map((r) => (a.weight * r.idf) / parts.length);
        return { weight: a.weight, parts, slots: parts.map((r) => slotOf(r.tid)), factors, max: factors.reduce((s, f) => s + maxTermScore(f, params), 0) };
      }),
    );
    let ceiling = 0;
    for (const g of groups) {
      // A word with no match still counts in the ceiling (as the rarest possible term): the query is not covered.
      ceiling += g.length === 0 ? maxTermScore(idf(0, n), params) : Math.max(...g.map((a) => a.max));
    }

    try {
      // Candidates: the lists of the query's terms, rarest first, until the pool is large enough.
      if (seenStamp.length < ids.length) seenStamp = grow(seenStamp, ids.length);
      if (coverageOf.length < ids.length) coverageOf = new Float64Array(seenStamp.length);
      stamp = stamp === 0xffffffff ? (seenStamp.fill(0), 1) : stamp + 1;
      const candidates: number[] = [];
      const offer = (num: number) => {
        if (seenStamp[num] === stamp || ids[num] === undefined) return;
        seenStamp[num] = stamp;
        candidates.push(num);
      };
      const byRarity = groups
        .flatMap((g) => g.flatMap((a) => a.parts))
        .sort((x, y) => df[x.tid]! - df[y.tid]! || (x.term < y.term ? -1 : 1));
      for (const part of byRarity) {
        if (candidates.length >= opts.maxCandidates) break;
        if (part.tid < listedTerms) for (let i = candStart[part.tid]!; i < candStart[part.tid + 1]!; i++) offer(candDocs[i]!);
        for (const num of recent?.get(part.tid) ?? []) offer(num);
      }

      // Hot loop: the BM25F of bm25.ts written out per field (pseudoTf = Σ weight · tf / lengthNorm). A candidate's
      // frequencies of the query terms come from one scan of its entries (or binary searches when it has many).
      const slots = slotTids.length;
      const tfTitle = new Float64Array(slots);
      const tfText = new Float64Array(slots);
      const top = createTopK(limit);
      for (const num of candidates) {
        const from = docStart[num]!;
        const to = docStart[num + 1]!;
        if (slots * 8 < to - from) {
          for (let q = 0; q < slots; q++) {
            const k = findEntry(docTerms, from, to, slotTids[q]!);
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
        const titleNorm = lengthNorm(titleLengths[num]!, avgTitle, opts.titleB);
        const textNorm = lengthNorm(textLengths[num]!, avgText, opts.textB);
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
              s += a.factors[i]! * saturate((opts.titleWeight * tfTitle[q]!) / titleNorm + tfText[q]! / textNorm, 1, params);
            }
            if (s > best) best = s;
            if (all && a.weight > bestWeight) bestWeight = a.weight;
          }
          score += best;
          covered += bestWeight;
        }
        tfTitle.fill(0);
        tfText.fill(0);
        coverageOf[num] = groups.length > 0 ? covered / groups.length : 0;
        if (score > 0) top.push({ id: ids[num]!, score });
      }
      const hits = top.sorted();
      return { hits, ceiling, terms: matched, coverage: hits.map((h) => coverageOf[numById.get(h.id)!]!) };
    } finally {
      for (const tid of slotTids) querySlot[tid] = -1;
    }
  };

  /** Drops dead document numbers (renumbering the live ones) so an export holds live documents only. */
  const compact = (): void => {
    if (numById.size === ids.length) return;
    const liveEntries = ids.reduce((sum, id, num) => (id === undefined ? sum : sum + docStart[num + 1]! - docStart[num]!), 0);
    const start = new Uint32Array(numById.size + 1);
    const termsOut = new Uint32Array(liveEntries);
    const titleOut = new Uint16Array(liveEntries);
    const textOut = new Uint16Array(liveEntries);
    const titleLen = new Uint32Array(numById.size);
    const textLen = new Uint32Array(numById.size);
    const idsOut: string[] = [];
    const acronymsOut = new Map<number, AcronymDefinition[]>();
    let at = 0;
    ids.forEach((id, num) => {
      if (id === undefined) return;
      const next = idsOut.length;
      const from = docStart[num]!;
      const to = docStart[num + 1]!;
      termsOut.set(docTerms.subarray(from, to), at);
      titleOut.set(docTitleTf.subarray(from, to), at);
      textOut.set(docTextTf.subarray(from, to), at);
      at += to - from;
      start[next + 1] = at;
      titleLen[next] = titleLengths[num]!;
      textLen[next] = textLengths[num]!;
      const defs = acronymsOf.get(num);
      if (defs) acronymsOut.set(next, defs);
      idsOut.push(id);
    });
    ids.length = 0;
    ids.push(...idsOut);
    numById.clear();
    ids.forEach((id, num) => numById.set(id!, num));
    acronymsOf.clear();
    for (const [num, defs] of acronymsOut) acronymsOf.set(num, defs);
    docStart = start;
    docTerms = termsOut;
    docTitleTf = titleOut;
    docTextTf = textOut;
    entries = liveEntries;
    titleLengths = titleLen;
    textLengths = textLen;
    listedDocs = 0;
    seenStamp = new Uint32Array(0);
  };

  return {
    add,
    addMany(list) {
      for (const doc of list) add(doc);
    },
    remove,
    has: (id) => numById.has(id),
    get size() {
      return numById.size;
    },
    search: (query, limit = 10) => searchDetailed(query, limit).hits,
    searchDetailed,
    documentFrequency: (term) => dfOf(term),
    exportSnapshot() {
      compact();
      if (listedDocs < ids.length || listedTerms < terms.length) buildCandidates();
      const docs = ids.length;
      const acronyms: [number, string, string][] = [];
      for (const [num, defs] of [...acronymsOf].sort((a, b) => a[0] - b[0])) for (const d of defs) acronyms.push([num, d.acronym, d.longForm.join(' ')]);
      return {
        candidatesPerTerm: opts.candidatesPerTerm,
        ids: ids.map((id) => id!),
        titleLengths: titleLengths.slice(0, docs),
        textLengths: textLengths.slice(0, docs),
        terms: terms.slice(),
        df: df.slice(0, terms.length),
        docStart: docStart.slice(0, docs + 1),
        docTerms: docTerms.slice(0, entries),
        docTitleTf: docTitleTf.slice(0, entries),
        docTextTf: docTextTf.slice(0, entries),
        candStart: candStart.slice(0, terms.length + 1),
        candDocs: candDocs.slice(0, candStart[terms.length]!),
        acronyms,
        typos: typos.exportSnapshot(),
      };
    },
  };
}

/** A copy of `array` with room for at least `needed` items (25% headroom), new items set to `fill`. */
function grow<T extends Uint32Array | Uint16Array | Int32Array>(array: T, needed: number, fill = 0): T {
  const next = new (array.constructor as new (n: number) => T)(Math.max(needed, Math.ceil(array.length * 1.25), 16));
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

/** Index of `tid` among `terms[from..to)` (ascending), or -1. */
function findEntry(terms: Uint32Array, from: number, to: number, tid: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = terms[mid]!;
    if (v === tid) return mid;
    if (v < tid) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
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

/** Refuses a snapshot whose arrays do not fit together, naming the field. */
function checkSnapshot(s: KeywordIndexSnapshot): void {
  const docs = s.ids.length;
  const fail = (field: string, why: string): never => {
    throw new Error(`keyword index snapshot: field "${field}" ${why}`);
  };
  if (new Set(s.ids).size !== docs) fail('ids', 'repeats an id');
  if (s.titleLengths.length !== docs || s.textLengths.length !== docs) fail('titleLengths', `must have one entry per document (${docs})`);
  if (s.docStart.length !== docs + 1 || s.docStart[docs] !== s.docTerms.length) fail('docStart', 'does not delimit docTerms');
  if (s.docTitleTf.length !== s.docTerms.length || s.docTextTf.length !== s.docTerms.length) fail('docTitleTf', 'must parallel docTerms');
  if (s.df.length !== s.terms.length) fail('df', `must have one entry per term (${s.terms.length})`);
  if (s.candStart.length !== s.terms.length + 1 || s.candStart[s.terms.length] !== s.candDocs.length) fail('candStart', 'does not delimit candDocs');
  for (let i = 0; i < s.docTerms.length; i++) if (s.docTerms[i]! >= s.terms.length) fail('docTerms', `refers to term ${s.docTerms[i]} of ${s.terms.length}`);
  for (let i = 0; i < s.candDocs.length; i++) if (s.candDocs[i]! >= docs) fail('candDocs', `refers to document ${s.candDocs[i]} of ${docs}`);
}

function validateOptions(opts: Required<KeywordIndexOptions>): void {
  const check = (name: keyof KeywordIndexOptions, ok: (v: number) => boolean, why: string) => {
    const v = opts[name];
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) {
      throw new RangeError(`keyword index option "${name}": ${why}, got ${String(v)}`);
    }
  };
  check('k1', (v) => v >= 0, 'must be a number ≥ 0');
  check('titleWeight', (v) => v > 0, 'must be a number > 0');
  for (const name of ['titleB', 'textB'] as const) check(name, (v) => v >= 0 && v <= 1, 'must be a number from 0 to 1');
  for (const name of ['fuzzyWeight1', 'fuzzyWeight2', 'prefixWeight', 'acronymWeight'] as const) {
    check(name, (v) => v >= 0 && v <= 1, 'must be a number from 0 to 1');
  }
  for (const name of ['maxFuzzyAlternatives', 'maxPrefixAlternatives'] as const) {
    check(name, (v) => Number.isInteger(v) && v >= 0, 'must be a whole number ≥ 0');
  }
  check('candidatesPerTerm', (v) => Number.isInteger(v) && v >= 1, 'must be a whole number ≥ 1');
  check('maxCandidates', (v) => Number.isInteger(v) && v >= 1, 'must be a whole number ≥ 1');
}

/** The long form defined by the most documents; ties alphabetical. */
function mostCommonForm(forms: ReadonlyMap<string, number> | undefined): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [form, count] of forms ?? []) {
    if (count > bestCount || (count === bestCount && best !== undefined && form < best)) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}

// Binary form of a snapshot: magic, header length (u32 LE), JSON header, then 8-byte aligned sections.
const SNAPSHOT_MAGIC = 'PSKWIDX1';
const SNAPSHOT_VERSION = 1;
type SectionType = 'u32' | 'u16' | 'lines' | 'json';
interface SectionEntry {
  name: string;
  type: SectionType;
  offset: number;
  bytes: number;
}

/**
 * Encodes a snapshot as one buffer: typed arrays are copied as they are (little-endian hosts) and string lists as
 * UTF-8 lines, so decoding needs no parsing beyond a JSON header. `meta` travels with it (e.g. a corpus fingerprint).
 */
export function encodeKeywordSnapshot(snapshot: KeywordIndexSnapshot, meta: Record<string, string | number> = {}): Buffer {
  const { typos, acronyms, candidatesPerTerm, ...rest } = snapshot;
  const parts: { name: string; type: SectionType; data: Uint8Array }[] = [];
  const addArray = (name: string, array: Uint32Array | Uint16Array) =>
    parts.push({ name, type: array instanceof Uint32Array ? 'u32' : 'u16', data: new Uint8Array(array.buffer, array.byteOffset, array.byteLength) });
  const addStrings = (name: string, list: readonly string[]) => {
    // One string per line unless a string itself holds a line break (then JSON).
    const plain = list.every((s) => !s.includes('\n'));
    parts.push({ name, type: plain ? 'lines' : 'json', data: Buffer.from(plain ? list.join('\n') : JSON.stringify(list), 'utf8') });
  };
  addStrings('ids', rest.ids);
  addStrings('terms', rest.terms);
  for (const name of ['titleLengths', 'textLengths', 'df', 'docStart', 'docTerms', 'docTitleTf', 'docTextTf', 'candStart', 'candDocs'] as const) {
    addArray(name, rest[name]);
  }
  addStrings('typos.words', typos.words);
  addArray('typos.sorted', typos.sorted);
  addArray('typos.keys', typos.keys);
  addArray('typos.owners', typos.owners);

  const sections: SectionEntry[] = [];
  let offset = 0;
  for (const part of parts) {
    sections.push({ name: part.name, type: part.type, offset, bytes: part.data.byteLength });
    offset = align8(offset + part.data.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ version: SNAPSHOT_VERSION, meta, candidatesPerTerm, counts: { ids: rest.ids.length, terms: rest.terms.length, words: typos.words.length }, acronyms, sections, bodyBytes: offset }), 'utf8');
  const bodyStart = align8(SNAPSHOT_MAGIC.length + 4 + header.length);
  const out = Buffer.alloc(bodyStart + offset);
  out.write(SNAPSHOT_MAGIC, 0, 'latin1');
  out.writeUInt32LE(header.length, SNAPSHOT_MAGIC.length);
  header.copy(out, SNAPSHOT_MAGIC.length + 4);
  parts.forEach((part, i) => out.set(part.data, bodyStart + sections[i]!.offset));
  return out;
}

/**
 * Decodes {@link encodeKeywordSnapshot}'s output. Typed arrays are views into `bytes` (no copy). Throws an error
 * saying what is wrong for a foreign, truncated or inconsistent buffer.
 */
export function decodeKeywordSnapshot(bytes: Uint8Array): { snapshot: KeywordIndexSnapshot; meta: Record<string, string | number> } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < SNAPSHOT_MAGIC.length + 4 || buffer.toString('latin1', 0, SNAPSHOT_MAGIC.length) !== SNAPSHOT_MAGIC) {
    throw new Error(`keyword index snapshot: not a snapshot (expected the magic "${SNAPSHOT_MAGIC}")`);
  }
  const headerLength = buffer.readUInt32LE(SNAPSHOT_MAGIC.length);
  const headerEnd = SNAPSHOT_MAGIC.length + 4 + headerLength;
  if (headerEnd > buffer.length) throw new Error('keyword index snapshot: truncated header');
  const header = JSON.parse(buffer.toString('utf8', SNAPSHOT_MAGIC.length + 4, headerEnd)) as {
    version: number;
    meta: Record<string, string | number>;
    candidatesPerTerm: number;
    counts: { ids: number; terms: number; words: number };
    acronyms: [number, string, string][];
    sections: SectionEntry[];
    bodyBytes: number;
  };
  if (header.version !== SNAPSHOT_VERSION) throw new Error(`keyword index snapshot: version ${header.version}, this build reads ${SNAPSHOT_VERSION}`);
  const bodyStart = align8(headerEnd);
  if (bodyStart + header.bodyBytes !== buffer.length) {
    throw new Error(`keyword index snapshot: ${buffer.length} bytes, the header announces ${bodyStart + header.bodyBytes} (truncated or appended to)`);
  }
  // Typed views need aligned offsets: copy the (rare) buffer that does not start on an 8-byte boundary.
  const aligned = (buffer.byteOffset + bodyStart) % 8 === 0;
  const copy = aligned ? null : new Uint8Array(buffer);
  const body = copy ? Buffer.from(copy.buffer, 0, copy.length) : buffer;
  const section = (name: string): SectionEntry => {
    const entry = header.sections.find((s) => s.name === name);
    if (!entry) throw new Error(`keyword index snapshot: section "${name}" is missing`);
    return entry;
  };
  const array = (name: string): Uint32Array => {
    const s = section(name);
    return new Uint32Array(body.buffer, body.byteOffset + bodyStart + s.offset, s.bytes / 4);
  };
  const array16 = (name: string): Uint16Array => {
    const s = section(name);
    return new Uint16Array(body.buffer, body.byteOffset + bodyStart + s.offset, s.bytes / 2);
  };
  const strings = (name: string, count: number): string[] => {
    const s = section(name);
    const text = body.toString('utf8', bodyStart + s.offset, bodyStart + s.offset + s.bytes);
    const list = s.type === 'json' ? (JSON.parse(text) as string[]) : count === 0 ? [] : text.split('\n');
    if (list.length !== count) throw new Error(`keyword index snapshot: section "${name}" has ${list.length} strings, expected ${count}`);
    return list;
  };
  const snapshot: KeywordIndexSnapshot = {
    candidatesPerTerm: header.candidatesPerTerm,
    ids: strings('ids', header.counts.ids),
    titleLengths: array('titleLengths'),
    textLengths: array('textLengths'),
    terms: strings('terms', header.counts.terms),
    df: array('df'),
    docStart: array('docStart'),
    docTerms: array('docTerms'),
    docTitleTf: array16('docTitleTf'),
    docTextTf: array16('docTextTf'),
    candStart: array('candStart'),
    candDocs: array('candDocs'),
    acronyms: header.acronyms,
    typos: { words: strings('typos.words', header.counts.words), sorted: array('typos.sorted'), keys: array('typos.keys'), owners: array('typos.owners') },
  };
  return { snapshot, meta: header.meta };
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
