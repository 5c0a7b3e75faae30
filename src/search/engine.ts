import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PaperStore } from '../corpus/store.js';
import type { Embedder, ProgressEvent, SearchMode, SearchOptions, SearchResponse, SearchResult, SemanticAccess } from './types.js';
import type { Logger } from '../shared/types.js';
import type { Paper } from '../corpus/types.js';
import { paperText, embedTexts } from './embed-corpus.js';
import type { EmbeddingCache } from './embedding-cache.js';
import { analyseSentences, dot, pickByTerms, pickByVector, type AnalysedSentence } from './evidence.js';
import { classifySentences, mainContribution } from './roles.js';
import { DEFAULT_MIN_COVERED_SHARE, DEFAULT_REQUIRED_WORDS, NOT_COVERED_NOTE, informativeness, judgeCoverage, requiredWeightCap, wordWeights } from './coverage.js';
import { compareHits, fuseWeighted, type FusionWeights, type SignalScores } from './fuse.js';
import { boostByProximity, positionsOf, proximityScore, type TermPositions } from './proximity.js';
import { createKeywordIndex, decodeKeywordSnapshot, encodeKeywordSnapshot, type KeywordIndex, type QueryTermMatch, type RelatedTerms } from './keyword-index.js';
import { tokenize, tokenizeQuery } from './tokenize.js';
import { createVectorIndex, type VectorIndex } from './vector-index.js';
import { readPaperKeys, writePaperKeys } from './paper-keys.js';

/** Tuning of the engine; the defaults come from the config. */
export interface SearchEngineOptions {
  weights: FusionWeights;
  /**
   * Semantic similarity (cosine, [0, 1]) from which a paper covers the query on meaning alone, in semantic and hybrid
   * modes; words decide in every mode (see `coverage.ts`).
   */
  minRelevance: number;
  /** Share of the query's informative words a paper must match to cover it (default {@link DEFAULT_MIN_COVERED_SHARE}). */
  minCoveredShare?: number;
  /** Cap on the weight a paper must match, in words unknown to the corpus (default {@link DEFAULT_REQUIRED_WORDS}). */
  requiredWords?: number;
  /**
   * Words related in meaning to a query word the corpus does not know (the app passes WordNet's, `related-words.ts`);
   * they match, and count towards coverage, at a lower weight. None when absent.
   */
  relatedTerms?: RelatedTerms;
  /** Weight of phrase and proximity evidence in keyword scores (default {@link DEFAULT_PROXIMITY_WEIGHT}; 0 turns it off). */
  proximityWeight?: number;
  defaultLimit: number;
  defaultMode: SearchMode;
  logger: Logger;
  /**
   * Where the keyword index is kept between runs. When it holds the index of the store's papers (or of its first
   * papers), the index is loaded instead of analysing every abstract again; otherwise it is rebuilt and saved.
   */
  keywordIndexFile?: string;
  /**
   * The store's first `papers` papers are the corpus identified by `stamp` (see `LoadedCorpus.stamp`): a saved index
   * recorded for the same stamp and ids is trusted without hashing the papers' text.
   */
  corpus?: CorpusIdentity;
  /**
   * Where the embedding cache keys of the corpus papers' texts are kept (with `corpus`): a warm start finds their
   * vectors by these keys instead of hashing every paper's text.
   */
  paperKeysFile?: string;
}

/** A corpus as loaded: how many papers it gave (the store's first ones) and the stamp of its files. */
export interface CorpusIdentity {
  stamp: string;
  papers: number;
}

/** The semantic side once a model is loaded. */
export interface SemanticBackend {
  embedder: Embedder;
  cache: EmbeddingCache;
  onProgress?: (event: ProgressEvent) => void;
}

export interface SearchEngine {
  search(query: string, options?: SearchOptions): Promise<SearchResponse>;
  /** Indexes papers already added to the store (keyword at once; vectors when the semantic side is attached). */
  indexPapers(papers: readonly Paper[]): Promise<void>;
  /** Embeds every paper not yet embedded (cache first, progress reported) and turns semantic search on. */
  attachSemantic(backend: SemanticBackend): Promise<void>;
  /** Semantic access for answers; null until `attachSemantic` has finished. */
  semantic(): SemanticAccess | null;
  /**
   * Whether a paper (in the store or not) covers a query by its words: the same judgement search makes in keyword
   * mode (see `coverage.ts`), for callers that judge given papers against a topic, such as the digest's topic tags.
   */
  covers(query: string, paper: Pick<Paper, 'title' | 'abstract'>): boolean;
  /** Settles once the keyword index file is written (at once when there is nothing to write); never rejects. */
  readonly persisted: Promise<void>;
}

// How many candidates each signal contributes to fusion; enough for paging and for the other signal to reorder.
const CANDIDATES = 100;
// Long pasted text adds nothing but cost: only the first terms of a query are matched.
const MAX_QUERY_TERMS = 32;
const MAX_EVIDENCE_VECTORS = 12;
// Sentence analyses kept for evidence (least recently used dropped): bounded, or a large corpus fills memory.
const MAX_ANALYSES = 4096;
// The query counts as covered when one of this many best hits covers it.
const COVERAGE_DEPTH = 10;
// Phrase and proximity evidence refines the order of this many best keyword hits (the ones analysed anyway for coverage).
const PROXIMITY_DEPTH = 10;
/** Default weight of phrase and proximity evidence, chosen on the development queries. */
export const DEFAULT_PROXIMITY_WEIGHT = 1.5;

interface PaperAnalysis {
  sentences: AnalysedSentence[];
  terms: ReadonlySet<string>;
  /** The title's terms in order. */
  title: readonly string[];
  /** Term positions, computed when the paper is first a top candidate of a multi-word query. */
  positions?: TermPositions;
}

/**
 * Hybrid search over a paper store: keyword (inverted index candidates, BM25F scores) and dense vectors, fused by a
 * normalised weighted sum. The keyword side scales BM25 by query-term coverage so that its score is comparable
 * across queries, which the "no good match" cut-off relies on.
 */
export function createSearchEngine(store: PaperStore, options: SearchEngineOptions): SearchEngine {
  const { index: keyword, persisted } = openKeywordIndex(store.all(), options.keywordIndexFile, options.logger, options.relatedTerms, options.corpus);
  let vectors: VectorIndex | null = null;
  let backend: SemanticBackend | null = null;
  const analyses = new Map<string, PaperAnalysis>();

  const analysisOf = (paper: Paper): PaperAnalysis => {
    let analysis = analyses.get(paper.id);
    if (analysis) {
      // Most recently used last, so the oldest entry is the first to go.
      analyses.delete(paper.id);
    } else {
      const sentences = analyseSentences(paper.abstract);
      const title = tokenize(paper.title);
      const terms = new Set(title);
      for (const s of sentences) for (const t of s.terms) terms.add(t);
      analysis = { sentences, terms, title };
      if (analyses.size >= MAX_ANALYSES) analyses.delete(analyses.keys().next().value!);
    }
    analyses.set(paper.id, analysis);
    return analysis;
  };

  /** The word judgement of coverage (`coverage.ts`) with this engine's settings: one decision for every caller. */
  const coversByWords = (words: readonly QueryTermMatch[], weights: readonly number[], terms: ReadonlySet<string>): boolean =>
    judgeCoverage(
      words,
      weights,
      { has: (t) => terms.has(t) },
      options.minCoveredShare ?? DEFAULT_MIN_COVERED_SHARE,
      requiredWeightCap(keyword.size, options.requiredWords ?? DEFAULT_REQUIRED_WORDS),
    ).covered;

  const embedPapers = async (papers: readonly Paper[], b: SemanticBackend, index: VectorIndex): Promise<void> => {
    const todo = papers.filter((p) => !index.has(p.id));
    if (todo.length === 0) return;
    const vecs = await embedTexts(todo.map(paperText), b.embedder, b.cache, b.onProgress ? { onProgress: b.onProgress } : {});
    // Vectors from embedTexts are never mutated (cache views or fresh arrays): the index keeps them as they are.
    todo.forEach((paper, i) => index.add(paper.id, vecs[i]!, { shared: true }));
  };

  const access: SemanticAccess = {
    embed: async (texts) => {
      if (!backend) throw new Error('semantic search is not available');
      return embedTexts(texts, backend.embedder, backend.cache);
    },
    vectorOf: (id) => vectors?.get(id),
    nearest: (vector, limit, exclude) => vectors?.search(vector, limit, exclude ? (id) => !exclude.has(id) : undefined) ?? [],
  };

  return {
    persisted,

    async indexPapers(papers) {
      for (const paper of papers) {
        analyses.delete(paper.id);
        keyword.add({ id: paper.id, title: paper.title, text: paper.abstract });
      }
      if (backend && vectors) await embedPapers(papers, backend, vectors);
    },

    async attachSemantic(b) {
      const index = createVectorIndex(b.embedder.dimension, { initialCapacity: store.size });
      const papers = store.all();
      const corpus = options.corpus && options.paperKeysFile && options.corpus.papers <= papers.length ? options.corpus : undefined;
      if (corpus) {
        // The corpus papers' vectors by their saved cache keys (hashed and saved when the file is missing or stale),
        // added in store order as `embedPapers` would.
        const corpusPapers = papers.slice(0, corpus.papers);
        const saved = await readPaperKeys(options.paperKeysFile!, corpus.stamp, corpusPapers, b.cache, options.logger);
        const keys = saved ?? corpusPapers.map((paper) => b.cache.keyOf(paperText(paper)));
        const found = keys.map((key) => b.cache.getByKey(key));
        const missing = corpusPapers.filter((_, i) => !found[i]);
        const fresh = missing.length > 0 ? await embedTexts(missing.map(paperText), b.embedder, b.cache, b.onProgress ? { onProgress: b.onProgress } : {}) : [];
        let next = 0;
        corpusPapers.forEach((paper, i) => index.add(paper.id, found[i] ?? fresh[next++]!, { shared: true }));
        if (!saved) await writePaperKeys(options.paperKeysFile!, corpus.stamp, keys, options.logger);
      }
      await embedPapers(papers, b, index);
      index.prepare();
      vectors = index;
      backend = b;
    },

    semantic: () => (backend && vectors ? access : null),

    covers(query, paper) {
      const words = keyword.searchDetailed(query, 0).terms.slice(0, MAX_QUERY_TERMS);
      return coversByWords(words, wordWeights(words, keyword.documentFrequency, keyword.size), new Set([...tokenize(paper.title), ...tokenize(paper.abstract)]));
    },

    async search(query, searchOptions = {}) {
      const requestedMode = searchOptions.mode ?? options.defaultMode;
      const limit = searchOptions.limit ?? options.defaultLimit;
      const offset = searchOptions.offset ?? 0;
      const exclude = searchOptions.exclude;
      const semanticOn = backend !== null && vectors !== null;
      const mode: SearchMode = semanticOn ? requestedMode : 'keyword';
      const notes: string[] = [];
      // Only an explicit request gets a note; the default quietly serves keyword (response.mode says so).
      if (mode !== requestedMode && searchOptions.mode !== undefined) {
        notes.push(`${requestedMode} search is unavailable (no embedding model loaded); showing keyword results`);
      }

      const wanted = Math.max(CANDIDATES, offset + limit);
      const keep = (id: string) => !exclude?.has(id);

      // Keyword signal: BM25F relative to the best hit, times the share of query words the paper contains
      // (a "coordination" factor that also makes the score comparable across queries).
      const keywordScores = new Map<string, number>();
      let words: QueryTermMatch[] = [];
      if (mode !== 'semantic') {
        const detailed = keyword.searchDetailed(query, wanted + (exclude?.size ?? 0));
        words = detailed.terms.slice(0, MAX_QUERY_TERMS);
        // The index reports each hit's coverage of the query words; only a query cut to its first words needs it
        // recomputed from the paper's terms.
        const indexCoverage = words.length === detailed.terms.length ? detailed.coverage : null;
        const max = detailed.hits.reduce((m, h) => (keep(h.id) ? Math.max(m, h.score) : m), 0);
        detailed.hits.forEach((hit, i) => {
          if (!keep(hit.id) || max <= 0) return;
          const paper = store.get(hit.id);
          if (!paper) return;
          keywordScores.set(hit.id, (hit.score / max) * (indexCoverage ? indexCoverage[i]! : coverage(words, analysisOf(paper).terms)));
        });
        const proximityWeight = options.proximityWeight ?? DEFAULT_PROXIMITY_WEIGHT;
        if (words.length >= 2 && proximityWeight > 0) {
          const ranked = [...keywordScores].map(([id, score]) => ({ id, score })).sort(compareHits);
          const proximityOf = (id: string): number => {
            const paper = store.get(id)!;
            const analysis = analysisOf(paper);
            analysis.positions ??= positionsOf([analysis.title, ...analysis.sentences.map((s) => s.sequence)]);
            return proximityScore(words, analysis.positions);
          };
          for (const hit of boostByProximity(ranked, proximityOf, proximityWeight, PROXIMITY_DEPTH)) keywordScores.set(hit.id, hit.score);
        }
      } else {
        words = tokenizeQuery(query).slice(0, MAX_QUERY_TERMS).map((term) => ({ surface: term, alternatives: [{ term, weight: 1, kind: 'exact' as const }] }));
      }

      // Semantic signal: cosine similarity of the query to each paper vector, clipped to [0, 1].
      const semanticScores = new Map<string, number>();
      let queryVector: Float32Array | undefined;
      if (mode !== 'keyword' && backend && vectors) {
        [queryVector] = await embedTexts([query], backend.embedder, backend.cache);
        for (const hit of vectors.search(queryVector!, wanted, exclude ? keep : undefined)) semanticScores.set(hit.id, Math.max(0, hit.score));
        if (mode === 'hybrid') {
          // Keyword candidates outside the semantic top list still get their exact cosine.
          for (const id of keywordScores.keys()) {
            if (semanticScores.has(id)) continue;
            const v = vectors.get(id);
            if (v) semanticScores.set(id, Math.max(0, dot(v, queryVector!)));
          }
        }
      }

      const ids = new Set([...keywordScores.keys(), ...semanticScores.keys()]);
      const signals: SignalScores[] = [...ids].map((id) => ({
        id,
        keyword: keywordScores.get(id) ?? (mode === 'semantic' ? null : 0),
        semantic: semanticScores.get(id) ?? (mode === 'keyword' ? null : 0),
      }));
      const weights: FusionWeights =
        mode === 'keyword' ? { keyword: 1, semantic: 0 } : mode === 'semantic' ? { keyword: 0, semantic: 1 } : options.weights;
      const fused = fuseWeighted(signals, weights).filter((h) => h.score > 0);

      // Covered when a top paper matches the query's informative words, or (with a model) is close in meaning.
      const wordWeight = wordWeights(words, keyword.documentFrequency, keyword.size);
      const coversQuery = (hit: { id: string; semantic: number | null }): boolean => {
        if (mode !== 'keyword' && (hit.semantic ?? 0) >= options.minRelevance) return true;
        const paper = store.get(hit.id);
        return paper ? coversByWords(words, wordWeight, analysisOf(paper).terms) : false;
      };
      const weak = !fused.slice(0, COVERAGE_DEPTH).some(coversQuery);
      if (words.length === 0 && mode === 'keyword') notes.push('the query has no searchable words');
      else if (weak) notes.push(NOT_COVERED_NOTE);

      const page = fused.slice(offset, offset + limit);
      const results: SearchResult[] = [];
      for (const hit of page) {
        const paper = store.get(hit.id);
        if (!paper) continue;
        results.push({
          id: paper.id,
          title: paper.title,
          url: paper.url,
          score: round(hit.score),
          evidence: await pickEvidence(paper, words, queryVector),
          covered: !weak && coversQuery(hit),
          signals: {
            keyword: hit.keyword === null ? null : round(hit.keyword),
            semantic: hit.semantic === null ? null : round(hit.semantic),
            keywordRank: hit.keywordRank,
            semanticRank: hit.semanticRank,
          },
          paper,
        });
      }
      return {
        query,
        mode,
        requestedMode,
        results,
        weak,
        total: fused.length,
        ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
      };
    },
  };

  /**
   * The abstract sentence that best explains the match: the most informative query terms (IDF-weighted), else closest
   * in meaning, else the paper's contribution sentence (never a generic opener when the paper says what it does).
   */
  async function pickEvidence(paper: Paper, words: readonly QueryTermMatch[], queryVector: Float32Array | undefined): Promise<string> {
    const { sentences } = analysisOf(paper);
    if (sentences.length === 0) return paper.abstract;
    const weights = new Map<string, number>();
    for (const word of words) {
      for (const alt of word.alternatives) {
        // Long forms of acronyms count per term, so "graph neural network" sentences explain a "GNN" query.
        for (const term of alt.term.split(' ')) weights.set(term, Math.max(weights.get(term) ?? 0, alt.weight * informativeness(keyword.documentFrequency(term), keyword.size)));
      }
    }
    const byTerms = pickByTerms(sentences, [...weights.keys()], (t) => weights.get(t) ?? 0);
    if (byTerms >= 0) return sentences[byTerms]!.text;
    if (queryVector && backend) {
      const candidates = sentences.slice(0, MAX_EVIDENCE_VECTORS);
      const vecs = await embedTexts(candidates.map((s) => s.text), backend.embedder, backend.cache);
      const index = pickByVector(vecs, queryVector);
      if (index >= 0) return candidates[index]!.text;
    }
    const contribution = mainContribution(classifySentences(sentences.map((s) => s.text), paper.title));
    return sentences[Math.max(0, contribution)]!.text;
  }
}

/**
 * The keyword index of `papers`: loaded from `file` when the file holds the index of these papers (or of the first of
 * them, the rest then being added), else built. The file is trusted when it was saved for the same corpus stamp and
 * paper ids; otherwise the papers' text is fingerprinted. A built or extended index, or one saved under another stamp,
 * is written back to `file` (atomically, in the background); a missing, foreign or damaged file only costs a rebuild
 * (logged).
 */
function openKeywordIndex(
  papers: readonly Paper[],
  file: string | undefined,
  logger: Logger,
  related: RelatedTerms | undefined,
  corpus: CorpusIdentity | undefined,
): { index: KeywordIndex; persisted: Promise<void> } {
  const indexOptions = related ? { related } : {};
  const toDoc = (paper: Paper) => ({ id: paper.id, title: paper.title, text: paper.abstract });
  // The stamp speaks for the corpus papers only, and only while the store holds nothing else.
  const stamp = corpus && corpus.papers === papers.length ? corpus.stamp : undefined;
  let index: KeywordIndex | undefined;
  let restored = 0;
  let stamped = false;
  if (file) {
    try {
      const { snapshot, meta } = decodeKeywordSnapshot(readFileSync(file));
      const count = snapshot.ids.length;
      stamped = stamp !== undefined && meta.corpus === stamp && count === papers.length && snapshot.ids.every((id, i) => id === papers[i]!.id);
      if (stamped || (count <= papers.length && meta.fingerprint === fingerprintPapers(papers.slice(0, count)))) {
        index = createKeywordIndex(indexOptions, snapshot);
        restored = count;
      } else {
        logger.info('keyword index file is for other papers; rebuilding it', { file });
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn('keyword index file unusable; rebuilding it', { file, error });
    }
  }
  index ??= createKeywordIndex(indexOptions);
  index.addMany(papers.slice(restored).map(toDoc));
  if (!file || (restored === papers.length && (stamped || stamp === undefined))) return { index, persisted: Promise.resolve() };
  // Encoded now, while the index holds exactly `papers`; written in the background.
  const meta = { fingerprint: fingerprintPapers(papers), papers: papers.length, ...(stamp !== undefined ? { corpus: stamp } : {}) };
  const bytes = encodeKeywordSnapshot(index.exportSnapshot(), meta);
  const temporary = `${file}.${process.pid}.tmp`;
  const persisted = mkdir(path.dirname(file), { recursive: true })
    .then(() => writeFile(temporary, bytes))
    .then(() => rename(temporary, file))
    .catch((error: unknown) => logger.warn('could not save the keyword index; the next start rebuilds it', { file, error }));
  return { index, persisted };
}

/** SHA-1 over the id, title and abstract of each paper, in order: any edit, addition or reordering changes it. */
export function fingerprintPapers(papers: readonly Pick<Paper, 'id' | 'title' | 'abstract'>[]): string {
  const hash = createHash('sha1');
  for (const p of papers) hash.update(p.id).update('\u0000').update(p.title).update('\u0000').update(p.abstract).update('\u0001');
  return hash.digest('hex');
}

/** Share of query words a paper contains; a word matched only through a typo or prefix alternative counts its weight. */
export function coverage(words: readonly QueryTermMatch[], paperTerms: ReadonlySet<string>): number {
  if (words.length === 0) return 0;
  let matched = 0;
  for (const word of words) {
    let best = 0;
    for (const alt of word.alternatives) if (alt.weight > best && hasAll(paperTerms, alt.term)) best = alt.weight;
    matched += best;
  }
  return matched / words.length;
}

// An acronym alternative stands for its long form: several terms joined by spaces, all of which must occur.
function hasAll(terms: ReadonlySet<string>, alternative: string): boolean {
  return alternative.includes(' ') ? alternative.split(' ').every((t) => terms.has(t)) : terms.has(alternative);
}

function round(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}
