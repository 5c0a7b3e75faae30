import { describe, expect, it } from 'vitest';
import { checkTargets, formatLatency, formatNumber, formatRatio, formatTable, medianRuns, parseSizes, type SizeResult } from '../../scripts/bench/report.js';

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
  const result = (size: number, papers: number, hybridP99: number, handlerP99: number, worstRecall?: number): SizeResult =>
    ({
      build: { size, papers, keyword: worstRecall === undefined ? {} : { recall: { at10: { mean: 1, min: 1 }, at100: { mean: 0.99, min: worstRecall } } } },
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
    expect(byName.get('warm start until semantic search is ready')).toMatchObject({ measured: 2.5, limit: 2, met: false });
    expect(byName.get('peak RSS of the app process')).toMatchObject({ measured: 900, limit: 1024, met: true });
    expect(byName.get('search handler p99 (inference excluded)')).toMatchObject({ papers: 119, measured: 25, met: false });
    expect(byName.get('ask handler p99 (inference excluded)')).toMatchObject({ met: true });
  });

  it('checks nothing for sizes without targets', () => {
    expect(checkTargets([result(1000, 1000, 60, 25)])).toEqual([]);
  });

  it('requires keyword recall@10 and @100 of 1 on the worst query, at every size', () => {
    const checks = checkTargets([result(1000, 1000, 60, 25, 0.97)]);
    expect(checks).toEqual([
      { target: 'keyword recall@10 vs exhaustive BM25F (worst query)', papers: 1000, measured: 1, limit: 1, unit: '', atLeast: true, met: true },
      { target: 'keyword recall@100 vs exhaustive BM25F (worst query)', papers: 1000, measured: 0.97, limit: 1, unit: '', atLeast: true, met: false },
    ]);
  });
});

describe('medianRuns', () => {
  it('takes the median of every number over the runs, and other values from the first run', () => {
    const run = (p50: number, source: string) => [{ build: { size: 10, papers: 10, vectors: { source, latency: { p50 } } } }] as unknown as SizeResult[];
    expect(medianRuns([run(3, 'a'), run(1, 'b'), run(2, 'c')])).toEqual(run(2, 'a'));
    expect(medianRuns([run(1, 'a'), run(4, 'b')])).toEqual(run(2.5, 'a'));
  });
});
