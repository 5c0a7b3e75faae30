/** Timing and memory helpers for the benchmark's child processes (run with `node --expose-gc`). */
import { summarize, type LatencySummary } from './stats.js';

/** Memory of the process after a full garbage collection, in MB. */
export interface MemorySnapshot {
  rssMB: number;
  heapMB: number;
  /** Off-heap memory of buffers and typed arrays. */
  externalMB: number;
}

/** Runs a full collection when the process was started with --expose-gc (twice: finalizers free more). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

/** Memory after a collection. */
export function memory(): MemorySnapshot {
  collectGarbage();
  const m = process.memoryUsage();
  return { rssMB: m.rss / 2 ** 20, heapMB: m.heapUsed / 2 ** 20, externalMB: m.external / 2 ** 20 };
}

/** Heap + off-heap memory held after `build()` (MB), its duration (ms) and its result. */
export async function measureBuild<T>(build: () => T | Promise<T>): Promise<{ value: T; ms: number; retainedMB: number }> {
  const before = memory();
  const started = performance.now();
  const value = await build();
  const ms = performance.now() - started;
  const after = memory();
  return { value, ms, retainedMB: after.heapMB + after.externalMB - before.heapMB - before.externalMB };
}

/**
 * Latencies of running `run` on every input, `passes` timed passes over all inputs after one untimed warm-up pass
 * (whose latencies are returned as `firstPass`: cold caches, first JIT).
 */
export async function measureLatency<T>(
  inputs: readonly T[],
  run: (input: T) => unknown,
  options: { passes?: number; afterWarmup?: () => void; /** Time the first pass too and run no other (slow baselines). */ firstPassOnly?: boolean } = {},
): Promise<{ summary: LatencySummary; firstPass: LatencySummary }> {
  if (inputs.length === 0) throw new RangeError('measureLatency: no inputs');
  const passes = options.passes ?? 3;
  const first: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await run(input);
    first.push(performance.now() - started);
  }
  if (options.firstPassOnly) return { summary: summarize(first), firstPass: summarize(first) };
  options.afterWarmup?.();
  const samples: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const input of inputs) {
      const started = performance.now();
      await run(input);
      samples.push(performance.now() - started);
    }
  }
  return { summary: summarize(samples), firstPass: summarize(first) };
}

/** Milliseconds since `started`, rounded for reports. */
export function since(started: number): number {
  return round(performance.now() - started);
}

/** Rounds to two decimals (or three under 1), for JSON reports. */
export function round(n: number): number {
  return Math.abs(n) < 1 ? Math.round(n * 1000) / 1000 : Math.round(n * 100) / 100;
}
