/**
 * Where an embedding model comes from (a local folder or a Hugging Face hub id) and why it could not be loaded: every
 * failure becomes an {@link EmbedderLoadError} with a reason and a fix for the operator.
 */
import { statSync } from 'node:fs';
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
/** The fix offered when nothing more specific is known. */
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

/** True when `p` is an existing folder. */
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

/** True for a failed download (DNS, refused or reset connection, timeout). */
export function isNetworkError(error: unknown): boolean {
  const err = error as { message?: unknown; cause?: { code?: unknown } } | undefined;
  const code = err?.cause?.code;
  return (typeof code === 'string' && NETWORK_CODES.has(code)) || err?.message === 'fetch failed';
}

/** Turns a transformers.js / onnxruntime load failure into an {@link EmbedderLoadError} saying what to do. */
export function classifyLoadError(error: unknown, model: string, source: ModelSource, quantized: boolean): EmbedderLoadError {
  const cause = describeCause(error);
  if (isNetworkError(error)) {
    return new EmbedderLoadError({ model, kind: 'network', reason: `download failed: ${cause}`, fix: FIX_GENERIC, cause: error });
  }
  if (/could not locate file|not found/i.test(cause)) {
    return new EmbedderLoadError({ model, kind: 'not-found', reason: cause, fix: `check the model id or folder, or ${FIX_GENERIC}`, cause: error });
  }
  const onnxFile = `onnx/model${quantized ? '_quantized' : ''}.onnx`;
  if (/session|protobuf|onnx|graph|load model/i.test(cause)) {
    const where = source.kind === 'local' ? path.join(source.dir, onnxFile) : `${source.id}/${onnxFile}`;
    return new EmbedderLoadError({ model, kind: 'invalid-model', reason: `onnxruntime could not open ${where}: ${cause}`, fix: `replace the file with a valid ONNX export (delete it from the cache to re-download), or ${FIX_GENERIC}`, cause: error });
  }
  return new EmbedderLoadError({ model, kind: 'failed', reason: cause, fix: FIX_GENERIC, cause: error });
}
