/** Types of the search layer: queries, results, embedders and the state of the semantic side. */
import type { Paper } from '../corpus/types.js';

/** Retrieval mode. `hybrid` fuses keyword and semantic rankings. */
export type SearchMode = 'hybrid' | 'keyword' | 'semantic';

/** A ranked hit from one index, before fusion. */
export interface Hit {
  id: string;
  score: number;
}

/** Per-signal breakdown of a fused result; `null` when that signal did not rank the paper. */
export interface SearchSignals {
  keyword: number | null;
  semantic: number | null;
  keywordRank: number | null;
  semanticRank: number | null;
}

export interface SearchResult {
  id: string;
  title: string;
  url: string;
  /** Fused score in [0, 1]; higher is better. */
  score: number;
  /** The abstract sentence (verbatim) that best matches the query: "why this matched". */
  evidence: string;
  signals: SearchSignals;
  /** True when this paper itself covers the query (its informative words, or its meaning with a model). */
  covered?: boolean;
  paper: Paper;
}

export interface SearchResponse {
  query: string;
  /** The mode actually used (a semantic request falls back to keyword without a model). */
  mode: SearchMode;
  requestedMode: SearchMode;
  results: SearchResult[];
  /** True when nothing covers the query well: `results` are then only the closest papers. */
  weak: boolean;
  /** How many papers matched at all (for paging). */
  total: number;
  /** Human note about the answer, e.g. why the mode differs from the one requested. */
  note?: string;
}

/** Turns texts into L2-normalised sentence vectors. */
export interface Embedder {
  /** Model id or local path, part of the embedding cache key. */
  readonly modelId: string;
  readonly dimension: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** State of the semantic side, shown by `/about` and logged on start. */
export interface SemanticStatus {
  state: 'loading' | 'ready' | 'unavailable' | 'disabled';
  modelId: string;
  /** Why semantic search is off, and how to fix it. */
  reason?: string;
}

/** Progress of a long task (model download, corpus embedding). */
export interface ProgressEvent {
  task: 'download' | 'embed';
  label: string;
  done: number;
  total: number;
}

/** Options of one search call. */
export interface SearchOptions {
  mode?: SearchMode;
  /** Results per page (default from config). */
  limit?: number;
  /** Results to skip, for paging. */
  offset?: number;
  /** Papers to leave out (e.g. the paper itself for "more like this"). */
  exclude?: ReadonlySet<string>;
}

/** What answers (and "more like this") need from the semantic side; absent while the model is loading or unavailable. */
export interface SemanticAccess {
  /** L2-normalised embeddings (cached on disk by the engine). */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** The stored vector of a paper (title + abstract), if embedded. */
  vectorOf(id: string): Float32Array | undefined;
  /** Nearest papers to a vector by cosine similarity, ties by id. */
  nearest(vector: Float32Array, limit: number, exclude?: ReadonlySet<string>): { id: string; score: number }[];
}
