import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createAnswers } from '../answers/index.js';
import type { TitleIndexOptions } from '../answers/title-index.js';
import { readTitleIndexFile, writeTitleIndexFile } from '../answers/title-index-file.js';
import type { App, AppOverrides, AppStatus } from './types.js';
import type { Config } from './config.js';
import { formatProblem, loadCorpus } from '../corpus/load.js';
import { createPaperStore, type PaperStore } from '../corpus/store.js';
import { createLogger } from '../shared/log.js';
import { guardHubFetch } from './hub-fetch.js';
import { createProgressPrinter } from './progress.js';
import { EmbedderLoadError, loadEmbedder } from '../search/embedder.js';
import { openEmbeddingCache } from '../search/embedding-cache.js';
import { forgetModelFailure, recentModelFailure, rememberModelFailure } from '../search/model-failure.js';
import { createSearchEngine, type CorpusIdentity } from '../search/engine.js';
import { createRelatedTerms } from '../search/related-words.js';
import type { Clock } from '../shared/types.js';
import type { Embedder, SemanticStatus } from '../search/types.js';
import type { Paper } from '../corpus/types.js';

export type { App, AppOverrides, AppStatus } from './types.js';

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

const VERSION = readVersion();
// Corpus problems beyond this many are summarised in one line, so a bad file cannot flood the log.
const MAX_PROBLEM_LINES = 10;

/**
 * Composition root: loads the corpus, builds the keyword index (ready at once) and, in the background, the
 * semantic side (model + corpus embeddings). Every dependency arrives as a plain argument; tests pass `overrides`.
 * Throws CorpusError when the corpus is unusable; a model that cannot load only turns semantic search off.
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel });
  const clock = overrides.clock ?? systemClock;
  const startedAt = clock.now();

  let problems: string[] = [];
  let store: PaperStore;
  let corpusIdentity: CorpusIdentity | undefined;
  if (overrides.papers) {
    store = createPaperStore(overrides.papers);
  } else {
    // The loader's store is used as is: building a second one costs a noticeable part of a large warm start.
    const corpus = await loadCorpus(config.corpusDir, { snapshotFile: path.join(config.dataDir, 'corpus-snapshot.bin'), logger });
    store = corpus.store;
    if (corpus.stamp !== undefined) corpusIdentity = { stamp: corpus.stamp, papers: store.size };
    problems = corpus.problems.map(formatProblem);
    for (const line of problems.slice(0, MAX_PROBLEM_LINES)) logger.warn(`corpus: ${line}`);
    if (problems.length > MAX_PROBLEM_LINES) logger.warn(`corpus: … and ${problems.length - MAX_PROBLEM_LINES} more skipped record(s)`);
  }
  // The saved title index is read while the keyword index loads (the file is only decoded when awaited below).
  const titleIndexFile = path.join(config.dataDir, 'title-index.bin');
  const savedTitles = corpusIdentity ? readTitleIndexFile(titleIndexFile, corpusIdentity.stamp, corpusIdentity.papers, logger) : undefined;
  const engine = createSearchEngine(store, {
    weights: { keyword: config.search.keywordWeight, semantic: config.search.semanticWeight },
    minRelevance: config.search.minRelevance,
    defaultLimit: config.search.limit,
    defaultMode: config.search.defaultMode,
    logger,
    // WordNet, read only when a query has a word the corpus does not know.
    relatedTerms: createRelatedTerms(),
    // Papers read from the corpus folder are the same from one start to the next: keep their index on disk.
    ...(overrides.papers ? {} : { keywordIndexFile: path.join(config.dataDir, 'keyword-index.bin') }),
    ...(corpusIdentity ? { corpus: corpusIdentity, paperKeysFile: path.join(config.dataDir, 'embeddings', 'paper-keys.bin') } : {}),
  });

  let semantic: SemanticStatus;
  let semanticReady: Promise<void> | undefined;
  let loadSemantic = (): Promise<void> => Promise.resolve();
  let embedder: Embedder | null = null;
  if (overrides.embedder === null || !config.embeddings.enabled) {
    semantic = {
      state: 'disabled',
      modelId: config.embeddings.model,
      reason: overrides.embedder === null ? 'semantic search is turned off for this instance' : 'semantic search is turned off (EMBEDDINGS=off)',
    };
  } else {
    semantic = { state: 'loading', modelId: overrides.embedder?.modelId ?? config.embeddings.model };
    const onProgress = overrides.onProgress ?? createProgressPrinter();
    loadSemantic = async () => {
      // A CLI call does not wait again for a model that failed a moment ago (see MODEL_RETRY_MINUTES).
      const remembered = overrides.rememberModelFailure
        ? recentModelFailure(config.dataDir, semantic.modelId, clock.now(), config.embeddings.retryAfterMs)
        : undefined;
      if (remembered) {
        semantic = { state: 'unavailable', modelId: semantic.modelId, reason: `${remembered.reason} (failed at ${remembered.at}; retried after MODEL_RETRY_MINUTES)` };
        logger.warn(`semantic search unavailable, serving keyword results only: ${semantic.reason}`);
        return;
      }
      try {
        embedder =
          overrides.embedder ??
          (await (overrides.loadEmbedder ??
            (() =>
              loadEmbedder({
                model: config.embeddings.model,
                cacheDir: config.embeddings.cacheDir,
                allowRemote: config.embeddings.allowRemote,
                remoteHost: config.embeddings.hubUrl,
                quantized: config.embeddings.quantized,
                timeoutMs: config.embeddings.loadTimeoutMs,
                hubTimeoutMs: config.embeddings.hubTimeoutMs,
                onProgress,
                logger,
                fetch: overrides.fetch ?? globalThis.fetch,
                ...(config.embeddings.hubToken ? { hubToken: config.embeddings.hubToken } : {}),
                routeHubRequests: guardHubFetch,
              })))());
        const cache = await openEmbeddingCache({
          dir: path.join(config.dataDir, 'embeddings'),
          modelId: embedder.modelId,
          dimension: embedder.dimension,
          logger,
        });
        await engine.attachSemantic({ embedder, cache, onProgress });
        semantic = { state: 'ready', modelId: embedder.modelId };
        if (!overrides.embedder && !overrides.loadEmbedder) forgetModelFailure(config.dataDir);
        logger.info(`semantic search ready (${embedder.modelId}, ${store.size} papers embedded)`);
      } catch (error) {
        const reason = describeModelFailure(error);
        semantic = { state: 'unavailable', modelId: semantic.modelId, reason };
        logger.warn(`semantic search unavailable, serving keyword results only: ${reason}`);
        if (error instanceof EmbedderLoadError) rememberModelFailure(config.dataDir, { model: semantic.modelId, reason, at: clock.now().toISOString() });
      }
    };
  }
  // Loaded at start, or (lazySemantic: the CLI) on the first command that asks for it.
  const startSemantic = (): Promise<void> => (semanticReady ??= loadSemantic());
  if (!overrides.lazySemantic) void startSemantic();

  // The title index of the corpus papers is restored from DATA_DIR, or saved there once built.
  let titlesSaved: Promise<void> = Promise.resolve();
  let titles: TitleIndexOptions | undefined;
  if (corpusIdentity) {
    const { stamp, papers } = corpusIdentity;
    const saved = await savedTitles;
    titles = saved ? { saved } : { save: { papers, save: (snapshot) => void (titlesSaved = writeTitleIndexFile(titleIndexFile, stamp, snapshot, logger)) } };
  }
  const answers = createAnswers({ store, search: (q, o) => engine.search(q, o), semantic: () => engine.semantic(), logger, ...(titles ? { titles } : {}) });

  const app: App = {
    config,
    logger,
    clock,
    store,
    answers,
    search: (query, options) => engine.search(query, options),
    covers: (query, paper) => engine.covers(query, paper),
    async addPapers(incoming) {
      const added: Paper[] = [];
      const merged: Paper[] = [];
      for (const paper of incoming) {
        const outcome = store.add(paper);
        (outcome.kind === 'added' ? added : merged).push(outcome.paper);
      }
      await engine.indexPapers([...added, ...merged]);
      return { added, merged };
    },
    get semanticReady() {
      return startSemantic();
    },
    status(): AppStatus {
      return { version: VERSION, papers: store.size, semantic: { ...semantic }, startedAt, corpusProblems: [...problems] };
    },
    async close() {
      await semanticReady; // only a load that was started
      await engine.persisted;
      await titlesSaved;
      const disposable = embedder as (Embedder & { dispose?: () => Promise<void> }) | null;
      await disposable?.dispose?.();
    },
  };
  return app;
}

/** One line: what failed and how to fix it. */
function describeModelFailure(error: unknown): string {
  if (error instanceof EmbedderLoadError) return `${error.message}. Fix: ${error.fix}`;
  return `${error instanceof Error ? error.message : String(error)}. Fix: set EMBEDDING_MODEL to a local model folder, or EMBEDDINGS=off`;
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
