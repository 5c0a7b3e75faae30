import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forgetModelFailure, MODEL_FAILURE_FILE, recentModelFailure, rememberModelFailure } from '../../src/search/model-failure.js';

const at = new Date('2026-01-01T10:00:00Z');
const minutes = (n: number) => new Date(at.getTime() + n * 60_000);
const TEN_MINUTES = 10 * 60_000;

describe('recentModelFailure', () => {
  it('returns a failure of the same model within the time to live, and nothing after it, for another model or ttl 0', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'model-failure-'));
    rememberModelFailure(dir, { model: 'a/b', reason: 'no answer', at: at.toISOString() });
    expect(recentModelFailure(dir, 'a/b', minutes(9), TEN_MINUTES)).toEqual({ model: 'a/b', reason: 'no answer', at: at.toISOString() });
    expect(recentModelFailure(dir, 'a/b', minutes(10), TEN_MINUTES)).toBeUndefined();
    expect(recentModelFailure(dir, 'c/d', minutes(1), TEN_MINUTES)).toBeUndefined();
    expect(recentModelFailure(dir, 'a/b', minutes(1), 0)).toBeUndefined();
    // A record from the future (a clock set back) does not block the model.
    expect(recentModelFailure(dir, 'a/b', minutes(-5), TEN_MINUTES)).toBeUndefined();
  });

  it('ignores a missing or damaged record', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'model-failure-'));
    expect(recentModelFailure(dir, 'a/b', at, TEN_MINUTES)).toBeUndefined();
    writeFileSync(path.join(dir, MODEL_FAILURE_FILE), '{not json');
    expect(recentModelFailure(dir, 'a/b', at, TEN_MINUTES)).toBeUndefined();
  });
});

describe('forgetModelFailure', () => {
  it('removes the record, and is fine without one', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'model-failure-'));
    rememberModelFailure(dir, { model: 'a/b', reason: 'x', at: at.toISOString() });
    forgetModelFailure(dir);
    expect(recentModelFailure(dir, 'a/b', minutes(1), TEN_MINUTES)).toBeUndefined();
    expect(() => forgetModelFailure(dir)).not.toThrow();
  });
});

describe('rememberModelFailure', () => {
  it('creates the folder, and loses the record quietly where it cannot write', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'model-failure-')), 'new');
    rememberModelFailure(dir, { model: 'a/b', reason: 'x', at: at.toISOString() });
    expect(recentModelFailure(dir, 'a/b', minutes(1), TEN_MINUTES)?.reason).toBe('x');
    const file = path.join(dir, 'file');
    writeFileSync(file, '');
    expect(() => rememberModelFailure(path.join(file, 'sub'), { model: 'a/b', reason: 'x', at: at.toISOString() })).not.toThrow();
  });
});
