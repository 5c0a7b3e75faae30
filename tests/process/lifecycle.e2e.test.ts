/**
 * End to end with real processes: `npm start` as a process manager runs it (SIGTERM to npm or to node), one bot per
 * DATA_DIR, a stale lock taken over, and the CLI beside a running bot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, processIsRunning, readOwner } from '../../src/process/lock.js';
import { REPO_ROOT } from '../discord/harness.js';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/server.js';

let fake: FakeDiscord;
const started: ChildProcess[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord();
});

afterAll(async () => {
  await fake.close();
});

afterEach(() => {
  // A failed assertion must not leave a bot behind.
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function botEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DISCORD_TOKEN: 'fake-token',
    DISCORD_APP_ID: fake.appId,
    DISCORD_API_URL: fake.apiUrl,
    EMBEDDINGS: 'off',
    INGEST_ON_START: 'false',
    HF_API_URL: 'http://127.0.0.1:9',
    DATA_DIR: dataDir,
  };
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; ms: number }>;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const t0 = Date.now();
  const exited = new Promise<{ code: number | null; ms: number }>((resolve) => child.on('exit', (code) => resolve({ code, ms: Date.now() - t0 })));
  return { child, output: () => output, exited };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts `npm start` on a fresh DATA_DIR and waits until the bot is connected; returns the bot's pid (from the lock). */
async function startBot(dataDir: string): Promise<Running & { botPid: number }> {
  const npm = run('npm', ['start'], botEnv(dataDir));
  await until(() => /connected to Discord/.test(npm.output()), 30_000, `the bot to connect; output:\n${npm.output()}`);
  const botPid = readOwner(path.join(dataDir, LOCK_FILE));
  if (botPid === undefined) throw new Error('no lock file');
  return { ...npm, botPid };
}

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'paper-scout-process-'));

describe('npm start under a process manager', () => {
  it('SIGTERM to the npm process stops the bot too: nothing is left after 10 s, and the lock is released', async () => {
    const dataDir = tempDir();
    const bot = await startBot(dataDir);
    expect(bot.botPid).not.toBe(bot.child.pid); // npm runs node in a child process
    bot.child.kill('SIGTERM');
    const deadline = Date.now() + 10_000;
    await until(() => !processIsRunning(bot.botPid), 10_000, 'the bot process to exit');
    expect(Date.now()).toBeLessThan(deadline);
    await bot.exited;
    expect(() => readFileSync(path.join(dataDir, LOCK_FILE))).toThrow();
  }, 60_000);

  it('SIGTERM to the node process stops it cleanly (exit 0), and npm with it', async () => {
    const dataDir = tempDir();
    const bot = await startBot(dataDir);
    process.kill(bot.botPid, 'SIGTERM');
    const { code, ms } = await bot.exited;
    expect(code).toBe(0);
    expect(ms).toBeGreaterThan(0);
    expect(processIsRunning(bot.botPid)).toBe(false);
    expect(bot.output()).toContain('finishing replies in flight');
  }, 60_000);

  it('a second bot on the same DATA_DIR exits non-zero within 5 s naming the first one; a stale lock is taken over', async () => {
    const dataDir = tempDir();
    // A lock left by a process that is gone (the pid of a process that has exited).
    const gone = run('node', ['-e', '0'], { PATH: process.env.PATH });
    await gone.exited;
    writeFileSync(path.join(dataDir, LOCK_FILE), `${gone.child.pid}\n`);
    const first = await startBot(dataDir);
    expect(first.botPid).not.toBe(gone.child.pid);

    const second = run('node', ['--import', 'tsx', 'src/main.ts'], botEnv(dataDir));
    const { code, ms } = await second.exited;
    expect(code).not.toBe(0);
    expect(ms).toBeLessThan(5000);
    expect(second.output().trim()).toBe(
      `Paper Scout cannot start: another Paper Scout (pid ${first.botPid}) is using DATA_DIR ${dataDir}. Fix: stop that process first (kill ${first.botPid}), or give this one another DATA_DIR.`,
    );

    // Read-only CLI commands keep working beside the running bot.
    const cli = run('node', ['--import', 'tsx', 'src/cli/main.ts', 'search', 'lottery ticket', '--mode', 'keyword', '--json'], botEnv(dataDir));
    expect((await cli.exited).code).toBe(0);
    expect(JSON.parse(cli.output()).results.length).toBeGreaterThan(0);

    first.child.kill('SIGTERM');
    await first.exited;
  }, 60_000);
});
