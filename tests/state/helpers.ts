import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Clock, Logger } from '../../src/shared/types.js';

/** A clock the test moves by hand. */
export interface FakeClock extends Clock {
  set(iso: string | Date): void;
  advance(ms: number): void;
}

export function fakeClock(start: string): FakeClock {
  let now = new Date(start);
  return {
    now: () => new Date(now.getTime()),
    set: (value) => {
      now = new Date(value);
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** A logger that keeps its lines ("level: message") for assertions. */
export function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (msg: string, ctx?: Record<string, unknown>) => {
    lines.push(`${level}: ${msg}${ctx ? ` ${JSON.stringify(ctx)}` : ''}`);
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paper-scout-test-'));
  dirs.push(dir);
  return dir;
}
