import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main, parseCli } from '../src/cli/main.js';
import { UsageError } from '../src/cli/args.js';

const run = promisify(execFile);
const LOTTERY = ['Stabilizing the Lottery Ticket Hypothesis', 'Low-rank lottery tickets: finding efficient low-rank neural networks via matrix differential equations'];

function capture(stdin?: string) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (t: string) => (out.stdout += t),
      stderr: (t: string) => (out.stderr += t),
      ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}),
    },
  };
}

const env = () => ({ EMBEDDINGS: 'off', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'paper-scout-cli-')), LOG_LEVEL: 'warn' });

describe('parseCli', () => {
  it('splits the command, positionals and flags', () => {
    expect(parseCli(['search', 'lottery', 'ticket', '--limit', '3', '--json'])).toEqual({
      command: 'search',
      args: { positionals: ['lottery', 'ticket'], flags: { limit: '3', json: true } },
    });
  });
  it('names an unknown flag', () => {
    expect(() => parseCli(['search', 'x', '--colour'])).toThrow(UsageError);
    expect(() => parseCli(['search', 'x', '--colour'])).toThrow(/--colour/);
  });
});

describe('main', () => {
  it('prints exactly one JSON object for search --json, lottery ticket papers first', async () => {
    const { out, io } = capture();
    expect(await main(['search', 'lottery ticket', '--json'], io, env())).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!) as { query: string; mode: string; results: { id: string; title: string; url: string; score: number; evidence: string; signals: object }[] };
    expect(json).toMatchObject({ query: 'lottery ticket', mode: 'keyword' });
    expect(json.results.slice(0, 2).map((r) => r.title).sort()).toEqual([...LOTTERY].sort());
    expect(Object.keys(json.results[0]!).sort()).toEqual(['evidence', 'id', 'score', 'signals', 'title', 'url']);
  });

  it('finds a misspelled title first', async () => {
    const { out, io } = capture();
    expect(await main(['search', 'densly conected convolutional networks'], io, env())).toBe(0);
    expect(out.stdout).toMatch(/^ 1\. Densely Connected Convolutional Networks$/m);
  });

  it('answers one JSON line per query with --stdin', async () => {
    const { out, io } = capture('lottery ticket\n\nwide residual networks\n');
    expect(await main(['search', '--stdin', '--limit', '2'], io, env())).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as { query: string; results: unknown[] });
    expect(lines.map((l) => l.query)).toEqual(['lottery ticket', 'wide residual networks']);
    expect(lines.every((l) => l.results.length === 2)).toBe(true);
  });

  it('exits 2 with one line ending in "see --help" on usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [['search'], /search needs a query/],
      [['search', 'x', '--limit', 'ten'], /--limit must be a whole number from 1 to 100 \(got "ten"\)/],
      [['search', 'x', '--limit', '-3'], /--limit must be a whole number from 1 to 100 \(got "-3"\)/],
      [['search', 'x', '--mode', 'fuzzy'], /--mode must be one of hybrid, keyword, semantic/],
      [['search', 'x', '--colour'], /Unknown option '--colour'/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [[], /a command is needed/],
    ];
    for (const [argv, message] of cases) {
      const { out, io } = capture();
      expect(await main(argv, io, env())).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(out.stderr).toMatch(/^error: [^\n]*; see --help\n$/);
      expect(out.stdout).toBe('');
    }
  });

  it('with --json, errors are {"error":{"code","message"}} on stdout, with the documented exit code', async () => {
    const usage = capture();
    expect(await main(['search', 'x', '--limit', '0', '--json'], usage.io, env())).toBe(2);
    expect(JSON.parse(usage.out.stdout)).toEqual({ error: { code: 'usage', message: '--limit must be a whole number from 1 to 100 (got "0"); see --help' } });
    expect(usage.out.stderr).toBe('');
    const corpus = capture();
    expect(await main(['search', 'x', '--json'], corpus.io, { ...env(), CORPUS_DIR: '/missing' })).toBe(1);
    expect(JSON.parse(corpus.out.stdout).error).toMatchObject({ code: 'corpus', message: expect.stringContaining('/missing') });
    const config = capture();
    expect(await main(['search', 'x', '--json'], config.io, { ...env(), RESULT_LIMIT: '0' })).toBe(2);
    expect(JSON.parse(config.out.stdout).error).toMatchObject({ code: 'config', message: expect.stringContaining('RESULT_LIMIT') });
  });

  it('prints the usage on stdout with exit 0 for --help or -h anywhere, and for help', async () => {
    for (const argv of [['--help'], ['search', 'x', '-h'], ['compare', '--colour', '--help'], ['help']]) {
      const { out, io } = capture();
      expect(await main(argv, io, env())).toBe(0);
      expect(out.stdout).toMatch(/^Paper Scout — search and question answering/);
      expect(out.stderr).toBe('');
    }
  });

  it('strips escape sequences and control characters from what it prints', async () => {
    const { out, io } = capture();
    expect(await main(['search', '\u001b[31mlottery\u001b[0m ticket\u0007\r', '--mode', 'keyword', '--limit', '1'], io, env())).toBe(0);
    expect(out.stdout).toContain('Results for "lottery ticket" (keyword)');
    expect(out.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    const failed = capture();
    expect(await main(['paper', '\u001b]0;pwned\u0007zzzz'], failed.io, env())).toBe(2);
    expect(failed.out.stderr).toBe('error: no paper matches "zzzz"\n');
  });

  it('exits 2 naming the variable when the configuration is bad', async () => {
    const { out, io } = capture();
    expect(await main(['search', 'x'], io, { ...env(), RESULT_LIMIT: '99' })).toBe(2);
    expect(out.stderr).toMatch(/RESULT_LIMIT="99": expected a number from 1 to 5/);
  });
});

describe('npm run cli (a real process)', () => {
  it('without network: one warning on stderr, keyword results on stdout, exit 0', async () => {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'cli', '--', 'search', 'lottery ticket', '--json'], {
      env: { ...process.env, EMBEDDINGS: 'on', MODEL_HUB_URL: 'http://127.0.0.1:1', DATA_DIR: env().DATA_DIR, LOG_LEVEL: 'warn' },
    });
    const json = JSON.parse(stdout) as { mode: string; results: { title: string }[] };
    expect(json.mode).toBe('keyword');
    expect(LOTTERY).toContain(json.results[0]!.title);
    const warnings = stderr.split('\n').filter((l) => l.startsWith('warn:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/semantic search unavailable.*Fix:/);
  }, 60_000);
});
