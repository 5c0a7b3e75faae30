/**
 * The composition root. `createRuntime` wires everything an entry point runs — paper store, search, answers, the
 * state database, ingestion, subscriptions and digests — from the config, with plain arguments. `main.ts`, the CLI,
 * the terminal mode, the bench and the test harnesses all start here; tests replace parts through `overrides`.
 */
import { existsSync } from 'node:fs';
import { createArxivClient, createPaperAdder, type PaperAdder } from '../arxiv/index.js';
import { createDigestService, type DigestService, type DigestServiceOptions } from '../digest/service.js';
import { createReadingList, type ReadingList } from '../reading-list/index.js';
import { openState, statePathFor, type State } from '../state/open.js';
import { createHfSource, type TrendingSource } from '../trending/hf-source.js';
import { restoreIngestedPapers } from '../trending/ingest.js';
import { createLogger } from '../shared/log.js';
import { createApp, systemClock } from './app.js';
import type { Config } from './config.js';
import type { App, AppOverrides } from './types.js';

/** Parts a caller (usually a test) may replace; everything else comes from the config. */
export interface RuntimeOverrides extends AppOverrides {
  /** A ready-made app (e.g. the hand-written fake of the adapter tests) instead of one built from the config. */
  app?: App;
  /** State database file; `:memory:` gives a throw-away one. Default: `<dataDir>/paper-scout.db`. */
  statePath?: string;
  /** Replaces the Hugging Face daily-papers source (`null`: digests from the corpus only). */
  trendingSource?: TrendingSource | null;
  /** Scheduler tuning of the digest service (retries, timers, papers per message). */
  scheduler?: DigestServiceOptions['scheduler'];
  /** How often the running digest service ingests trending papers (0 = only on start and before digests). */
  ingestEveryMs?: number;
  /** Least time between two arXiv API requests (default 3 s, as arXiv asks). */
  arxivIntervalMs?: number;
}

export interface RuntimeOptions {
  /**
   * For processes that only read (CLI search and answers): papers kept in the state database are restored, but a
   * missing database is not created and no digest service runs (`digest` is null).
   */
  readOnly?: boolean;
}

/** Everything an entry point runs, wired once. */
export interface Runtime {
  readonly config: Config;
  /** Paper store, search and answers. */
  readonly app: App;
  /** Where trending papers come from (Hugging Face daily papers), or null when turned off. */
  readonly trendingSource: TrendingSource | null;
  /** State database, ingestion, subscriptions, digest settings and the scheduler; null in a read-only runtime. */
  readonly digest: DigestService | null;
  /** Adds papers from the arXiv API into the app and the state database; null in a read-only runtime. */
  readonly adder: PaperAdder | null;
  /** Per-user reading lists in the state database; null in a read-only runtime. */
  readonly readingList: ReadingList | null;
  /** Stops the digest service, closes the state database, then the app (waits for a model still loading). */
  close(): Promise<void>;
}

/** A runtime with its digest service (the default, i.e. not read-only). */
export type FullRuntime = Runtime & { readonly digest: DigestService; readonly adder: PaperAdder; readonly readingList: ReadingList };

/**
 * Opens the state database, builds the app (corpus, keyword index at once, semantic side in the background), restores
 * the papers ingested earlier (once, before anything answers) and wires the digest service around them. Throws
 * StateError for an unusable state database (before anything loads) and CorpusError for an unusable corpus.
 */
export async function createRuntime(config: Config, overrides?: RuntimeOverrides, options?: RuntimeOptions & { readOnly?: false }): Promise<FullRuntime>;
export async function createRuntime(config: Config, overrides: RuntimeOverrides, options: RuntimeOptions): Promise<Runtime>;
export async function createRuntime(config: Config, overrides: RuntimeOverrides = {}, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = overrides.app?.logger ?? overrides.logger ?? createLogger({ level: config.logLevel });
  const clock = overrides.app?.clock ?? overrides.clock ?? systemClock;
  const trendingSource =
    overrides.trendingSource !== undefined
      ? overrides.trendingSource
      : createHfSource({ apiUrl: config.trending.apiUrl, logger, fetch: overrides.fetch ?? globalThis.fetch });
  const statePath = overrides.statePath ?? statePathFor(config.dataDir);
  // Opened before the app, so a broken database stops the start before the model begins to load.
  const state = options.readOnly && statePath !== ':memory:' && !existsSync(statePath) ? null : openState(statePath, { clock, logger });

  let app: App | undefined;
  try {
    app = overrides.app ?? (await createApp(config, { ...overrides, logger, clock }));
    // Papers ingested earlier (trending feed, files) are part of the corpus: restored once, before anything answers.
    if (state) await restoreIngestedPapers(app, state, logger);
  } catch (error) {
    state?.close();
    await app?.close();
    throw error;
  }
  const core = app;

  if (options.readOnly || !state) {
    state?.close();
    return { config, app: core, trendingSource, digest: null, adder: null, readingList: null, close: once(() => core.close()) };
  }
  const openedState = state;
  const digest = createDigestService({
    app: core,
    state: openedState,
    config,
    clock,
    logger,
    source: trendingSource,
    ...(overrides.scheduler ? { scheduler: overrides.scheduler } : {}),
    ...(overrides.ingestEveryMs !== undefined ? { ingestEveryMs: overrides.ingestEveryMs } : {}),
  });
  const adder = createPaperAdder({
    client: createArxivClient({
      apiUrl: config.arxiv.apiUrl,
      logger,
      fetch: overrides.fetch ?? globalThis.fetch,
      ...(overrides.arxivIntervalMs !== undefined ? { intervalMs: overrides.arxivIntervalMs } : {}),
    }),
    ingest: (papers, origin) => digest.ingestPapers(papers, origin),
  });
  return {
    config,
    app: core,
    trendingSource,
    digest,
    adder,
    readingList: createReadingList({ state: openedState, store: core.store }),
    close: once(async () => {
      await digest.close();
      openedState.close();
      await core.close();
    }),
  };
}

/** Runs `fn` on the first call; later calls get the same promise. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
