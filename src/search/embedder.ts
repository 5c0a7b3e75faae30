/**
 * Sentence embedder on top of the transformers.js `feature-extraction` pipeline
 * (mean pooling over the attention mask + L2 normalisation).
 *
 * The model is either a Hugging Face hub id (downloaded once into `cacheDir`) or a local folder
 * holding config.json, tokenizer.json, tokenizer_config.json and onnx/model_quantized.onnx
 * (onnx/model.onnx when `quantized: false`). Every failure becomes an {@link EmbedderLoadError}
 * that says what failed and how to fix it; loading never hangs (bounded by `timeoutMs`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Embedder, ProgressEvent } from './types.js';
import type { Logger } from '../shared/types.js';
import {
  captureConsoleNoise,
  classifyLoadError,
  describeCause,
  EmbedderLoadError,
  FIX_GENERIC,
  isNetworkError,
  isDirectory,
  modelFolder,
  requiredModelFiles,
  resolveModelSource,
  type ModelSource,
} from './model-files.js';

export { EmbedderLoadError, isModelOnDisk, requiredModelFiles, resolveModelSource } from './model-files.js';
export type { EmbedderLoadErrorKind, ModelSource } from './model-files.js';

/** Hugging Face hub used when the model is a hub id. */
export const DEFAULT_REMOTE_HOST = 'https://huggingface.co/';
/** Default overall load timeout: generous enough for the first ~25 MB download. */
export const DEFAULT_LOAD_TIMEOUT_MS = 120_000;
/** Default number of texts per model call. */
export const DEFAULT_EMBED_BATCH_SIZE = 32;
/** Bound of the reachability check made before a download. */
const HUB_PROBE_TIMEOUT_MS = 10_000;

/** Options of {@link loadEmbedder}. */
export interface EmbedderOptions {
  /** Hub id such as `Xenova/all-MiniLM-L6-v2`, or a path to a local model folder. */
  model: string;
  /** Where hub downloads are cached (`<cacheDir>/<owner>/<name>/...`). Unused for local folders. */
  cacheDir: string;
  /** Whether a hub model missing from `cacheDir` may be downloaded. */
  allowRemote: boolean;
  /** Load `onnx/model_quantized.onnx` (default) rather than `onnx/model.onnx`. */
  quantized?: boolean;
  /** Texts per model call in {@link Embedder.embed}. Default 32. */
  batchSize?: number;
  /**
   * Bound of the load in ms (hub probe + download + session creation), counted from the last sign of progress: a
   * download that keeps receiving bytes may take as long as it needs. Default 120000.
   */
  timeoutMs?: number;
  /** Bound of the hub's first answer (connection and headers), in ms. Default 10000. */
  hubTimeoutMs?: number;
  /** Hub base URL, e.g. a mirror. Default `https://huggingface.co/`. */
  remoteHost?: string;
  /** Download progress of files fetched from the hub (`task: 'download'`, bytes). */
  onProgress?: (event: ProgressEvent) => void;
  logger?: Logger;
  /** Fetch for the hub reachability probe. Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Hugging Face token sent with the probe, as transformers.js sends HF_TOKEN with its downloads. */
  hubToken?: string;
  /**
   * Routes an abort signal into transformers.js' own hub requests (it fetches without one) and returns a function
   * that undoes it; passed by the composition root. Without it a timed-out download runs on until it ends by itself.
   */
  routeHubRequests?: (remoteHost: string, signal: AbortSignal) => () => void;
}

/** A loaded embedder; `dispose()` releases the ONNX session. */
export interface LoadedEmbedder extends Embedder {
  /** `local` for a model folder, `hub` for a hub id (downloaded or cached). */
  readonly source: 'local' | 'hub';
  dispose(): Promise<void>;
}

/** Minimal view of the transformers.js pipeline we use. */
interface FeatureExtractor {
  (texts: string[], options: { pooling: 'mean'; normalize: true }): Promise<{ data: Float32Array; dims: number[] }>;
  dispose(): Promise<void>;
}

interface TransformersEnv {
  allowRemoteModels: boolean;
  allowLocalModels: boolean;
  localModelPath: string;
  cacheDir: string | null;
  useFSCache: boolean;
  useBrowserCache: boolean;
  remoteHost: string;
}

type HubProgress = { status?: string; file?: string; loaded?: number; total?: number; progress?: number };

// transformers.js keeps its settings in one module-global `env`, read while files load. Loads are
// serialised through this chain so two loads with different settings never interleave.
let loadChain: Promise<unknown> = Promise.resolve();

/**
 * Loads a sentence-embedding model and probes it once to learn its dimension.
 * @throws EmbedderLoadError when the model cannot be found, downloaded or opened, or on timeout.
 */
export async function loadEmbedder(options: EmbedderOptions): Promise<LoadedEmbedder> {
  const quantized = options.quantized ?? true;
  const batchSize = options.batchSize ?? DEFAULT_EMBED_BATCH_SIZE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  const remoteHost = withTrailingSlash(options.remoteHost ?? DEFAULT_REMOTE_HOST);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new EmbedderLoadError({ model: options.model, kind: 'invalid-option', reason: `option "batchSize" must be a positive integer, got ${String(options.batchSize)}`, fix: 'pass a batch size of 1 or more' });
  }
  if (!(timeoutMs > 0)) {
    throw new EmbedderLoadError({ model: options.model, kind: 'invalid-option', reason: `option "timeoutMs" must be positive, got ${String(options.timeoutMs)}`, fix: 'pass a timeout in milliseconds, e.g. 120000' });
  }
  const source = resolveModelSource(options.model);
  const started = Date.now();
  options.logger?.info('loading embedding model', { model: options.model, source: source.kind });

  let settled: Promise<unknown> = Promise.resolve();
  const run = loadChain.then(() =>
    loadPipeline(options, source, quantized, timeoutMs, remoteHost, (s) => {
      settled = s;
    }),
  );
  // The next load waits until this one has fully stopped, even when it timed out.
  loadChain = run.then(
    () => settled,
    () => settled,
  );
  const extractor = await run;

  const embedder = createPipelineEmbedder(extractor, options.model, source.kind, batchSize);
  let dimension: number;
  try {
    const [probe] = await embedder.embedBatch(['dimension probe']);
    dimension = probe?.length ?? 0;
    if (dimension === 0) throw new Error('the model returned an empty vector');
  } catch (error) {
    await extractor.dispose().catch(() => undefined);
    throw new EmbedderLoadError({ model: options.model, kind: 'invalid-model', reason: `the model loaded but failed to embed a probe text: ${describeCause(error)}`, fix: `check that the model is a BERT-like sentence-embedding model; ${FIX_GENERIC}`, cause: error });
  }
  options.logger?.info('embedding model ready', { model: options.model, dimension, ms: Date.now() - started });
  return {
    modelId: options.model,
    dimension,
    source: source.kind,
    embed: (texts) => embedder.embed(texts, dimension),
    dispose: () => extractor.dispose(),
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Loads the pipeline; `onStarted` receives a promise that settles once the underlying load has fully stopped. */
async function loadPipeline(
  options: EmbedderOptions,
  source: ModelSource,
  quantized: boolean,
  timeoutMs: number,
  remoteHost: string,
  onStarted: (settled: Promise<unknown>) => void,
): Promise<FeatureExtractor> {
  const deadline = Date.now() + timeoutMs; // one budget for the hub probe and the load itself, renewed by progress
  const required = requiredModelFiles(quantized);
  const model = options.model;
  let modelName: string;
  let missingFromCache: string[] = [];

  if (source.kind === 'local') {
    if (!isDirectory(source.dir)) {
      throw new EmbedderLoadError({ model, kind: 'not-found', reason: `folder ${source.dir} does not exist`, fix: `create it with the model files (${required.join(', ')}), or ${FIX_GENERIC}` });
    }
    const missing = required.filter((f) => !existsSync(path.join(source.dir, f)));
    if (missing.length > 0) {
      throw new EmbedderLoadError({ model, kind: 'not-found', reason: `folder ${source.dir} lacks ${missing.join(', ')}`, fix: `put the missing files there (an ONNX export of the model), or ${FIX_GENERIC}` });
    }
    modelName = path.basename(source.dir);
  } else {
    modelName = source.id;
    missingFromCache = required.filter((f) => !existsSync(path.join(options.cacheDir, source.id, f)));
    if (missingFromCache.length > 0 && !options.allowRemote) {
      throw new EmbedderLoadError({
        model,
        kind: 'remote-disabled',
        reason: `it is not in the cache (${path.join(options.cacheDir, source.id, missingFromCache[0] ?? '')} is missing) and downloads are disabled`,
        fix: `allow downloads so it can be fetched once into ${options.cacheDir}, or ${FIX_GENERIC}`,
      });
    }
    if (missingFromCache.length > 0) await probeHub(model, source.id, remoteHost, Math.min(timeoutMs, options.hubTimeoutMs ?? HUB_PROBE_TIMEOUT_MS), options);
  }

  let transformers: typeof import('@xenova/transformers');
  try {
    // Imported lazily: it loads onnxruntime's native addon, which keyword-only runs never need.
    transformers = await import('@xenova/transformers');
  } catch (error) {
    throw new EmbedderLoadError({ model, kind: 'failed', reason: `@xenova/transformers could not be loaded: ${describeCause(error)}`, fix: `reinstall dependencies (npm ci), or set EMBEDDINGS=off`, cause: error });
  }
  const env = transformers.env as unknown as TransformersEnv;
  // Set right before loading (see loadChain): env is module-global and read during the load.
  env.allowLocalModels = true;
  env.useBrowserCache = false;
  env.remoteHost = remoteHost;
  if (source.kind === 'local') {
    env.allowRemoteModels = false;
    env.localModelPath = path.dirname(source.dir);
    env.useFSCache = false; // read straight from the folder, never from a same-named cache entry
  } else {
    env.allowRemoteModels = options.allowRemote;
    env.localModelPath = options.cacheDir; // a cache pre-filled by hand is found too
    env.cacheDir = options.cacheDir;
    env.useFSCache = true;
  }

  const abort = new AbortController();
  // onnxruntime and transformers.js print their failures (a stack, "Using `wasm` as a fallback") to the console;
  // they are kept and summarised in the error (or logged at debug level when the load succeeds).
  const noise = captureConsoleNoise();
  const restoreFetch = source.kind === 'hub' && options.allowRemote && options.routeHubRequests ? options.routeHubRequests(remoteHost, abort.signal) : () => undefined;
  let renew = () => {};
  const forward = createProgressForwarder(modelName, new Set(missingFromCache), options.onProgress);
  const progress = (event: HubProgress) => {
    if (event.status === 'progress') renew();
    forward?.(event);
  };
  const loading = transformers.pipeline('feature-extraction', modelName, {
    quantized,
    local_files_only: source.kind === 'local' || !options.allowRemote,
    ...(source.kind === 'hub' ? { cache_dir: options.cacheDir } : {}),
    progress_callback: progress,
  }) as unknown as Promise<FeatureExtractor>;
  const settled = loading.then(
    () => {
      noise.restore();
      for (const line of noise.lines) options.logger?.debug(`model load: ${line}`);
    },
    () => noise.restore(),
  ).finally(restoreFetch);
  onStarted(settled);

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const expire = () => {
      abort.abort(new Error(`load timed out after ${timeoutMs} ms without progress`));
      reject(new EmbedderLoadError({ model, kind: 'timeout', reason: `loading made no progress for longer than ${timeoutMs} ms`, fix: `check the network (or raise MODEL_LOAD_TIMEOUT_SECONDS), or ${FIX_GENERIC}` }));
    };
    timer = setTimeout(expire, Math.max(1, deadline - Date.now()));
    renew = () => {
      clearTimeout(timer);
      timer = setTimeout(expire, timeoutMs);
    };
  });
  try {
    return await Promise.race([loading, timeout]);
  } catch (error) {
    if (error instanceof EmbedderLoadError) {
      // A pipeline that still finishes after the timeout must not leak its session.
      void loading.then((late) => late.dispose()).catch(() => undefined);
      throw error;
    }
    noise.restore();
    throw classifyLoadError(error, model, source, quantized, { cacheDir: options.cacheDir, noise: noise.lines });
  } finally {
    clearTimeout(timer);
    renew = () => {};
  }
}

/** Fails fast and clearly when the hub is unreachable or does not know the model. */
async function probeHub(model: string, id: string, remoteHost: string, timeoutMs: number, options: Pick<EmbedderOptions, 'fetch' | 'hubToken'>): Promise<void> {
  const url = `${remoteHost}${id}/resolve/main/config.json`;
  let response: Response;
  try {
    // Same credentials transformers.js sends, so private or gated models probe like they download.
    const token = options.hubToken;
    const headers: Record<string, string> = token && /huggingface\.co|hf\.co/.test(new URL(url).hostname) ? { Authorization: `Bearer ${token}` } : {};
    response = await (options.fetch ?? globalThis.fetch)(url, { method: 'HEAD', redirect: 'follow', headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = (error as { name?: string }).name === 'TimeoutError';
    throw new EmbedderLoadError({
      model,
      kind: timedOut ? 'timeout' : 'network',
      reason: timedOut ? `no answer from ${remoteHost} within ${timeoutMs} ms` : `cannot reach ${remoteHost}: ${describeCause(error)}`,
      fix: FIX_GENERIC,
      cause: error,
    });
  }
  if (response.status === 404 || response.status === 401) {
    throw new EmbedderLoadError({ model, kind: 'not-found', reason: `the hub has no model "${id}" (HTTP ${response.status} for ${url})`, fix: `check the model id (e.g. Xenova/all-MiniLM-L6-v2), or ${FIX_GENERIC}` });
  }
  if (!response.ok) {
    throw new EmbedderLoadError({ model, kind: 'network', reason: `the hub answered HTTP ${response.status} for ${url}`, fix: `retry later, or ${FIX_GENERIC}` });
  }
}

/** Maps transformers.js file progress to ProgressEvents, only for files actually downloaded, at most once per percent. */
function createProgressForwarder(
  modelName: string,
  downloading: Set<string>,
  onProgress: ((event: ProgressEvent) => void) | undefined,
): ((e: HubProgress) => void) | undefined {
  if (!onProgress || downloading.size === 0) return undefined;
  const lastPercent = new Map<string, number>();
  return (e) => {
    if (e.status !== 'progress' || !e.file || !downloading.has(e.file)) return;
    const total = e.total ?? 0;
    const done = e.loaded ?? 0;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
    if (lastPercent.get(e.file) === percent) return;
    lastPercent.set(e.file, percent);
    try {
      onProgress({ task: 'download', label: `${modelName}/${e.file}`, done, total });
    } catch {
      // A failing progress display must not break the download.
    }
  };
}

/** Batches texts through the pipeline and splits the pooled tensor into one vector per text. */
function createPipelineEmbedder(extractor: FeatureExtractor, model: string, source: 'local' | 'hub', batchSize: number) {
  // One model call at a time: on a small machine parallel calls only thrash, and a query
  // embedded while the corpus is being embedded slips in between batches.
  let queue: Promise<unknown> = Promise.resolve();

  async function embedBatch(batch: string[]): Promise<Float32Array[]> {
    const output = await extractor(batch, { pooling: 'mean', normalize: true });
    const [rows, dim] = output.dims;
    if (rows !== batch.length || !dim) {
      throw new Error(`model "${model}" (${source}) returned shape [${output.dims.join(', ')}] for ${batch.length} texts`);
    }
    const vectors: Float32Array[] = [];
    for (let i = 0; i < rows; i++) vectors.push(output.data.slice(i * dim, (i + 1) * dim));
    return vectors;
  }

  async function embed(texts: string[], dimension: number): Promise<Float32Array[]> {
    texts.forEach((t, i) => {
      if (typeof t !== 'string') throw new TypeError(`embed: text #${i} is ${typeof t}, expected a string`);
    });
    const run = queue.then(async () => {
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        out.push(...(await embedBatch(texts.slice(start, start + batchSize))));
      }
      for (const v of out) {
        if (v.length !== dimension) throw new Error(`model "${model}" returned a ${v.length}-dim vector, expected ${dimension}`);
      }
      return out;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return { embed, embedBatch };
}
