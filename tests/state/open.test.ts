import { writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openState, SCHEMA_VERSION, StateError, statePathFor, type Migration } from '../../src/state/index.js';
import { silentLogger } from '../../src/shared/log.js';
import { captureLogger, fakeClock, tempDir } from './helpers.js';

const clock = fakeClock('2026-03-06T10:00:00Z');

describe('openState', () => {
  it('creates the folder and file, migrates to the current schema and uses WAL', () => {
    const file = path.join(tempDir(), 'nested', 'data', 'paper-scout.db');
    const logger = captureLogger();
    const state = openState(file, { clock, logger });
    state.close();
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['digest_runs', 'guild_settings', 'ingested_papers', 'posted_papers', 'reading_list', 'subscription_matches', 'subscriptions']);
    db.close();
    expect(logger.lines.some((l) => l.includes(`migrated to schema version ${SCHEMA_VERSION}`))).toBe(true);
  });

  it('migrates an existing empty (0-byte) file', () => {
    const file = path.join(tempDir(), 'paper-scout.db');
    writeFileSync(file, '');
    const state = openState(file, { clock, logger: silentLogger });
    expect(state.settings.get('1')).toBeUndefined();
    state.close();
  });

  it('keeps data across a re-open and does not migrate again', () => {
    const file = statePathFor(tempDir());
    const first = openState(file, { clock, logger: silentLogger });
    first.settings.update('g1', { channelId: 'c1', enabled: true });
    first.close();
    const logger = captureLogger();
    const second = openState(file, { clock, logger });
    expect(second.settings.get('g1')).toMatchObject({ channelId: 'c1', enabled: true });
    expect(logger.lines.filter((l) => l.includes('migrated'))).toEqual([]);
    second.close();
  });

  it('rejects a corrupt file with an error naming the file and the fix', () => {
    const file = path.join(tempDir(), 'paper-scout.db');
    writeFileSync(file, 'this is not a database, just some text that happens to be long enough to fill a header page');
    let error: unknown;
    try {
      openState(file, { clock, logger: silentLogger });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StateError);
    expect((error as StateError).file).toBe(file);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/not a database/);
    expect((error as Error).message).toContain(`mv "${file}" "${file}.broken"`);
  });

  it('rejects an unusable location with a fix about DATA_DIR', () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'data');
    writeFileSync(blocker, 'a file where a folder should be');
    expect(() => openState(path.join(blocker, 'paper-scout.db'), { clock, logger: silentLogger })).toThrow(
      /cannot open state database .*paper-scout\.db.*Fix: .*DATA_DIR/,
    );
  });

  it('rejects a database written by a newer schema', () => {
    const file = path.join(tempDir(), 'paper-scout.db');
    const db = new BetterSqlite3(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openState(file, { clock, logger: silentLogger })).toThrow(/newer than this build supports/);
  });
});

describe('migrate', () => {
  it('runs each step in its own transaction: a failing step leaves the previous version intact', () => {
    const db = new BetterSqlite3(':memory:');
    const steps: Migration[] = [
      { version: 1, description: 'a', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, description: 'b', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO missing VALUES (1);' },
    ];
    expect(() => migrate(db, steps)).toThrow(/no such table: missing/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(['a']);
  });

  it('applies only the steps after the current version', () => {
    const db = new BetterSqlite3(':memory:');
    const steps: Migration[] = [
      { version: 1, description: 'a', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, description: 'b', sql: 'CREATE TABLE b (x INTEGER);' },
    ];
    expect(migrate(db, steps.slice(0, 1))).toEqual([1]);
    expect(migrate(db, steps)).toEqual([2]);
    expect(migrate(db, steps)).toEqual([]);
  });
});
