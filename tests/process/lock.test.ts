import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE, processIsRunning, readOwner } from '../../src/process/lock.js';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'paper-scout-lock-'));

describe('acquireDataDirLock', () => {
  it('creates the folder and a lock file with the pid; release removes it', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const lock = acquireDataDirLock(dir, { pid: 4242, isRunning: () => true });
    expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe('4242\n');
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it('refuses while the owner runs, naming its pid and the folder', () => {
    const dir = tempDir();
    acquireDataDirLock(dir, { pid: 100, isRunning: () => true });
    expect(() => acquireDataDirLock(dir, { pid: 200, isRunning: (pid) => pid === 100 })).toThrow(
      new DataDirLockedError(dir, 100),
    );
    expect(() => acquireDataDirLock(dir, { pid: 200, isRunning: () => true })).toThrow(`another Paper Scout (pid 100) is using DATA_DIR ${dir}`);
  });

  it('takes over a lock whose owner is gone, one with our own pid, and an unreadable one', () => {
    const dir = tempDir();
    const file = path.join(dir, LOCK_FILE);
    writeFileSync(file, '100\n');
    acquireDataDirLock(dir, { pid: 200, isRunning: () => false });
    expect(readOwner(file)).toBe(200);
    writeFileSync(file, '300\n');
    acquireDataDirLock(dir, { pid: 300, isRunning: () => true });
    expect(readOwner(file)).toBe(300);
    writeFileSync(file, 'garbage');
    acquireDataDirLock(dir, { pid: 400, isRunning: () => true });
    expect(readOwner(file)).toBe(400);
  });

  it('release leaves a lock that another process has taken over', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir, { pid: 100, isRunning: () => false });
    writeFileSync(lock.file, '999\n');
    lock.release();
    expect(readOwner(lock.file)).toBe(999);
  });
});

describe('processIsRunning', () => {
  it('is true for this process and false for a pid that is not in use', () => {
    expect(processIsRunning(process.pid)).toBe(true);
    expect(processIsRunning(2 ** 22 + 12345)).toBe(false);
  });
});
