import type { Database } from 'better-sqlite3';
import { normalizeTitle } from '../corpus/ids.js';
import type { PostedPaperKey } from './types.js';

/** Papers already posted per channel, so a channel never sees the same paper twice. */
export interface PostedRepo {
  /** True when the paper (by id or by normalised title) was posted to the channel. */
  isPosted(channelId: string, paper: PostedPaperKey): boolean;
  /** Ids of the papers a run has posted. */
  postedByRun(runId: string): Set<string>;
  /** Records papers as posted (ignores ones already recorded). Call inside the transaction that marks progress. */
  record(channelId: string, runId: string | null, papers: readonly PostedPaperKey[]): number;
}

export function createPostedRepo(db: Database, now: () => string): PostedRepo {
  const byId = db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM posted_papers WHERE channel_id = ? AND paper_id = ?');
  const byTitle = db.prepare<[string, string], { one: number }>(
    'SELECT 1 AS one FROM posted_papers WHERE channel_id = ? AND title_key = ? LIMIT 1',
  );
  const byRun = db.prepare<[string], { paper_id: string }>('SELECT paper_id FROM posted_papers WHERE run_id = ?');
  const insert = db.prepare(
    `INSERT OR IGNORE INTO posted_papers (channel_id, paper_id, title_key, run_id, posted_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const record = db.transaction((channelId: string, runId: string | null, papers: readonly PostedPaperKey[]) => {
    const at = now();
    let n = 0;
    for (const paper of papers) n += insert.run(channelId, paper.id, normalizeTitle(paper.title), runId, at).changes;
    return n;
  });
  return {
    isPosted: (channelId, paper) =>
      byId.get(channelId, paper.id) !== undefined || byTitle.get(channelId, normalizeTitle(paper.title)) !== undefined,
    postedByRun: (runId) => new Set(byRun.all(runId).map((r) => r.paper_id)),
    record: (channelId, runId, papers) => record(channelId, runId, papers),
  };
}
