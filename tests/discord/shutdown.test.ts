import { describe, expect, it } from 'vitest';
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
});
