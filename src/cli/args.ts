/**
 * Argument helpers shared by the CLI commands (search, answers, ingest/digest). Kept apart from `main.ts`, whose
 * entry point runs on import, so command modules can use them without importing the entry.
 */
import type { SearchMode } from '../search/types.js';

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
