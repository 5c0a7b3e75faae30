import type { Paper } from '../corpus/types.js';
import type { SearchMode, SearchResult } from '../search/types.js';

/** How a reply names a paper: every answer cites by title and links. */
export interface Citation {
  id: string;
  title: string;
  url: string;
}

/** A sentence quoted verbatim from the abstract of `paperId`. */
export interface Quote {
  text: string;
  paperId: string;
  /** 1-based citation marker ([1], [2] …) pointing into the answer's `citations`, when the answer has several papers. */
  marker?: number;
}

/** Result of resolving a user's paper reference (id, arXiv id, title, partial or misspelled title). */
export type LookupResult =
  | { kind: 'found'; paper: Paper }
  /** `candidates` are the best of the `total` papers that fit (default: all of them are listed). */
  | { kind: 'ambiguous'; query: string; candidates: Paper[]; total?: number }
  | { kind: 'unknown'; query: string; closest: Paper[] };

/** One autocomplete suggestion: `name` ≤ 100 characters shown to the user, `value` (≤ 100) the paper id. */
export interface Suggestion {
  name: string;
  value: string;
}

export interface PaperSummary {
  paper: Citation;
  /** The most central sentences, verbatim, in their original order. */
  sentences: Quote[];
  method: 'embedding' | 'tfidf';
}

export interface TopicSummary {
  query: string;
  mode: SearchMode;
  /** Sentences chosen across the top papers (MMR), each with a marker into `citations`. */
  sentences: Quote[];
  citations: Citation[];
  /** True when nothing in the corpus covers the topic well. */
  weak: boolean;
  note?: string;
}

export interface Answer {
  question: string;
  mode: SearchMode;
  /** Best answering sentences across papers, each with a marker into `citations`. */
  sentences: Quote[];
  citations: Citation[];
  /** Papers that cover the question (or, when `covered` is false, the nearest ones). */
  papers: SearchResult[];
  covered: boolean;
  note?: string;
}

export type Aspect = 'problem' | 'method' | 'result';

export interface Comparison {
  papers: Citation[];
  /** Overall similarity in [0, 1] (mean pairwise). */
  similarity: number;
  /** Pairwise similarity matrix in paper order. */
  pairwise: number[][];
  sharedTerms: string[];
  /** Paper id → terms that set it apart from the others. */
  distinctiveTerms: Record<string, string[]>;
  /** Aligned rows; a cell is a quote from that column's paper, or null when the abstract does not state it. */
  rows: { aspect: Aspect; cells: (Quote | null)[] }[];
  /** Corpus papers closest to all compared papers. */
  related: Citation[];
}

export interface SimilarPapers {
  paper: Citation;
  results: { paper: Citation; score: number; /** one line on what they share */ evidence: string }[];
}

/** A paper reference that could not be resolved to exactly one paper; carries what to show the user. */
export class PaperLookupError extends Error {
  override name = 'PaperLookupError';
  constructor(readonly result: Exclude<LookupResult, { kind: 'found' }>) {
    super(
      result.kind === 'ambiguous'
        ? `"${result.query}" matches several papers: ${result.candidates.map((p) => p.title).join('; ')}`
        : `no paper matches "${result.query}"${result.closest.length > 0 ? `; closest: ${result.closest.map((p) => p.title).join('; ')}` : ''}`,
    );
  }
}

/** The question-answering surface used by the CLI and the Discord commands. */
export interface Answers {
  lookup(reference: string): LookupResult;
  /** Like lookup, but throws PaperLookupError unless exactly one paper matches. */
  resolve(reference: string): Paper;
  autocomplete(partial: string, limit?: number): Suggestion[];
  summarizePaper(reference: string, options?: { sentences?: number }): Promise<PaperSummary>;
  summarizeTopic(query: string, options?: { sentences?: number; mode?: SearchMode }): Promise<TopicSummary>;
  ask(question: string, options?: { mode?: SearchMode; sentences?: number }): Promise<Answer>;
  compare(references: string[]): Promise<Comparison>;
  similar(reference: string, options?: { limit?: number }): Promise<SimilarPapers>;
}

// Defined by the search layer, which provides it; re-exported for the answer modules.
export type { SemanticAccess } from '../search/types.js';
import type { SemanticAccess } from '../search/types.js';

/** Dependencies of `createAnswers` (plain arguments, no globals). */
export interface AnswersDeps {
  store: import('../corpus/store.js').PaperStore;
  search: (query: string, options?: import('../search/types.js').SearchOptions) => Promise<import('../search/types.js').SearchResponse>;
  /** Called per request: the semantic side may become ready (or fail) after start. */
  semantic: () => SemanticAccess | null;
  logger: import('../shared/types.js').Logger;
  /** A saved title index to restore, or where to save the one built (see `createTitleIndex`). */
  titles?: import('./title-index.js').TitleIndexOptions;
}
