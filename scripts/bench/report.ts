/** Turns the children's reports into the benchmark's tables and target checks (pure functions). */
import type { AppReport } from './phase-app.js';
import type { BuildReport } from './phase-build.js';
import { median, type LatencySummary } from './stats.js';

/** Both phases of one corpus size. */
export interface SizeResult {
  build: BuildReport;
  app: AppReport;
}

/** One performance target and whether the run met it. */
export interface TargetCheck {
  target: string;
  /** The corpus the target is about. */
  papers: number;
  measured: number;
  limit: number;
  unit: string;
  /** True when the measure must be at least the limit (recall) rather than at most (time, memory). */
  atLeast?: boolean;
  met: boolean;
}

/** Parses "real,1000,10k" into sizes (0 = the real corpus). */
export function parseSizes(text: string): number[] {
  return text.split(',').map((part) => {
    const t = part.trim().toLowerCase();
    if (t === 'real') return 0;
    const n = /^\d+k$/.test(t) ? Number(t.slice(0, -1)) * 1000 : Number(t);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--sizes: "${part}" is neither "real" nor a whole number of papers ≥ 1`);
    return n;
  });
}

/** Aligns cells in columns; the first column is left-aligned, the others right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A number for a table: no decimals from 100 on, one from 10, two below. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  return abs >= 100 ? n.toFixed(0) : abs >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** "p50 / p95 / p99". */
export function formatLatency(s: Pick<LatencySummary, 'p50' | 'p95' | 'p99'>): string {
  return `${formatNumber(s.p50)} / ${formatNumber(s.p95)} / ${formatNumber(s.p99)}`;
}

/** `ours / theirs` as "×1.23" (how many times MiniSearch's figure ours is). */
export function formatRatio(ours: number, theirs: number): string {
  if (!(theirs > 0)) return '-';
  const ratio = ours / theirs;
  return `×${ratio > 0 && ratio < 0.1 ? ratio.toPrecision(2) : formatNumber(ratio)}`;
}

/** Checks the performance targets against the largest generated corpus and the real corpus. */
export function checkTargets(results: readonly SizeResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const largest = results.filter((r) => r.build.size >= 100_000).sort((a, b) => b.build.papers - a.build.papers)[0];
  if (largest) {
    const papers = largest.build.papers;
    const add = (target: string, measured: number, limit: number, unit: string) => checks.push({ target, papers, measured, limit, unit, met: measured <= limit });
    add('hybrid search p99 (query embedding excluded)', largest.app.engine.hybrid.p99, 8, 'ms');
    add('keyword search p50 (engine, keyword mode)', largest.app.engine.keyword.p50, 1.5, 'ms');
    add('keyword search p99 (engine, keyword mode)', largest.app.engine.keyword.p99, 5, 'ms');
    add('warm start until semantic search is ready', largest.app.startup.readyMs / 1000, 2, 's');
    add('peak RSS of the app process', largest.app.memory.peakRssMB, 1024, 'MB');
  }
  // Pruned keyword retrieval must find exactly the exhaustive BM25F top 100, on every query, at every size.
  for (const r of results) {
    const recall = r.build.keyword.recall;
    if (!recall) continue;
    for (const [at, figure] of [['10', recall.at10], ['100', recall.at100]] as const) {
      checks.push({ target: `keyword recall@${at} vs exhaustive BM25F (worst query)`, papers: r.build.papers, measured: figure.min, limit: 1, unit: '', atLeast: true, met: figure.min >= 1 });
    }
  }
  const real = results.find((r) => r.build.size === 0);
  if (real) {
    for (const [name, latency] of Object.entries(real.app.handlers)) {
      checks.push({ target: `${name} handler p99 (inference excluded)`, papers: real.build.papers, measured: latency.p99, limit: 20, unit: 'ms', met: latency.p99 <= 20 });
    }
  }
  return checks;
}

/**
 * The median of several runs of the same sizes: every number is the median of that number over the runs (so a table
 * cell is the median run's figure for it), everything else is taken from the first run.
 */
export function medianRuns(runs: readonly (readonly SizeResult[])[]): SizeResult[] {
  if (runs.length === 0) throw new RangeError('medianRuns: no run');
  const merge = (values: unknown[]): unknown => {
    const first = values[0];
    if (typeof first === 'number') return median(values.filter((v): v is number => typeof v === 'number'));
    if (first && typeof first === 'object' && !Array.isArray(first)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(first)) out[key] = merge(values.map((v) => (v as Record<string, unknown>)?.[key]));
      return out;
    }
    return first;
  };
  return runs[0]!.map((_, i) => merge(runs.map((run) => run[i])) as SizeResult);
}

/** The human-readable report: build and start, query latency, handlers, targets. */
export function formatReport(results: readonly SizeResult[], context: { cpus: number; node: string; passes: number; runs?: number }): string {
  const label = (r: SizeResult) => (r.build.size === 0 ? `${r.build.papers} (real)` : String(r.build.papers));
  const out: string[] = [];
  const runs = (context.runs ?? 1) > 1 ? ` Medians of ${context.runs} runs.` : '';
  out.push(`Paper Scout benchmark: ${context.cpus} CPUs, Node ${context.node}, ${context.passes} timed passes after a warm-up pass; ms unless noted.${runs}`);
  out.push('Ratios (×) are ours ÷ MiniSearch on the same papers and queries.\n');

  out.push('Build, start and memory');
  out.push(
    formatTable(
      ['papers', 'keyword build', 'vs MiniSearch', 'keyword MB', 'vs MiniSearch', 'vector load', 'cold start', 'warm: keyword', 'warm: ready', 'RSS MB', 'peak RSS MB', 'heap MB'],
      results.map((r) => [
        label(r),
        formatNumber(r.build.keyword.buildMs),
        formatRatio(r.build.keyword.buildMs, r.build.minisearch.buildMs),
        formatNumber(r.build.keyword.retainedMB),
        formatRatio(r.build.keyword.retainedMB, r.build.minisearch.retainedMB),
        formatNumber(r.build.vectors.loadMs),
        formatNumber(r.build.coldStartMs),
        formatNumber(r.app.startup.keywordReadyMs),
        formatNumber(r.app.startup.readyMs),
        formatNumber(r.app.memory.afterStart.rssMB),
        formatNumber(r.app.memory.peakRssMB),
        formatNumber(r.app.memory.afterStart.heapMB),
      ]),
    ),
  );

  out.push('\nQuery latency, p50 / p95 / p99');
  out.push(
    formatTable(
      ['papers', 'keyword index', 'exhaustive p50', 'MiniSearch default p50', 'vs default', 'MiniSearch fuzzy p50 (queries)', 'vs fuzzy', 'vector search', 'recall@10', 'engine keyword', 'engine semantic', 'engine hybrid'],
      results.map((r) => [
        label(r),
        formatLatency(r.build.keyword.latency),
        r.build.keyword.exhaustive ? formatNumber(r.build.keyword.exhaustive.p50) : '-',
        r.build.minisearch.defaults ? formatNumber(r.build.minisearch.defaults.p50) : '-',
        r.build.minisearch.defaults ? formatRatio(r.build.keyword.latency.p50, r.build.minisearch.defaults.p50) : '-',
        `${formatNumber(r.build.minisearch.latency.p50)} (${r.build.minisearch.queries})`,
        formatRatio(r.build.minisearch.keywordP50, r.build.minisearch.latency.p50),
        formatLatency(r.build.vectors.latency),
        formatNumber(r.build.vectors.recallAt10),
        formatLatency(r.app.engine.keyword),
        formatLatency(r.app.engine.semantic),
        formatLatency(r.app.engine.hybrid),
      ]),
    ),
  );

  out.push('\nHandlers end to end (router → command → answer → reply), inference excluded, p50 / p95 / p99');
  out.push(
    formatTable(
      ['papers', '/search', '/ask', '/summarize paper', '/compare', 'autocomplete', 'embedded while timed'],
      results.map((r) => [
        label(r),
        formatLatency(r.app.handlers.search),
        formatLatency(r.app.handlers.ask),
        formatLatency(r.app.handlers.summarize),
        formatLatency(r.app.handlers.compare),
        formatLatency(r.app.handlers.autocomplete),
        String(r.app.embeddedWhileTimed),
      ]),
    ),
  );

  if (results.some((r) => r.build.keyword.recall)) {
    out.push('\nKeyword recall against exhaustive BM25F (pruned top 100 vs every matching paper scored): mean / worst query');
    out.push(
      formatTable(
        ['papers', 'recall@10', 'recall@100'],
        results.map((r) => {
          const rc = r.build.keyword.recall;
          return [label(r), rc ? `${formatNumber(rc.at10.mean)} / ${formatNumber(rc.at10.min)}` : '-', rc ? `${formatNumber(rc.at100.mean)} / ${formatNumber(rc.at100.min)}` : '-'];
        }),
      ),
    );
  }

  out.push('\nVectors');
  out.push(
    formatTable(
      ['papers', 'source', 'pipeline texts/s', 'pipeline vs lookup cos (min)', 'cache write'],
      results.map((r) => [label(r), r.build.vectors.source, formatNumber(r.build.vectors.pipelineTextsPerSecond), formatNumber(r.build.vectors.agreement.min), formatNumber(r.build.vectors.cacheWriteMs)]),
    ),
  );

  const targets = checkTargets(results);
  if (targets.length > 0) {
    out.push('\nTargets');
    out.push(
      formatTable(
        ['target', 'papers', 'measured', 'limit', 'met'],
        targets.map((t) => [t.target, String(t.papers), `${formatNumber(t.measured)} ${t.unit}`.trim(), `${t.atLeast ? '≥ ' : ''}${formatNumber(t.limit)} ${t.unit}`.trim(), t.met ? 'yes' : 'NO']),
      ),
    );
  }
  return out.join('\n');
}
