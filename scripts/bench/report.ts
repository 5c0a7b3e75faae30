/** Turns the children's reports into the benchmark's tables and target checks (pure functions). */
import type { AppReport } from './phase-app.js';
import type { BuildReport } from './phase-build.js';
import type { LatencySummary } from './stats.js';

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
    add('hybrid search p99 (query embedding excluded)', largest.app.engine.hybrid.p99, 50, 'ms');
    add('keyword search p50 (engine, keyword mode)', largest.app.engine.keyword.p50, 2, 'ms');
    add('warm start until semantic search is ready', largest.app.startup.readyMs / 1000, 3, 's');
    add('peak RSS of the app process', largest.app.memory.peakRssMB, 1536, 'MB');
  }
  const real = results.find((r) => r.build.size === 0);
  if (real) {
    for (const [name, latency] of Object.entries(real.app.handlers)) {
      checks.push({ target: `${name} handler p99 (inference excluded)`, papers: real.build.papers, measured: latency.p99, limit: 20, unit: 'ms', met: latency.p99 <= 20 });
    }
  }
  return checks;
}

/** The human-readable report: build and start, query latency, handlers, targets. */
export function formatReport(results: readonly SizeResult[], context: { cpus: number; node: string; passes: number }): string {
  const label = (r: SizeResult) => (r.build.size === 0 ? `${r.build.papers} (real)` : String(r.build.papers));
  const out: string[] = [];
  out.push(`Paper Scout benchmark: ${context.cpus} CPUs, Node ${context.node}, ${context.passes} timed passes after a warm-up pass; ms unless noted.`);
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
      ['papers', 'keyword index', 'MiniSearch p50 (queries)', 'vs MiniSearch', 'vector search', 'recall@10', 'engine keyword', 'engine semantic', 'engine hybrid'],
      results.map((r) => [
        label(r),
        formatLatency(r.build.keyword.latency),
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
        targets.map((t) => [t.target, String(t.papers), `${formatNumber(t.measured)} ${t.unit}`, `${formatNumber(t.limit)} ${t.unit}`, t.met ? 'yes' : 'NO']),
      ),
    );
  }
  return out.join('\n');
}
