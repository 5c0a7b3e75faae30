/**
 * One bot per DATA_DIR: an exclusive lock file (`<dataDir>/paper-scout.lock`) holding the owner's pid. A lock left by
 * a process that no longer runs (a crash, a SIGKILL) is taken over; a live owner stops the start with its pid.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/** File name of the lock inside DATA_DIR. */
export const LOCK_FILE = 'paper-scout.lock';

/** Another live process holds the lock; `pid` is its process id. */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`another Paper Scout (pid ${pid}) is using DATA_DIR ${dataDir}`);
  }
}

/** A held lock; `release()` removes the file (only while it is still ours). */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** Options of {@link acquireDataDirLock}; injectable for tests. */
export interface LockOptions {
  pid?: number;
  /** Whether a process runs; default `process.kill(pid, 0)`. */
  isRunning?: (pid: number) => boolean;
}

/**
 * Takes the lock of `dataDir` (created if missing). Throws DataDirLockedError when a running process holds it;
 * other file-system errors (unwritable folder) are thrown as they are.
 */
export function acquireDataDirLock(dataDir: string, options: LockOptions = {}): DataDirLock {
  const pid = options.pid ?? process.pid;
  const isRunning = options.isRunning ?? processIsRunning;
  const file = path.join(dataDir, LOCK_FILE);
  mkdirSync(dataDir, { recursive: true });
  // Two attempts: the second follows the removal of a stale lock. A racer that wins in between is reported.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, `${pid}\n`);
      } finally {
        closeSync(fd);
      }
      return { file, release: () => releaseIfOwned(file, pid) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(file);
    // Our own pid in the file is a leftover too (a restarted container often gets the same pid).
    if (owner !== undefined && owner !== pid && isRunning(owner)) throw new DataDirLockedError(dataDir, owner);
    removeQuietly(file);
  }
  const owner = readOwner(file);
  throw new DataDirLockedError(dataDir, owner ?? 0);
}

/** The pid written in a lock file, or undefined when it is missing or unreadable (a half-written file). */
export function readOwner(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** `kill(pid, 0)`: ESRCH means gone; EPERM means it runs under another user. */
export function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfOwned(file: string, pid: number): void {
  if (readOwner(file) === pid) removeQuietly(file);
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}
