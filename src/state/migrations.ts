import type { Database } from 'better-sqlite3';

/** One schema step; `version` is what `PRAGMA user_version` holds once it has run. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** Ordered schema history. Never edit a released step: append a new one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'digest settings, runs, posted papers, subscriptions, matches, ingested papers',
    sql: `
      CREATE TABLE guild_settings (
        guild_id TEXT PRIMARY KEY,
        channel_id TEXT,
        time TEXT,
        time_zone TEXT,
        count INTEGER,
        enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
        schedule_since TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE digest_runs (
        run_id TEXT PRIMARY KEY,
        guild_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        slot TEXT NOT NULL,
        date TEXT NOT NULL,
        count INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'retrying', 'posted', 'failed', 'skipped')),
        plan TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX digest_runs_by_guild ON digest_runs (guild_id, slot);
      CREATE INDEX digest_runs_open ON digest_runs (status) WHERE status IN ('pending', 'running', 'retrying');

      CREATE TABLE posted_papers (
        channel_id TEXT NOT NULL,
        paper_id TEXT NOT NULL,
        title_key TEXT NOT NULL,
        run_id TEXT,
        posted_at TEXT NOT NULL,
        PRIMARY KEY (channel_id, paper_id)
      );
      CREATE INDEX posted_papers_by_title ON posted_papers (channel_id, title_key);
      CREATE INDEX posted_papers_by_run ON posted_papers (run_id);

      CREATE TABLE subscriptions (
        user_id TEXT NOT NULL,
        guild_id TEXT NOT NULL,
        topic_key TEXT NOT NULL,
        topic TEXT NOT NULL,
        threshold REAL NOT NULL CHECK (threshold >= 0 AND threshold <= 1),
        created_at TEXT NOT NULL,
        PRIMARY KEY (user_id, guild_id, topic_key)
      );

      CREATE TABLE subscription_matches (
        user_id TEXT NOT NULL,
        guild_id TEXT NOT NULL,
        topic_key TEXT NOT NULL,
        topic TEXT NOT NULL,
        paper_id TEXT NOT NULL,
        paper_title TEXT NOT NULL,
        paper_url TEXT NOT NULL,
        score REAL NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('notified', 'pending', 'seen')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (user_id, guild_id, topic_key, paper_id)
      );
      CREATE INDEX subscription_matches_pending ON subscription_matches (user_id, status);

      CREATE TABLE ingested_papers (
        key TEXT PRIMARY KEY,
        paper TEXT NOT NULL,
        origin TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'reading lists',
    sql: `
      CREATE TABLE reading_list (
        user_id TEXT NOT NULL,
        paper_key TEXT NOT NULL,
        paper TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (user_id, paper_key)
      );
      CREATE INDEX reading_list_by_time ON reading_list (user_id, saved_at);
    `,
  },
];

/** Highest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/**
 * Brings the database to SCHEMA_VERSION, one transaction per step (a failed step leaves the previous version intact).
 * Returns the versions applied. Throws when the file was written by a newer build.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new Error(`schema version ${current} is newer than this build supports (${latest}); upgrade Paper Scout or use another DATA_DIR`);
  }
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
