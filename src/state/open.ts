import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Clock, Logger } from '../shared/types.js';
import { StateError } from './errors.js';
import { migrate } from './migrations.js';
import { createPapersRepo, type PapersRepo } from './papers-repo.js';
import { createPostedRepo, type PostedRepo } from './posted-repo.js';
import { createReadingListRepo, type ReadingListRepo } from './reading-list-repo.js';
import { createRunsRepo, type RunsRepo } from './runs-repo.js';
import { createSettingsRepo, type SettingsRepo } from './settings-repo.js';
import { createSubscriptionsRepo, type SubscriptionsRepo } from './subscriptions-repo.js';

/** File name of the state database inside DATA_DIR. */
export const STATE_FILE = 'paper-scout.db';

/** `<dataDir>/paper-scout.db`. */
export function statePathFor(dataDir: string): string {
  return path.join(dataDir, STATE_FILE);
}

/** The bot's persistent state: typed repositories over one SQLite file. */
export interface State {
  readonly path: string;
  readonly settings: SettingsRepo;
  readonly runs: RunsRepo;
  readonly posted: PostedRepo;
  readonly subscriptions: SubscriptionsRepo;
  readonly papers: PapersRepo;
  readonly readingList: ReadingListRepo;
  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface OpenStateOptions {
  clock: Clock;
  logger: Logger;
}

/**
 * Opens (creating the folder and file if needed) and migrates the state database; WAL journal.
 * `:memory:` gives a throw-away database. Throws StateError naming the file, the cause and the fix when the file
 * is corrupt, not a database, unwritable or from a newer build.
 */
export function openState(file: string, options: OpenStateOptions): State {
  const { clock, logger } = options;
  const memory = file === ':memory:';
  const resolved = memory ? file : path.resolve(file);
  let db: Database | undefined;
  try {
    if (!memory) mkdirSync(path.dirname(resolved), { recursive: true });
    db = new BetterSqlite3(resolved);
    // Reading the header first turns "not a database" into an error here rather than on the first query.
    db.pragma('schema_version');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(`integrity check failed: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const applied = migrate(db);
    if (applied.length > 0) logger.info(`state: ${resolved} migrated to schema version ${applied[applied.length - 1]}`);
  } catch (error) {
    db?.close();
    throw explainOpenError(resolved, error);
  }
  const database = db;
  const now = () => clock.now().toISOString();
  return {
    path: resolved,
    settings: createSettingsRepo(database, now),
    runs: createRunsRepo(database, now),
    posted: createPostedRepo(database, now),
    subscriptions: createSubscriptionsRepo(database, now),
    papers: createPapersRepo(database, now, logger),
    readingList: createReadingListRepo(database, now, logger),
    transaction: <T>(fn: () => T): T => database.transaction(fn)(),
    close: () => {
      if (database.open) database.close();
    },
  };
}

/** Turns a low-level open failure into a StateError that says what to do. */
function explainOpenError(file: string, error: unknown): StateError {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message ?? String(error);
  const dir = path.dirname(file);
  let fix: string;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed|corrupt/i.test(message)) {
    fix = `the file is damaged or is not a Paper Scout database. Stop the bot, move it aside (e.g. mv "${file}" "${file}.broken") to start with an empty state, or restore a backup`;
  } else if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || /database is locked/i.test(message)) {
    fix = `another process holds a lock on it (another Paper Scout on this DATA_DIR, or a sqlite3 shell): stop that process, or point DATA_DIR at another folder`;
  } else if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') {
    fix = `make "${dir}" and the file writable by this user, or point DATA_DIR at a writable folder`;
  } else if (/newer than this build/.test(message)) {
    fix = 'run a Paper Scout version that knows this schema, or point DATA_DIR at another folder';
  } else {
    fix = `check the file and its folder, or point DATA_DIR at another folder`;
  }
  return new StateError(`cannot open state database ${file}: ${message}${code ? ` (${code})` : ''}. Fix: ${fix}.`, file, { cause: error });
}
