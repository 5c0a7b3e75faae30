/**
 * The embedding model's files and load failures: where a model comes from (local folder or hub id), which files it
 * needs, and how a failed load is explained — what failed, in which file, and how to fix it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Category of a load failure, for status displays and tests. */
export type EmbedderLoadErrorKind =
  | 'invalid-option'
  | 'not-found'
  | 'remote-disabled'
  | 'network'
  | 'timeout'
  | 'invalid-model'
  | 'failed';

/** Why the embedding model could not be loaded (`message`) and what to do about it (`fix`). */
export class EmbedderLoadError extends Error {
  override readonly name = 'EmbedderLoadError';
  /** The model id or path as configured. */
  readonly model: string;
  readonly kind: EmbedderLoadErrorKind;
  /** One sentence telling the operator how to fix it. */
  readonly fix: string;

  constructor(init: { model: string; kind: EmbedderLoadErrorKind; reason: string; fix: string; cause?: unknown }) {
    super(`Could not load embedding model "${init.model}": ${init.reason}`, { cause: init.cause });
    this.model = init.model;
    this.kind = init.kind;
    this.fix = init.fix;
  }
}

/** Where a model comes from, as decided by {@link resolveModelSource}. */
export type ModelSource =
  | { kind: 'local'; dir: string }
  | { kind: 'hub'; id: string };

const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/;
export const FIX_GENERIC =
  'set EMBEDDING_MODEL to a local folder containing onnx/model_quantized.onnx, or allow network access to the Hugging Face hub, or set EMBEDDINGS=off';

/**
 * Decides whether `model` is a local folder or a hub id. Anything that looks like a path
 * (absolute, `./`, `../`, `~/`) or names an existing directory is local; `owner/name` otherwise.
 */
export function resolveModelSource(model: string, cwd: string = process.cwd()): ModelSource {
  const trimmed = model.trim();
  if (trimmed === '') {
    throw new EmbedderLoadError({ model, kind: 'invalid-option', reason: 'the model option is empty', fix: FIX_GENERIC });
  }
  const expanded = trimmed === '~' || trimmed.startsWith('~/') ? path.join(os.homedir(), trimmed.slice(1)) : trimmed;
  const looksLikePath =
    path.isAbsolute(expanded) || /^\.\.?([\\/]|$)/.test(expanded) || expanded !== trimmed || /^[A-Za-z]:[\\/]/.test(expanded);
  const resolved = path.resolve(cwd, expanded);
  if (looksLikePath || isDirectory(resolved)) return { kind: 'local', dir: resolved };
  if (HUB_ID.test(trimmed)) return { kind: 'hub', id: trimmed };
  throw new EmbedderLoadError({
    model,
    kind: 'invalid-option',
    reason: `"${trimmed}" is neither an existing folder nor a hub id of the form owner/name`,
    fix: FIX_GENERIC,
  });
}

/** Files a feature-extraction model needs, relative to the model folder. */
export function requiredModelFiles(quantized: boolean): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/model${quantized ? '_quantized' : ''}.onnx`];
}

/**
 * Whether every file the model needs is already on disk (a complete local folder, or a complete cache entry of a
 * hub id), so loading it needs no network. False for values that are neither.
 */
export function isModelOnDisk(options: { model: string; cacheDir: string; quantized?: boolean }): boolean {
  let source: ModelSource;
  try {
    source = resolveModelSource(options.model);
  } catch {
    return false;
  }
  const folder = modelFolder(source, options.cacheDir);
  return requiredModelFiles(options.quantized ?? true).every((file) => existsSync(path.join(folder, file)));
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The first line of an error's message, plus its network cause code when there is one. */
export function describeCause(error: unknown): string {
  const err = error as { message?: unknown; cause?: { code?: unknown; message?: unknown } } | undefined;
  const message = typeof err?.message === 'string' ? err.message : String(error);
  const firstLine = message.split('\n')[0]?.trim() || 'unknown error';
  const code = err?.cause?.code;
  return typeof code === 'string' && !firstLine.includes(code) ? `${firstLine} (${code})` : firstLine;
}

const NETWORK_CODES = new Set([
  'ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
]);

export function isNetworkError(error: unknown): boolean {
  const err = error as { message?: unknown; cause?: { code?: unknown } } | undefined;
  const code = err?.cause?.code;
  return (typeof code === 'string' && NETWORK_CODES.has(code)) || err?.message === 'fetch failed';
}

/** Where the model's files are on disk: the folder itself, or its cache entry. */
export function modelFolder(source: ModelSource, cacheDir: string): string {
  return source.kind === 'local' ? source.dir : path.join(cacheDir, source.id);
}

/** How to replace a damaged file: by hand in a local folder, by deleting the cached copy for a hub model. */
function replaceFileFix(source: ModelSource, file: string, what: string): string {
  return source.kind === 'local'
    ? `replace ${file} with ${what} (the model's original file), or ${FIX_GENERIC}`
    : `delete ${file} so it is downloaded again, or ${FIX_GENERIC}`;
}

/** The first of the model's JSON files that does not parse, with the parser's message. */
function findInvalidJson(folder: string): { file: string; message: string } | undefined {
  for (const name of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
    const file = path.join(folder, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue;
      return { file, message: `cannot be read (${code ?? describeCause(error)})` };
    }
    try {
      JSON.parse(text);
    } catch (error) {
      return { file, message: `is not valid JSON (${describeCause(error)})` };
    }
  }
  return undefined;
}

/** Console output of the libraries during a load: collected instead of printed. */
export function captureConsoleNoise(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const original = { warn: console.warn, error: console.error };
  const keep = (...args: unknown[]) => {
    const text = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ').trim();
    if (text !== '') lines.push(text.split('\n')[0]!.trim());
  };
  console.warn = keep;
  console.error = keep;
  let restored = false;
  return {
    lines,
    restore: () => {
      if (restored) return;
      restored = true;
      if (console.warn === keep) console.warn = original.warn;
      if (console.error === keep) console.error = original.error;
    },
  };
}

export function classifyLoadError(
  error: unknown,
  model: string,
  source: ModelSource,
  quantized: boolean,
  context: { cacheDir: string; noise: readonly string[] },
): EmbedderLoadError {
  const cause = describeCause(error);
  const folder = modelFolder(source, context.cacheDir);
  if (isNetworkError(error)) {
    return new EmbedderLoadError({ model, kind: 'network', reason: `download failed: ${cause}`, fix: FIX_GENERIC, cause: error });
  }
  if (/could not locate file|not found/i.test(cause)) {
    return new EmbedderLoadError({ model, kind: 'not-found', reason: cause, fix: `check the model id or folder, or ${FIX_GENERIC}`, cause: error });
  }
  if (error instanceof SyntaxError || /JSON/.test(cause)) {
    const invalid = findInvalidJson(folder);
    if (invalid) {
      return new EmbedderLoadError({ model, kind: 'invalid-model', reason: `${invalid.file} ${invalid.message}`, fix: replaceFileFix(source, invalid.file, 'a valid copy'), cause: error });
    }
  }
  const onnxFile = `onnx/model${quantized ? '_quantized' : ''}.onnx`;
  if (/session|protobuf|onnx|graph|load model/i.test(cause)) {
    const where = path.join(folder, onnxFile);
    // The native backend's own message says more than the fallback's "Can't create a session".
    const native = context.noise.find((line) => !/fallback/i.test(line));
    const detail = native && native !== cause ? `${native} (the wasm fallback failed too: ${cause})` : cause;
    return new EmbedderLoadError({ model, kind: 'invalid-model', reason: `onnxruntime could not open ${where}: ${detail}`, fix: replaceFileFix(source, where, 'a valid ONNX export'), cause: error });
  }
  return new EmbedderLoadError({ model, kind: 'failed', reason: cause, fix: FIX_GENERIC, cause: error });
}
