/**
 * With a model hub that accepts connections and never answers, the CLI commands that do not need the model answer
 * without ever contacting it; one that does waits only for the hub time-out, and the next call remembers the failure.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../discord/harness.js';

let hub: Server;
let hubUrl: string;
let connections = 0;
const sockets: Socket[] = [];

beforeAll(async () => {
  // Unresponsive: accepts the connection, reads the request, never answers.
  hub = createServer((socket) => {
    connections += 1;
    sockets.push(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(hub.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => hub.close(resolve));
});

async function cli(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn('node', ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      EMBEDDINGS: 'on',
      MODEL_HUB_URL: hubUrl,
      MODEL_HUB_TIMEOUT_SECONDS: '1',
      HF_API_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'warn',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr, ms: Date.now() - started };
}

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'paper-scout-hub-'));

describe('CLI with an unresponsive model hub', () => {
  it('search --mode keyword, paper, compare and digest --dry-run never contact the hub', async () => {
    const dataDir = tempDir();
    const calls = [
      ['search', 'lottery ticket', '--mode', 'keyword', '--json'],
      ['paper', 'Densely Connected Convolutional Networks', '--json'],
      ['compare', 'Deep Residual Learning for Image Recognition', 'Wide Residual Networks', '--json'],
      ['digest', '--dry-run', '--json'],
    ];
    for (const args of calls) {
      const result = await cli(args, dataDir);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(() => JSON.parse(result.stdout)).not.toThrow();
      // Process start included; well below the hub's 10 s hang on a busy 2-core machine.
      expect(result.ms, args.join(' ')).toBeLessThan(6000);
    }
    expect(connections).toBe(0);
  }, 90_000);

  it('a hybrid search waits only for the hub time-out, and the next call skips the model at once', async () => {
    const dataDir = tempDir();
    const before = connections;
    const first = await cli(['search', 'lottery ticket', '--json'], dataDir);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).mode).toBe('keyword');
    expect(first.stderr).toMatch(/semantic search unavailable.*no answer from http:\/\/127\.0\.0\.1:\d+\/ within 1000 ms/);
    expect(connections).toBeGreaterThan(before);

    const reached = connections;
    const second = await cli(['search', 'lottery ticket', '--json'], dataDir);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/semantic search unavailable.*failed at .*retried after MODEL_RETRY_MINUTES/);
    expect(connections).toBe(reached);
  }, 90_000);
});
