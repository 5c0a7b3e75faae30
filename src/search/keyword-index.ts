/**
 * Keyword search over paper titles and abstracts.
 *
 * flexsearch holds the inverted index (one index per field) and yields, for each query term, the documents that
 * contain it; those candidates are then ranked with BM25F (title weighted above abstract), since flexsearch returns
 * no scores. Both sides see exactly the same terms: documents and queries go through `tokenize.ts` once, and
 * flexsearch only splits the resulting space-separated terms.
 *
 * Query terms missing from the vocabulary are replaced by known words within a small edit distance (typos), and the
 * last query term, when unknown, also by known words it starts (typing in progress); both count less than an
 * exact match.
 */
import { Index } from 'flexsearch';
import type { Hit } from '../types.js';
import { idf, lengthNorm, maxTermScore, saturate } from './bm25.js';
import { analyze, analyzeQuery, stemWord } from './tokenize.js';
import { createTopK } from './top-k.js';
import { extractAcronyms, type AcronymDefinition } from './acronyms.js';
import { createTypoIndex, maxEditsFor } from './typo.js';

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
   * Most documents taken per term and field as candidates (default 500). Bounds query time on large corpora: a
   * very common term then contributes only the documents where flexsearch ranks it best (earliest in the field).
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
  /** Best `limit` documents for the query with raw BM25F scores (see {@link normalizeScores}). */
  search(query: string, limit?: number): Hit[];
  /** Like `search`, with the score ceiling and how each query word was matched. */
  searchDetailed(query: string, limit?: number): KeywordSearchResult;
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

// Per-document, per-field term statistics: sorted term ids with parallel frequencies (compact at 100k documents).
interface FieldStats {
  terms: Uint32Array;
  tfs: Uint16Array;
  length: number;
}

interface DocEntry {
  id: string;
  title: FieldStats;
  text: FieldStats;
  /** Acronym definitions found in the document, to undo their counts on removal. */
  acronyms: AcronymDefinition[];
}

/**
 * Scales scores into [0, 1] for fusion. With a `ceiling` (from {@link KeywordIndex.searchDetailed}) the result is
 * an absolute match strength comparable across queries; without, scores are divided by the best one (the top hit
 * scores 1). Order and ids are kept; empty or all-zero input maps to zeros.
 */
export function normalizeScores(hits: readonly Hit[], ceiling?: number): Hit[] {
  const divisor = ceiling !== undefined ? ceiling : hits.reduce((m, h) => Math.max(m, h.score), 0);
  return hits.map((h) => ({ id: h.id, score: divisor > 0 ? Math.min(1, h.score / divisor) : 0 }));
}

/** Creates an empty keyword index. Options are validated here and errors name the option. */
export function createKeywordIndex(options: KeywordIndexOptions = {}): KeywordIndex {
  const opts = { ...DEFAULTS, ...options };
  validateOptions(opts);

  const splitTerms = (content: string): string[] => (content === '' ? [] : content.split(' '));
  const makeFieldIndex = () => new Index({ encoder: splitTerms, tokenize: 'strict', fastupdate: true });
  const titleIndex = makeFieldIndex();
  const textIndex = makeFieldIndex();
  const typos = createTypoIndex();

  const termIds = new Map<string, number>();
  const df: number[] = [];
  const docs: (DocEntry | undefined)[] = [];
  const numById = new Map<string, number>();
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
  let seenStamp = new Uint32Array(0);
  let stamp = 0;
  let titleLengthSum = 0;
  let textLengthSum = 0;

  const termId = (term: string): number => {
    let tid = termIds.get(term);
    if (tid === undefined) {
      tid = df.length;
      termIds.set(term, tid);
      df.push(0);
    }
    return tid;
  };

  const fieldStats = (terms: readonly string[]): FieldStats => {
    const counts = new Map<number, number>();
    for (const t of terms) {
      const tid = termId(t);
      counts.set(tid, (counts.get(tid) ?? 0) + 1);
    }
    const ids = [...counts.keys()].sort((a, b) => a - b);
    return {
      terms: Uint32Array.from(ids),
      tfs: Uint16Array.from(ids, (tid) => Math.min(counts.get(tid)!, 0xffff)),
      length: terms.length,
    };
  };

  const remove = (id: string): boolean => {
    const num = numById.get(id);
    if (num === undefined) return false;
    const entry = docs[num]!;
    for (const tid of new Set([...entry.title.terms, ...entry.text.terms])) df[tid]! -= 1;
    countAcronyms(entry.acronyms, -1);
    titleLengthSum -= entry.title.length;
    textLengthSum -= entry.text.length;
    titleIndex.remove(num);
    textIndex.remove(num);
    docs[num] = undefined;
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
    for (const t of titleTokens) typos.add(t.surface);
    for (const t of textTokens) typos.add(t.surface);
    const titleTerms = titleTokens.map((t) => t.term);
    const textTerms = textTokens.map((t) => t.term);
    // Each definition counts once per document, however often the document repeats it.
    const seenDefs = new Set<string>();
    const acronyms = extractAcronyms(`${doc.title}. ${doc.text}`).filter((d) => {
      const key = `${d.acronym}\u0000${d.longForm.join(' ')}`;
      return seenDefs.has(key) ? false : (seenDefs.add(key), true);
    });
    const entry: DocEntry = { id: doc.id, title: fieldStats(titleTerms), text: fieldStats(textTerms), acronyms };
    countAcronyms(acronyms, 1);
    for (const tid of new Set([...entry.title.terms, ...entry.text.terms])) df[tid]! += 1;
    const num = docs.length;
    docs.push(entry);
    numById.set(doc.id, num);
    titleLengthSum += entry.title.length;
    textLengthSum += entry.text.length;
    titleIndex.add(num, titleTerms.join(' '));
    textIndex.add(num, textTerms.join(' '));
  };

  const dfOf = (term: string): number => {
    const tid = termIds.get(term);
    return tid === undefined ? 0 : df[tid]!;
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
        .fuzzy(token.surface, maxEditsFor(token.surface))
        .map((m) => ({ term: stemWord(m.word), distance: m.distance }))
        .filter((m) => dfOf(m.term) > 0)
        .sort((a, b) => a.distance - b.distance || dfOf(b.term) - dfOf(a.term) || (a.term < b.term ? -1 : 1));
      const fuzzyTerms = new Set<string>();
      for (const m of fuzzy) {
        if (fuzzyTerms.size >= opts.maxFuzzyAlternatives && !fuzzyTerms.has(m.term)) continue;
        fuzzyTerms.add(m.term);
        offer(m.term, m.distance === 1 ? opts.fuzzyWeight1 : opts.fuzzyWeight2, 'fuzzy');
      }
      if (typing && index === tokens.length - 1 && token.surface.length >= 3) {
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

  const tfIn = (field: FieldStats, tid: number): number => {
    let lo = 0;
    let hi = field.terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = field.terms[mid]!;
      if (v === tid) return field.tfs[mid]!;
      if (v < tid) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  };

  const searchDetailed = (query: string, limit = 10): KeywordSearchResult => {
    if (typeof query !== 'string') throw new TypeError('keyword index: search() needs a string query');
    const terms = matchQuery(query);
    const n = numById.size;
    if (n === 0 || limit <= 0) return { hits: [], ceiling: 0, terms };
    const avgTitle = titleLengthSum / n;
    const avgText = textLengthSum / n;

    // Resolve each alternative once into its terms (one, or several for an acronym's long form), with per-term
    // factor weight · idf / (number of terms), so a long form scores as the mean of its terms.
    const params = { k1: opts.k1 };
    const groups = terms.map((t) =>
      t.alternatives.map((a) => {
        const parts = a.kind === 'acronym' ? a.term.split(' ') : [a.term];
        const resolved = parts.map((term) => {
          const tid = termIds.get(term)!;
          return { term, tid, idf: idf(df[tid]!, n) };
        });
        const factors = resolved.map((r) => (a.weight * r.idf) / parts.length);
        return { parts: resolved, tids: resolved.map((r) => r.tid), factors, max: factors.reduce((s, f) => s + maxTermScore(f, params), 0) };
      }),
    );
    let ceiling = 0;
    for (const g of groups) {
      // A word with no match still counts in the ceiling (as the rarest possible term): the query is not covered.
      ceiling += g.length === 0 ? maxTermScore(idf(0, n), params) : Math.max(...g.map((a) => a.max));
    }

    // De-duplicate candidates with a per-query stamp in a typed array (cheaper than a Set at thousands of ids).
    if (seenStamp.length < docs.length) {
      const grown = new Uint32Array(Math.max(docs.length, seenStamp.length * 2));
      grown.set(seenStamp);
      seenStamp = grown;
    }
    stamp = stamp === 0xffffffff ? (seenStamp.fill(0), 1) : stamp + 1;
    const candidates: number[] = [];
    const byRarity = groups
      .flatMap((g) => g.flatMap((a) => a.parts))
      .sort((x, y) => df[x.tid]! - df[y.tid]! || (x.term < y.term ? -1 : 1));
    for (const a of byRarity) {
      if (candidates.length >= opts.maxCandidates) break;
      for (const fieldIndex of [titleIndex, textIndex]) {
        // flexsearch returns undefined (not []) for a term whose last document was removed.
        const found = fieldIndex.search(a.term, { limit: opts.candidatesPerTerm }) as number[] | undefined;
        for (const num of found ?? []) {
          if (seenStamp[num] === stamp) continue;
          seenStamp[num] = stamp;
          candidates.push(num);
        }
      }
    }

    // Hot loop: the BM25F of bm25.ts written out per field (pseudoTf = Σ weight · tf / lengthNorm) to avoid allocations.
    const top = createTopK(limit);
    for (const num of candidates) {
      const entry = docs[num];
      if (!entry) continue;
      const titleNorm = lengthNorm(entry.title.length, avgTitle, opts.titleB);
      const textNorm = lengthNorm(entry.text.length, avgText, opts.textB);
      let score = 0;
      for (const g of groups) {
        let best = 0;
        for (const a of g) {
          let s = 0;
          for (let i = 0; i < a.tids.length; i++) {
            const tfTitle = tfIn(entry.title, a.tids[i]!);
            const tfText = tfIn(entry.text, a.tids[i]!);
            if (tfTitle === 0 && tfText === 0) continue;
            s += a.factors[i]! * saturate((opts.titleWeight * tfTitle) / titleNorm + tfText / textNorm, 1, params);
          }
          if (s > best) best = s;
        }
        score += best;
      }
      if (score > 0) top.push({ id: entry.id, score });
    }
    return { hits: top.sorted(), ceiling, terms };
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
  };
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
