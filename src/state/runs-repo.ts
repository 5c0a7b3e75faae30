import type { Database } from 'better-sqlite3';
import type { DigestRunRecord, DigestRunStatus, NewDigestRun } from './types.js';

interface RunRow {
  run_id: string;
  guild_id: string;
  channel_id: string;
  slot: string;
  date: string;
  count: number;
  status: DigestRunStatus;
  plan: string | null;
  attempts: number;
  next_attempt_at: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** Fields changed together with a run's status. */
export interface RunStatusChange {
  error?: string | null;
  attempts?: number;
  nextAttemptAt?: string | null;
}

/** Digest runs: one row per (guild, slot). */
export interface RunsRepo {
  get(runId: string): DigestRunRecord | undefined;
  /** Inserts the run unless it exists; returns the stored run and whether it was created now. */
  create(run: NewDigestRun): { run: DigestRunRecord; created: boolean };
  savePlan(runId: string, plan: unknown): void;
  /** Sets the status; terminal statuses (posted, failed, skipped) also set `finishedAt`. */
  setStatus(runId: string, status: DigestRunStatus, change?: RunStatusChange): DigestRunRecord;
  /** Runs still to do (pending, running, retrying), oldest slot first. */
  listOpen(): DigestRunRecord[];
  /** A guild's most recent runs, newest slot first. */
  latest(guildId: string, limit?: number): DigestRunRecord[];
}

const TERMINAL: ReadonlySet<DigestRunStatus> = new Set(['posted', 'failed', 'skipped']);

const toRun = (row: RunRow): DigestRunRecord => {
  let plan: unknown = null;
  if (row.plan !== null) {
    try {
      plan = JSON.parse(row.plan);
    } catch {
      plan = undefined; // unreadable plan: the digest module reports it as such
    }
  }
  return {
    runId: row.run_id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    slot: row.slot,
    date: row.date,
    count: row.count,
    status: row.status,
    plan,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
};

export function createRunsRepo(db: Database, now: () => string): RunsRepo {
  const select = db.prepare<[string], RunRow>('SELECT * FROM digest_runs WHERE run_id = ?');
  const insert = db.prepare(
    `INSERT OR IGNORE INTO digest_runs (run_id, guild_id, channel_id, slot, date, count, status, created_at, updated_at)
     VALUES (@runId, @guildId, @channelId, @slot, @date, @count, 'pending', @at, @at)`,
  );
  const updatePlan = db.prepare('UPDATE digest_runs SET plan = ?, updated_at = ? WHERE run_id = ?');
  const updateStatus = db.prepare(
    `UPDATE digest_runs SET status = @status, error = @error, attempts = @attempts, next_attempt_at = @next_attempt_at,
       updated_at = @at, finished_at = @finished_at WHERE run_id = @run_id`,
  );
  const selectOpen = db.prepare<[], RunRow>(
    "SELECT * FROM digest_runs WHERE status IN ('pending', 'running', 'retrying') ORDER BY slot, run_id",
  );
  const selectLatest = db.prepare<[string, number], RunRow>(
    'SELECT * FROM digest_runs WHERE guild_id = ? ORDER BY slot DESC, created_at DESC LIMIT ?',
  );

  const get = (runId: string) => {
    const row = select.get(runId);
    return row ? toRun(row) : undefined;
  };
  const mustGet = (runId: string): DigestRunRecord => {
    const run = get(runId);
    if (!run) throw new Error(`digest run ${runId} does not exist`);
    return run;
  };

  const create = db.transaction((run: NewDigestRun) => {
    const info = insert.run({ ...run, at: now() });
    return { run: mustGet(run.runId), created: info.changes === 1 };
  });

  const setStatus = db.transaction((runId: string, status: DigestRunStatus, change: RunStatusChange = {}) => {
    const before = mustGet(runId);
    const at = now();
    updateStatus.run({
      run_id: runId,
      status,
      error: change.error !== undefined ? change.error : before.error,
      attempts: change.attempts ?? before.attempts,
      next_attempt_at: change.nextAttemptAt !== undefined ? change.nextAttemptAt : null,
      at,
      finished_at: TERMINAL.has(status) ? at : null,
    });
    return mustGet(runId);
  });

  return {
    get,
    create: (run) => create(run),
    savePlan(runId, plan) {
      if (updatePlan.run(JSON.stringify(plan), now(), runId).changes !== 1) throw new Error(`digest run ${runId} does not exist`);
    },
    setStatus: (runId, status, change) => setStatus(runId, status, change),
    listOpen: () => selectOpen.all().map(toRun),
    latest: (guildId, limit = 5) => selectLatest.all(guildId, limit).map(toRun),
  };
}
