/** Types of the composition root: the wired app, its status and the dependencies tests may replace. */
import type { Answers } from '../answers/types.js';
import type { Config } from './config.js';
import type { PaperStore } from '../corpus/store.js';
import type { Clock, Logger } from '../shared/types.js';
import type { Embedder, ProgressEvent, SearchOptions, SearchResponse, SemanticStatus } from '../search/types.js';
import type { Paper } from '../corpus/types.js';

/** What `/about` and the CLI show about the running instance. */
export interface AppStatus {
  version: string;
  papers: number;
  semantic: SemanticStatus;
  startedAt: Date;
  /** Corpus records skipped at load, as "file:line: message". */
  corpusProblems: string[];
}

/** Dependencies a caller (usually a test) may replace. Everything else comes from the config. */
export interface AppOverrides {
  /** `null` disables the semantic side (keyword only); an Embedder is used as is; absent = load from config. */
  embedder?: Embedder | null;
  /** Replaces the transformers.js loader (e.g. to simulate a failure). */
  loadEmbedder?: () => Promise<Embedder>;
  /** Papers to serve instead of reading `config.corpusDir`. */
  papers?: Paper[];
  clock?: Clock;
  logger?: Logger;
  /** Network access of the model hub probe and the trending source (tests pass a fake). */
  fetch?: typeof globalThis.fetch;
  onProgress?: (event: ProgressEvent) => void;
  /** Load the model on the first read of `semanticReady` instead of at start (CLI calls that may not need it). */
  lazySemantic?: boolean;
  /** Skip a model whose load failed within `config.embeddings.retryAfterMs` (recorded in DATA_DIR). */
  rememberModelFailure?: boolean;
}

/** The composition root's product: the whole core, wired, with no Discord in it. */
export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly store: PaperStore;
  readonly answers: Answers;
  search(query: string, options?: SearchOptions): Promise<SearchResponse>;
  /** Whether a paper covers a query by its words: search's own coverage judgement in keyword mode (digest topic tags). */
  covers(query: string, paper: Pick<Paper, 'title' | 'abstract'>): boolean;
  /** Adds papers live (merged with known ones), searchable at once; embeddings are computed incrementally. */
  addPapers(papers: Paper[]): Promise<{ added: Paper[]; merged: Paper[] }>;
  /** Resolves when the semantic side is ready or has definitely failed; never rejects. Reading it starts a lazy load. */
  readonly semanticReady: Promise<void>;
  status(): AppStatus;
  close(): Promise<void>;
}
