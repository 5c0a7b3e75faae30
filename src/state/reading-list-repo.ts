import type { Database } from 'better-sqlite3';
import type { Paper } from '../corpus/types.js';
import type { Logger } from '../shared/types.js';
import { ingestedPaperKey, parseStoredPaper } from './papers-repo.js';

/** One saved paper: a snapshot taken when it was saved, so the list survives the paper leaving the corpus. */
export interface ReadingListEntry {
  /** The paper's identity across restarts: `arxiv:<id>` or `title:<normalised title>`. */
  key: string;
  paper: Paper;
  savedAt: string;
}

interface Row {
  paper_key: string;
  paper: string;
  saved_at: string;
}

/** Per-user reading lists. */
export interface ReadingListRepo {
  /** Saves a paper for a user; false when it was already on the list (the snapshot is refreshed). */
  save(userId: string, paper: Paper): boolean;
  /** Removes one entry; false when it was not there. */
  remove(userId: string, key: string): boolean;
  /** The user's entries, newest first (`offset`/`limit` for paging); unreadable rows are logged and skipped. */
  list(userId: string, options?: { offset?: number; limit?: number }): ReadingListEntry[];
  count(userId: string): number;
}

export function createReadingListRepo(db: Database, now: () => string, logger: Logger): ReadingListRepo {
  const exists = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM reading_list WHERE user_id = ? AND paper_key = ?');
  const insert = db.prepare(
    `INSERT INTO reading_list (user_id, paper_key, paper, saved_at) VALUES (@user, @key, @paper, @at)
     ON CONFLICT (user_id, paper_key) DO UPDATE SET paper = excluded.paper`,
  );
  const del = db.prepare<[string, string]>('DELETE FROM reading_list WHERE user_id = ? AND paper_key = ?');
  const page = db.prepare<[string, number, number], Row>(
    'SELECT paper_key, paper, saved_at FROM reading_list WHERE user_id = ? ORDER BY saved_at DESC, rowid DESC LIMIT ? OFFSET ?',
  );
  const count = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM reading_list WHERE user_id = ?');

  const save = db.transaction((userId: string, paper: Paper) => {
    const key = ingestedPaperKey(paper);
    const isNew = exists.get(userId, key) === undefined;
    insert.run({ user: userId, key, paper: JSON.stringify(paper), at: now() });
    return isNew;
  });

  return {
    save: (userId, paper) => save(userId, paper),
    remove: (userId, key) => del.run(userId, key).changes > 0,
    list(userId, options = {}) {
      const out: ReadingListEntry[] = [];
      for (const row of page.all(userId, options.limit ?? -1, options.offset ?? 0)) {
        const parsed = parseStoredPaper(row.paper);
        if ('reason' in parsed) {
          logger.warn(`state: reading list entry ${row.paper_key} of user ${userId} is unreadable; skipped`, { reason: parsed.reason });
          continue;
        }
        out.push({ key: row.paper_key, paper: parsed.paper, savedAt: row.saved_at });
      }
      return out;
    },
    count: (userId) => count.get(userId)!.n,
  };
}
