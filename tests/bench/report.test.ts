import { describe, expect, it } from 'vitest';
import { checkTargets, formatLatency, formatNumber, formatRatio, formatTable, parseSizes, type SizeResult } from '../../scripts/bench/report.js';

describe('parseSizes', () => {
  it('reads "real", plain numbers and thousands', () => {
    expect(parseSizes('real,1000,10k')).toEqual([0, 1000, 10_000]);
  });

  it('names a bad size', () => {
    expect(() => parseSizes('1000,lots')).toThrow(/"lots"/);
  });
});

describe('formatNumber', () => {
  it('shows fewer decimals for larger numbers', () => {
    expect(formatNumber(1234.5)).toBe('1235');
    expect(formatNumber(12.34)).toBe('12.3');
    expect(formatNumber(1.234)).toBe('1.23');
  });
});

describe('formatLatency', () => {
  it('joins p50, p95 and p99', () => {
    expect(formatLatency({ p50: 1, p95: 12, p99: 150 })).toBe('1.00 / 12.0 / 150');
  });
});

describe('formatRatio', () => {
  it('divides ours by theirs, or shows "-" without theirs', () => {
    expect(formatRatio(3, 2)).toBe('×1.50');
    expect(formatRatio(1.33, 558)).toBe('×0.0024');
    expect(formatRatio(3, 0)).toBe('-');
  });
});

describe('formatTable', () => {
  it('left-aligns the first column and right-aligns the others', () => {
    expect(formatTable(['name', 'ms'], [['a', '1.5'], ['long', '10']])).toBe(['name   ms', '----  ---', 'a     1.5', 'long   10'].join('\n'));
  });
});

describe('checkTargets', () => {
  const latency = (p50: number, p99: number) => ({ samples: 3, p50, p95: p99, p99, max: p99, mean: p50 });
  const result = (size: number, papers: number, hybridP99: number, handlerP99: number): SizeResult =>
    ({
      build: { size, papers },
      app: {
        engine: { keyword: latency(1, 3), semantic: latency(2, 4), hybrid: latency(5, hybridP99) },
        startup: { readyMs: 2500 },
        memory: { peakRssMB: 900 },
        handlers: { search: latency(1, handlerP99), ask: latency(1, 5) },
      },
    }) as unknown as SizeResult;

  it('checks the large-corpus targets at 100k and the handler targets on the real corpus', () => {
    const checks = checkTargets([result(0, 119, 1, 25), result(100_000, 100_000, 60, 1)]);
    const byName = new Map(checks.map((c) => [c.target, c]));
    expect(byName.get('hybrid search p99 (query embedding excluded)')).toMatchObject({ papers: 100_000, measured: 60, met: false });
    expect(byName.get('warm start until semantic search is ready')).toMatchObject({ measured: 2.5, limit: 3, met: true });
    expect(byName.get('search handler p99 (inference excluded)')).toMatchObject({ papers: 119, measured: 25, met: false });
    expect(byName.get('ask handler p99 (inference excluded)')).toMatchObject({ met: true });
  });

  it('checks nothing for sizes without targets', () => {
    expect(checkTargets([result(1000, 1000, 60, 25)])).toEqual([]);
  });
});
