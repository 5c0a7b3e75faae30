/**
 * Remembers a failed model load in DATA_DIR for a while, so a series of CLI calls (each a new process) fails fast
 * instead of waiting on an unreachable hub every time. A success, another model or an old record clears it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** File name inside DATA_DIR. */
export const MODEL_FAILURE_FILE = 'model-failure.json';

/** A remembered failure: which model, why, when. */
export interface ModelFailure {
  model: string;
  reason: string;
  at: string;
}

/** The failure recorded for `model` within the last `ttlMs`, or undefined. */
export function recentModelFailure(dataDir: string, model: string, now: Date, ttlMs: number): ModelFailure | undefined {
  if (ttlMs <= 0) return undefined;
  let record: Partial<ModelFailure>;
  try {
    record = JSON.parse(readFileSync(path.join(dataDir, MODEL_FAILURE_FILE), 'utf8')) as Partial<ModelFailure>;
  } catch {
    return undefined; // none, or unreadable: try the model
  }
  const at = Date.parse(record.at ?? '');
  if (record.model !== model || typeof record.reason !== 'string' || !(now.getTime() - at < ttlMs) || at > now.getTime()) return undefined;
  return { model, reason: record.reason, at: new Date(at).toISOString() };
}

/** Records a failure (best effort: a read-only DATA_DIR only loses the memory). */
export function rememberModelFailure(dataDir: string, failure: ModelFailure): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, MODEL_FAILURE_FILE), `${JSON.stringify(failure)}\n`);
  } catch {
    // Memory is an optimisation.
  }
}

/** Forgets any recorded failure. */
export function forgetModelFailure(dataDir: string): void {
  rmSync(path.join(dataDir, MODEL_FAILURE_FILE), { force: true });
}
