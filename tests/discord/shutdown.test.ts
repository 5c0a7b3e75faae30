import { describe, expect, it, vi } from 'vitest';
import { installProcessHandlers } from '../../src/discord/shutdown.js';
import { createLogger } from '../../src/shared/log.js';

describe('installProcessHandlers', () => {
  it('stops once on SIGTERM and exits 0; logs unhandled rejections instead of crashing', async () => {
    const logs: string[] = [];
    const exits: number[] = [];
    let stops = 0;
    let exited!: () => void;
    const done = new Promise<void>((resolve) => (exited = resolve));
    const remove = installProcessHandlers({
      logger: createLogger({ write: (line) => logs.push(line) }),
      stop: async () => {
        stops += 1;
      },
      exit: (code) => {
        exits.push(code);
        exited();
      },
    });
    try {
      process.emit('unhandledRejection', new Error('stray'), Promise.resolve());
      expect(logs.some((l) => l.startsWith('error: unhandled promise rejection') && l.includes('error="stray"'))).toBe(true);
      process.emit('SIGTERM', 'SIGTERM');
      await done;
      expect([stops, exits]).toEqual([1, [0]]);
      process.emit('SIGINT', 'SIGINT');
      expect(exits).toEqual([0, 1]);
      expect(stops).toBe(1);
    } finally {
      remove();
    }
  });

  it('exits 1 when stopping fails', async () => {
    const exits: number[] = [];
    let exited!: () => void;
    const done = new Promise<void>((resolve) => (exited = resolve));
    const remove = installProcessHandlers({
      logger: createLogger({ write: () => {} }),
      stop: async () => {
        throw new Error('stuck');
      },
      exit: (code) => {
        exits.push(code);
        exited();
      },
    });
    try {
      process.emit('SIGINT', 'SIGINT');
      await done;
      expect(exits).toEqual([1]);
    } finally {
      remove();
    }
  });

  it('stops when the parent process goes away (npm ended by SIGTERM), once, even if a signal follows', async () => {
    let parent = 10;
    let stops = 0;
    const exits: number[] = [];
    let release!: () => void;
    const stopped = new Promise<void>((resolve) => (release = resolve));
    const remove = installProcessHandlers({
      logger: createLogger({ write: () => {} }),
      stop: async () => {
        stops += 1;
        await stopped;
      },
      exit: (code) => exits.push(code),
      parent: { pid: () => parent, intervalMs: 5 },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(stops).toBe(0);
      parent = 1;
      await vi.waitFor(() => expect(stops).toBe(1));
      release();
      await vi.waitFor(() => expect(exits).toEqual([0]));
    } finally {
      remove();
    }
  });

  it('exits 1 when the stop outlasts the deadline', async () => {
    const exits: number[] = [];
    const remove = installProcessHandlers({
      logger: createLogger({ write: () => {} }),
      stop: () => new Promise<void>(() => undefined), // a reply that never finishes
      exit: (code) => exits.push(code),
      deadlineMs: 20,
    });
    try {
      process.emit('SIGTERM', 'SIGTERM');
      await vi.waitFor(() => expect(exits).toEqual([1]));
    } finally {
      remove();
    }
  });
});
