/** End to end: the terminal mode, in process with piped streams and as `npm start` (src/main.ts) without a token. */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { createRuntime, type FullRuntime } from '../../src/app/runtime.js';
import { silentLogger } from '../../src/shared/log.js';
import { runLocalSession } from '../../src/local/session.js';
import { REPO_ROOT } from './harness.js';

const LOTTERY = 'Stabilizing the Lottery Ticket Hypothesis';
const LOW_RANK = 'Low-rank lottery tickets: finding efficient low-rank neural networks via matrix differential equations';
const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'paper-scout-local-'));

let runtime: FullRuntime;

beforeAll(async () => {
  runtime = await createRuntime(loadConfig({ EMBEDDINGS: 'off', DATA_DIR: dataDir() }, REPO_ROOT), { embedder: null, logger: silentLogger, trendingSource: null });
});

afterAll(async () => {
  await runtime.close();
});

/** Runs a session over `lines` (piped, not a terminal) and returns what it printed. */
async function session(lines: string[]): Promise<{ out: string; err: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  const errorOutput = new PassThrough();
  let out = '';
  let err = '';
  output.on('data', (chunk: Buffer) => (out += chunk.toString()));
  errorOutput.on('data', (chunk: Buffer) => (err += chunk.toString()));
  input.end(`${lines.join('\n')}\n`);
  await runLocalSession({ app: runtime.app, digest: runtime.digest, input, output, errorOutput, terminal: false });
  return { out, err };
}

describe('runLocalSession', () => {
  it('answers /search with the cited titles, links and footer, and lists the buttons as hints', async () => {
    const { out, err } = await session(['/search query: lottery ticket']);
    expect(out).toContain('paper-scout> /search query: lottery ticket');
    expect(out).toContain(`■ 1. ${LOTTERY}`);
    expect(out).toContain(`■ 2. ${LOW_RANK}`);
    expect(out).toContain(`  ${runtime.app.store.all().find((p) => p.title === LOTTERY)?.url}`);
    expect(out).toMatch(/— keyword .*results 1–2/);
    expect(out).toContain('[summarize 1] [similar 1] [summarize 2] [similar 2]');
    // The banner goes to stderr when not interactive, so piped output is answers only.
    expect(err).toContain(`${runtime.app.store.size} papers`);
    expect(out).not.toContain('Local mode');
  });

  it('takes the plain form, presses buttons by their hint, and pages', async () => {
    const { out } = await session(['search neural networks limit: 2', 'next', 'summarize 3']);
    expect(out).toMatch(/■ 3\. /);
    expect(out).toContain('[previous] [next]');
    const third = /■ 3\. (.+)/.exec(out)?.[1];
    expect(out).toContain(`paper-scout> summarize 3\n■ ${third}`);
  });

  it('offers numbered choices for an ambiguous paper and runs the command with the number typed', async () => {
    const { out } = await session(['paper lottery ticket', '2', 'compare lottery ticket | duality gap', 'nothing', '1']);
    const choices = /“lottery ticket” matches several papers:\n {2}1\) (.+)\n {2}2\) (.+)\n/.exec(out);
    expect(choices).not.toBeNull();
    expect([choices![1], choices![2]].sort()).toEqual([LOW_RANK, LOTTERY].sort());
    expect(out).toContain('Type a number (1–2) to choose, or anything else to go on.');
    // "2" shows the second paper offered.
    expect(out).toContain(`paper-scout> 2\n■ ${choices![2]}`);
    // Another line drops the pending choice: "1" afterwards is not a command.
    expect(out).toContain('paper-scout> nothing\nUnknown command "nothing"');
    expect(out).toContain('paper-scout> 1\nUnknown command "1"');
  });

  it('routes subcommands and several papers, and explains mistakes', async () => {
    const { out } = await session([
      'summarize topic pruning',
      `compare ${LOTTERY} | ${LOW_RANK}`,
      'paper zzzz qqqq',
      'search',
      'frobnicate',
      'help',
    ]);
    expect(out).toContain('■ Topic: pruning');
    expect(out).toContain('■ Comparing 2 papers');
    expect(out).toContain('(only you) No paper in the corpus matches “zzzz qqqq”.');
    expect(out).toContain('(only you) `query` is required');
    expect(out).toContain('Unknown command "frobnicate". Type help for the list.');
    expect(out).toContain('/summarize topic topic [sentences]');
  });

  it('runs the Related papers message command on typed text, and lists it in help', async () => {
    const { out } = await session(['related has anyone tried pruning networks early in training?', 'help']);
    expect(out).toContain('■ Papers related to this message');
    expect(out).toContain(LOTTERY);
    expect(out).toMatch(/related <text> +papers related to a text/);
  });

  it('stops at exit', async () => {
    const { out } = await session(['about', 'exit', 'search lottery ticket']);
    expect(out).toContain('■ Paper Scout');
    expect(out).not.toContain(LOTTERY);
  });
});

describe('npm start (src/main.ts)', () => {
  const env = (extra: Record<string, string>) => ({ ...process.env, DISCORD_TOKEN: '', EMBEDDINGS: 'off', DATA_DIR: dataDir(), LOG_LEVEL: '', ...extra });

  it('without a token runs the terminal mode over piped input and exits 0 at its end', async () => {
    const child = spawn('npx', ['tsx', 'src/main.ts'], { cwd: REPO_ROOT, env: env({}) });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdin.end('/search query: lottery ticket\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(out).toContain(LOTTERY);
    expect(out).toContain(LOW_RANK);
  });

  it('keeps a reading list with save and reading-list, across restarts, and prints the BibTeX export', async () => {
    const dir = dataDir();
    const start = async (lines: string[]) => {
      const child = spawn('npx', ['tsx', 'src/main.ts'], { cwd: REPO_ROOT, env: env({ DATA_DIR: dir, INGEST_ON_START: 'false' }) });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stdin.end(`${lines.join('\n')}\n`);
      expect(await new Promise<number | null>((resolve) => child.on('close', resolve))).toBe(0);
      return out;
    };
    // The examples `help` shows.
    const first = await start(['save stabilizing the lottery ticket hypothesis', 'reading-list', 'reading-list export format: bibtex']);
    expect(first).toContain(`(only you) Saved “${LOTTERY}” to your reading list (1 paper).`);
    expect(first).toContain('■ Your reading list · 1 paper');
    expect(first).toContain('📎 reading-list.bib:');
    expect(first).toContain(`  title = {${LOTTERY}},`);
    const second = await start(['reading-list']);
    expect(second).toContain(`1. ${LOTTERY}`);
  }, 60_000);

  it('exits 1 naming the variable when the configuration is invalid', async () => {
    const failed = await promisify(execFile)('npx', ['tsx', 'src/main.ts'], { cwd: REPO_ROOT, env: env({ RESULT_LIMIT: 'lots' }) }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toContain('Paper Scout cannot start: invalid configuration:\n  RESULT_LIMIT="lots": expected a number');
  });
});
