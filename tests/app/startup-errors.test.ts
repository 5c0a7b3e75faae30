/** Start-up failures print one message naming the variable or file and the fix, exit 1, no stack trace. */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/app/config.js';
import { CorpusError } from '../../src/corpus/load.js';
import { DataDirLockedError } from '../../src/process/lock.js';
import { explainStartupError, formatStartupFailure, wantsStack } from '../../src/app/startup-errors.js';
import { REPO_ROOT } from '../discord/harness.js';
import { getTestModelDir } from '../../test-support/test-model-files.js';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'paper-scout-start-'));
const STACK_LINE = /^\s+at /m;

/** `npm start`'s command in the terminal mode (no token), with `input` piped; resolves with the exit code and output. */
async function start(env: Record<string, string>, input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = execFile('node', ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, EMBEDDINGS: 'off', INGEST_ON_START: 'false', DATA_DIR: tempDir(), ...env },
  });
  child.stdin?.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  return { code, stdout, stderr };
}

function expectOneMessage(result: { code: number; stderr: string }, ...mentions: (string | RegExp)[]): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^Paper Scout cannot start: /);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr).toContain('Fix:');
  for (const mention of mentions) expect(result.stderr).toMatch(mention);
}

describe('npm start: expected start-up failures', () => {
  it('a missing, empty or unreadable CORPUS_DIR names the variable and the folder', async () => {
    const empty = tempDir();
    const file = path.join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const [missing, none, notDir] = await Promise.all([
      start({ CORPUS_DIR: '/missing' }),
      start({ CORPUS_DIR: empty }),
      start({ CORPUS_DIR: file }),
    ]);
    expectOneMessage(missing, /CORPUS_DIR/, /\/missing/, /ENOENT/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expectOneMessage(none, /CORPUS_DIR/, new RegExp(empty), /no \.txt, \.json or \.jsonl files/);
    expectOneMessage(notDir, /CORPUS_DIR/, /ENOTDIR/);
  }, 60_000);

  it('shows the stack trace only with DEBUG=1 or LOG_LEVEL=debug', async () => {
    const debug = await start({ CORPUS_DIR: '/missing', DEBUG: '1' });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/CORPUS_DIR/);
    expect(debug.stderr).toMatch(STACK_LINE);
  }, 30_000);

  it('a bad configuration value names the variable', async () => {
    const result = await start({ RESULT_LIMIT: 'lots' });
    expectOneMessage(result, /RESULT_LIMIT="lots": expected a number/);
  }, 30_000);

  it('a corrupt, locked or unwritable state database names the file and the fix', async () => {
    const corrupt = tempDir();
    writeFileSync(path.join(corrupt, 'paper-scout.db'), 'this is not a database, just some text that is long enough'.repeat(40));
    const locked = tempDir();
    const holder = new BetterSqlite3(path.join(locked, 'paper-scout.db'));
    holder.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);');
    const unwritable = tempDir();
    mkdirSync(path.join(unwritable, 'paper-scout.db')); // a folder where the file should be
    const underFile = path.join(tempDir(), 'file');
    writeFileSync(underFile, 'x');
    try {
      const [c, l, u, f] = await Promise.all([
        start({ DATA_DIR: corrupt }),
        start({ DATA_DIR: locked }),
        start({ DATA_DIR: unwritable }),
        start({ DATA_DIR: path.join(underFile, 'data') }),
      ]);
      expectOneMessage(c, path.join(corrupt, 'paper-scout.db'), /damaged or is not a Paper Scout database/);
      expectOneMessage(l, path.join(locked, 'paper-scout.db'), /another process holds a lock on it/);
      expectOneMessage(u, path.join(unwritable, 'paper-scout.db'), /writable/);
      expectOneMessage(f, /DATA_DIR/, /ENOTDIR/, /writable folder/);
    } finally {
      holder.close();
    }
  }, 60_000);

  it('an incomplete or corrupt local model folder is one warning naming the file; keyword search still serves', async () => {
    const modelDir = await getTestModelDir();
    const incomplete = path.join(tempDir(), 'model');
    cpSync(modelDir, incomplete, { recursive: true });
    writeFileSync(path.join(incomplete, 'config.json'), '');
    const corrupt = path.join(tempDir(), 'model');
    cpSync(modelDir, corrupt, { recursive: true });
    writeFileSync(path.join(corrupt, 'onnx', 'model_quantized.onnx'), 'not onnx');
    const badTokenizer = path.join(tempDir(), 'model');
    cpSync(modelDir, badTokenizer, { recursive: true });
    writeFileSync(path.join(badTokenizer, 'tokenizer.json'), '{');
    const run = (model: string) => start({ EMBEDDINGS: 'on', EMBEDDING_MODEL: model, ALLOW_REMOTE_MODELS: 'false' }, 'search --mode keyword lottery ticket\n');
    for (const [model, file] of [
      [incomplete, 'config.json'],
      [corrupt, path.join('onnx', 'model_quantized.onnx')],
      [badTokenizer, 'tokenizer.json'],
    ] as const) {
      const result = await run(model);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Lottery Ticket');
      const warnings = result.stderr.split('\n').filter((l) => l.startsWith('warn: semantic search unavailable'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(path.join(model, file));
      expect(warnings[0]).toContain('Fix: ');
      expect(warnings[0]).not.toMatch(/delete it from the cache/);
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.stderr).not.toMatch(/Using `wasm` as a fallback/);
    }
  }, 90_000);
});

describe('explainStartupError', () => {
  it('explains the expected failures and leaves unexpected ones to the caller', () => {
    expect(explainStartupError(new ConfigError('invalid configuration:\n  X="1": bad'))).toMatch(/Fix: correct the variables/);
    expect(explainStartupError(new CorpusError('corpus folder /c has no .txt, .json or .jsonl files'))).toMatch(/\(CORPUS_DIR\)\. Fix: set CORPUS_DIR/);
    expect(explainStartupError(new DataDirLockedError('/d', 12))).toBe(
      'another Paper Scout (pid 12) is using DATA_DIR /d. Fix: stop that process first (kill 12), or give this one another DATA_DIR.',
    );
    const eacces = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: '/d/paper-scout.lock' });
    expect(explainStartupError(eacces, { dataDir: '/d' })).toBe(
      'cannot write /d/paper-scout.lock (EACCES) (DATA_DIR). Fix: make DATA_DIR (/d) writable by this user, or point DATA_DIR at a writable folder.',
    );
    expect(explainStartupError(new TypeError('x is undefined'))).toBeUndefined();
  });
});

describe('formatStartupFailure', () => {
  it('adds the stack only in debug mode; a bug gets its first line and a hint', () => {
    const error = new CorpusError('corpus folder /c has no .txt, .json or .jsonl files');
    expect(formatStartupFailure(error, { debug: false })).not.toMatch(STACK_LINE);
    expect(formatStartupFailure(error, { debug: true })).toMatch(STACK_LINE);
    expect(formatStartupFailure(new TypeError('x is undefined\nmore'), { debug: false })).toBe(
      'Paper Scout stopped: x is undefined (set DEBUG=1 for the stack trace)',
    );
  });
});

describe('wantsStack', () => {
  it('is on for DEBUG=1/true and LOG_LEVEL=debug only', () => {
    expect([wantsStack({ DEBUG: '1' }), wantsStack({ DEBUG: 'true' }), wantsStack({ LOG_LEVEL: 'debug' })]).toEqual([true, true, true]);
    expect([wantsStack({}), wantsStack({ DEBUG: '0' }), wantsStack({ LOG_LEVEL: 'info' })]).toEqual([false, false, false]);
  });
});
