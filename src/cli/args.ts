/**
 * Argument helpers shared by the CLI commands (search, answers, ingest/digest). Kept apart from `main.ts`, whose
 * entry point runs on import, so command modules can use them without importing the entry.
 */
import { isModelOnDisk } from '../search/embedder.js';
import type { SearchMode } from '../search/types.js';
import { LIMITS } from '../shared/limits.js';

/** Positional arguments and flags of one CLI call. */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

/** Where a command writes; injectable so tests capture output. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin?: NodeJS.ReadableStream;
}

/** A mistake in how a command was called: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const MODES: readonly SearchMode[] = ['hybrid', 'keyword', 'semantic'];

/** A whole-number flag within bounds (undefined when absent), or a UsageError naming the flag and the range. */
export function intFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = args.flags[name];
  if (raw === undefined) return undefined;
  const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${String(raw)}")`);
  return n;
}

/** A query, question or topic within the length every surface accepts. */
export function checkQueryLength(text: string): string {
  if (text.length > LIMITS.queryLength) throw new UsageError(`the text is too long: ${text.length} characters, at most ${LIMITS.queryLength}`);
  return text;
}

/** A flag that needs a non-empty value (undefined when absent). */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} needs a value`);
  return value.trim();
}

/** `--mode hybrid|keyword|semantic` (undefined when absent). */
export function modeFlag(args: ParsedArgs): SearchMode | undefined {
  const raw = args.flags.mode;
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !MODES.includes(raw as SearchMode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')} (got "${String(raw)}")`);
  return raw as SearchMode;
}

/** Exit codes of the CLI (README "Command line"). */
export const EXIT_CODES = { ok: 0, failure: 1, usage: 2 } as const;

/** A failed CLI call as reported: a stable `code` for scripts, one-line `message`, optional lines of detail. */
export interface CliFailure {
  code: 'usage' | 'config' | 'ambiguous' | 'not_found' | 'invalid_input' | 'corpus' | 'ingest' | 'failure';
  message: string;
  exit: number;
  /** Extra lines for people (candidates, closest titles); under `details` in JSON. */
  details?: string[];
}

/** A usage error: one line that ends by pointing at --help. */
export function usageFailure(message: string): CliFailure {
  return { code: 'usage', message: `${message}; see --help`, exit: EXIT_CODES.usage };
}

/**
 * Prints a failure: with `--json`, `{"error":{"code","message"[,"details"]}}` on stdout (scripts read one stream);
 * otherwise `error: …` on stderr. Returns the exit code.
 */
export function reportFailure(io: Pick<CliIo, 'stdout' | 'stderr'>, json: boolean, failure: CliFailure): number {
  if (json) {
    io.stdout(`${JSON.stringify({ error: { code: failure.code, message: failure.message, ...(failure.details ? { details: failure.details } : {}) } })}\n`);
  } else {
    io.stderr(`error: ${failure.message}\n${(failure.details ?? []).map((line) => `${line}\n`).join('')}`);
  }
  return failure.exit;
}

/** Whether the raw arguments ask for JSON (also when they fail to parse). */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.includes('--json');
}

/** Whether the configured model loads without the network (a local folder, or a complete download cache). */
export function modelIsOnDisk(embeddings: { enabled: boolean; model: string; cacheDir: string; quantized: boolean }): boolean {
  return embeddings.enabled && isModelOnDisk(embeddings);
}
