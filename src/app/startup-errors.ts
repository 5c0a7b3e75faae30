/**
 * Start-up failures as one message: what is wrong (naming the variable or file) and the fix. Expected failures
 * never show a stack trace; `DEBUG=1` or `LOG_LEVEL=debug` adds it (and the cause) for the unexpected ones too.
 */
import { ConfigError } from './config.js';
import { CorpusError } from '../corpus/load.js';
import { EmbedderLoadError } from '../search/embedder.js';
import { StateError } from '../state/errors.js';
import { DataDirLockedError } from '../process/lock.js';

// File-system codes that mean "this folder cannot be written here".
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOSPC']);

/**
 * The one-line explanation of an expected start-up failure, or undefined for an unexpected error (a bug), which
 * the caller reports with its stack.
 */
export function explainStartupError(error: unknown, where: { dataDir?: string } = {}): string | undefined {
  if (error instanceof ConfigError) return `${error.message}\nFix: correct the variables above in .env or the environment (see .env.example).`;
  if (error instanceof CorpusError) {
    return `${error.message} (CORPUS_DIR). Fix: set CORPUS_DIR to a readable folder holding .txt, .json or .jsonl paper files (see "Corpus files" in README.md).`;
  }
  if (error instanceof DataDirLockedError) {
    return `${error.message}. Fix: stop that process first (kill ${error.pid}), or give this one another DATA_DIR.`;
  }
  if (error instanceof StateError) return error.message;
  if (error instanceof EmbedderLoadError) return `${error.message}. Fix: ${error.fix}.`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && UNWRITABLE.has(code)) {
    const file = (error as NodeJS.ErrnoException).path;
    return `cannot write ${file ?? where.dataDir ?? 'the data folder'} (${code}) (DATA_DIR). Fix: make DATA_DIR${where.dataDir ? ` (${where.dataDir})` : ''} writable by this user, or point DATA_DIR at a writable folder.`;
  }
  return undefined;
}

/** Whether stack traces were asked for: `DEBUG=1` (or true/yes) or `LOG_LEVEL=debug`. */
export function wantsStack(env: Record<string, string | undefined>): boolean {
  return /^(1|true|yes|on)$/i.test(env.DEBUG ?? '') || (env.LOG_LEVEL ?? '').trim().toLowerCase() === 'debug';
}

/** The text to print for a failed start: the explanation, plus the stack when asked for or when unexpected. */
export function formatStartupFailure(error: unknown, options: { debug: boolean; dataDir?: string }): string {
  const explained = explainStartupError(error, options.dataDir ? { dataDir: options.dataDir } : {});
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (explained === undefined) return `Paper Scout stopped: ${options.debug ? stack : `${firstLine(error)} (set DEBUG=1 for the stack trace)`}`;
  return `Paper Scout cannot start: ${explained}${options.debug ? `\n${stack}` : ''}`;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
