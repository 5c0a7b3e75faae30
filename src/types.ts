/**
 * Shared domain types. Core modules (corpus, search, answers, digest) depend on these
 * and on nothing Discord- or process-specific.
 */

/** One paper of the corpus. */
export interface Paper {
  /** Stable id: the arXiv id when known, else a slug of the title. */
  id: string;
  title: string;
  abstract: string;
  arxivId?: string;
  authors: string[];
  /** arXiv abs page when the id is known, else an arXiv title search link. */
  url: string;
  /** ISO 8601 date (or date-time) when known. */
  publishedAt?: string;
  upvotes?: number;
  /** Where the record came from, e.g. `corpus/trending-papers.txt:12` — used in messages. */
  source: string;
}

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

/** Minimal structured logger; everything goes to stderr so stdout stays machine-readable. */
export interface Logger {
  debug(msg: string, ctx?: Record<string, unknown>): void;
  info(msg: string, ctx?: Record<string, unknown>): void;
  warn(msg: string, ctx?: Record<string, unknown>): void;
  error(msg: string, ctx?: Record<string, unknown>): void;
}

/** Injected time source so tests control the clock. */
export interface Clock {
  now(): Date;
}
