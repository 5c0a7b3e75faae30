/**
 * CLI command `trends [--days N] [--topic X] [--png FILE] [--json]`: terms rising in the last N days of dated papers
 * against the N before, papers per day as a sparkline, and optionally the chart as a PNG file. Dispatched from `main.ts`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { App } from '../app/types.js';
import { computeTrends, renderTrendsPng, sparkline, TREND_DAYS, type Trends } from '../trends/index.js';
import { intFlag, stringFlag, UsageError, type CliIo, type ParsedArgs } from './args.js';

const FLAGS = ['days', 'topic', 'png', 'json'];
const EXAMPLE = 'trends --days 14 --topic "diffusion models" --png trends.png';

/** Runs `trends`; returns 0 with trends, 1 when there is too little dated data, 2 on a usage error. */
export async function runTrendsCommand(app: App, args: ParsedArgs, io: CliIo): Promise<number> {
  for (const flag of Object.keys(args.flags)) {
    if (!FLAGS.includes(flag)) throw new UsageError(`--${flag} is not an option of trends; e.g. ${EXAMPLE}`);
  }
  if (args.positionals.length > 0) throw new UsageError(`trends takes no arguments besides its flags (got "${args.positionals.join(' ')}"); e.g. ${EXAMPLE}`);
  const days = intFlag(args, 'days', TREND_DAYS.min, TREND_DAYS.max) ?? TREND_DAYS.default;
  const topic = stringFlag(args, 'topic');
  const png = stringFlag(args, 'png');
  const trends = computeTrends(app.store.all(), { days, now: app.clock.now(), ...(topic ? { topic } : {}) });
  if (!trends.enough) {
    if (args.flags.json) io.stdout(`${JSON.stringify(trendsJson(trends))}\n`);
    io.stderr(`error: ${trends.reason}. Papers get dates from "ingest --hf-date" and "add".\n`);
    return 1;
  }
  if (png) {
    const file = path.resolve(png);
    await writeFile(file, renderTrendsPng(trends));
    io.stderr(`chart written to ${file}\n`);
  }
  io.stdout(args.flags.json ? `${JSON.stringify(trendsJson(trends))}\n` : `${formatTrends(trends)}\n`);
  return 0;
}

/** The `--json` shape. */
export function trendsJson(trends: Trends) {
  if (!trends.enough) return { enough: false, days: trends.days, recentPapers: trends.recentPapers, previousPapers: trends.previousPapers, reason: trends.reason };
  return {
    enough: true,
    days: trends.days,
    from: trends.dates[0],
    to: trends.dates.at(-1),
    recentPapers: trends.recentPapers,
    previousPapers: trends.previousPapers,
    rising: trends.rising.map((t) => ({ term: t.term, z: Number(t.z.toFixed(3)), recent: t.recent, previous: t.previous })),
    perDay: trends.dates.map((date, i) => ({ date, papers: trends.perDay[i], ...(trends.topic ? { topic: trends.topic.perDay[i] } : {}) })),
    ...(trends.topic ? { topic: { query: trends.topic.query, recent: trends.topic.recent, previous: trends.topic.previous } } : {}),
  };
}

/** Readable trends: rising terms, then sparklines of papers per day. */
export function formatTrends(trends: Extract<Trends, { enough: true }>): string {
  const lines = [`Rising in the last ${trends.days} days (${trends.dates[trends.days]} – ${trends.dates.at(-1)}) against the ${trends.days} before`];
  if (trends.rising.length === 0) lines.push('  no term rises clearly above chance');
  trends.rising.forEach((t, i) => lines.push(`${String(i + 1).padStart(3)}. ${t.term.padEnd(32)} ${String(t.previous).padStart(4)} → ${String(t.recent).padEnd(4)} papers   z ${t.z.toFixed(1)}`));
  lines.push('', `papers per day   ${sparkline(trends.perDay)}  ${trends.previousPapers} → ${trends.recentPapers}`);
  if (trends.topic) lines.push(`"${trends.topic.query}"`.padEnd(17) + `${sparkline(trends.topic.perDay)}  ${trends.topic.previous} → ${trends.topic.recent}`);
  lines.push(`                 ${trends.dates[0]}${' '.repeat(Math.max(1, trends.dates.length - 20))}${trends.dates.at(-1)}`);
  return lines.join('\n');
}
