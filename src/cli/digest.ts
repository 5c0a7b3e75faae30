/**
 * CLI commands of the digest feature: `ingest --hf-date YYYY-MM-DD`, `ingest --file papers.json` and
 * `digest --dry-run [--date YYYY-MM-DD] [--limit N] [--json]`. Dispatched from `main.ts`.
 */
import path from 'node:path';
import type { Runtime } from '../app/runtime.js';
// Types only: main.ts imports this module lazily while it is still evaluating, so a value import would deadlock.
import { EXIT_CODES, intFlag, reportFailure, stringFlag, usageFailure, UsageError, type CliIo, type ParsedArgs } from './args.js';
import { COUNT_RANGE, createDigestSelector, localDate, planDigest, type DigestSelection } from '../digest/index.js';
import { isIsoDate, readPaperFile, TrendingSourceError, type IngestReport } from '../trending/index.js';

/**
 * Runs `ingest` or `digest`; returns the exit code: 0 ok, 1 runtime failure (source unreachable, unusable file),
 * 2 usage error (reported on stderr). Other failures are thrown to the caller.
 */
export async function runDigestCommand(runtime: Runtime, command: string, args: ParsedArgs, io: CliIo): Promise<number> {
  try {
    if (command === 'ingest') return await runIngest(runtime, args, io);
    if (command === 'digest') return await runDryRun(runtime, args, io);
    throw new UsageError(`unknown command "${command}"; digest commands: ingest, digest`);
  } catch (error) {
    if (error instanceof UsageError) {
      return reportFailure(io, args.flags.json === true, usageFailure(error.message));
    }
    throw error;
  }
}

function dateFlag(args: ParsedArgs, name: string): string | undefined {
  const value = stringFlag(args, name);
  if (value !== undefined && !isIsoDate(value)) throw new UsageError(`--${name} must be a calendar date as YYYY-MM-DD (got "${value}")`);
  return value;
}

async function runIngest(runtime: Runtime, args: ParsedArgs, io: CliIo): Promise<number> {
  const date = dateFlag(args, 'hf-date');
  const file = stringFlag(args, 'file');
  if ((date === undefined) === (file === undefined)) {
    throw new UsageError('ingest needs exactly one source: --hf-date YYYY-MM-DD or --file papers.json');
  }
  if (args.positionals.length > 0) throw new UsageError(`ingest takes no arguments besides its flags (got "${args.positionals.join(' ')}")`);

  const service = runtime.digest;
  if (!service) throw new Error('ingest needs the state database: create the runtime without readOnly');
  let report: IngestReport;
  let problems: string[];
  if (date !== undefined) {
    try {
      const day = await service.ingestDay(date);
      report = day;
      problems = day.skipped.map((s) => `item ${s.index}: ${s.message}; skipped`);
    } catch (error) {
      if (error instanceof TrendingSourceError) {
        return reportFailure(io, args.flags.json === true, { code: 'ingest', message: `cannot ingest ${date}: ${error.message}`, exit: EXIT_CODES.failure });
      }
      throw error;
    }
  } else {
    const read = await readPaperFile(path.resolve(file!));
    problems = read.problems;
    if (read.papers.length === 0) {
      for (const line of problems) io.stderr(`warning: ${line}\n`);
      return reportFailure(io, args.flags.json === true, { code: 'ingest', message: `${file} contains no usable paper`, exit: EXIT_CODES.failure });
    }
    report = await service.ingestPapers(read.papers, `file:${path.basename(file!)}`);
  }
  for (const line of problems) io.stderr(`warning: ${line}\n`);
  if (args.flags.json) {
    io.stdout(
      `${JSON.stringify({
        origin: report.origin,
        added: report.added.map((p) => ({ id: p.id, title: p.title, url: p.url })),
        merged: report.merged.map((p) => ({ id: p.id, title: p.title, url: p.url })),
        skipped: problems,
        state: service.state.path,
      })}\n`,
    );
  } else {
    const lines = [
      `Ingested ${report.origin}: ${report.added.length} new paper(s), ${report.merged.length} already known${problems.length > 0 ? `, ${problems.length} skipped` : ''}.`,
      ...report.added.map((p) => `  + ${p.title}  ${p.url}`),
      `Stored in ${service.state.path}; the bot adds them on start.`,
    ];
    io.stdout(`${lines.join('\n')}\n`);
  }
  return 0;
}

async function runDryRun(runtime: Runtime, args: ParsedArgs, io: CliIo): Promise<number> {
  const { app } = runtime;
  if (!args.flags['dry-run']) {
    throw new UsageError('digest only previews here: use digest --dry-run (the bot posts digests on schedule; set it up with /digest channel)');
  }
  if (args.positionals.length > 0) throw new UsageError(`digest takes no arguments besides its flags (got "${args.positionals.join(' ')}")`);
  const date = dateFlag(args, 'date') ?? localDate(app.clock.now(), app.config.digest.timeZone);
  const count = intFlag(args, 'limit', COUNT_RANGE.min, COUNT_RANGE.max) ?? app.config.digest.count;
  // A dry run changes nothing: no ingestion, no state; every known paper counts as not yet posted.
  const select = createDigestSelector({
    papers: () => app.store.all(),
    source: runtime.trendingSource,
    isPosted: () => false,
    logger: app.logger,
    covers: (query, paper) => app.covers(query, paper),
  });
  const selection = await select({ date, count });
  if (selection.fallback) io.stderr(`note: ${selection.reason}\n`);
  io.stdout(args.flags.json ? `${JSON.stringify(digestJson(selection))}\n` : `${formatDigest(selection)}\n`);
  return 0;
}

/** The `--json` shape of a dry run. */
export function digestJson(selection: DigestSelection) {
  return {
    date: selection.date,
    origin: selection.origin,
    fallback: selection.fallback,
    ...(selection.reason ? { reason: selection.reason } : {}),
    items: selection.items.map((item) => ({
      id: item.paper.id,
      title: item.paper.title,
      url: item.paper.url,
      ...(item.upvotes !== undefined ? { upvotes: item.upvotes } : {}),
      ...(item.topic ? { topic: item.topic } : {}),
      extract: item.extract,
    })),
  };
}

/** Readable digest: header, then each paper with upvotes, topic, link and extract. */
export function formatDigest(selection: DigestSelection): string {
  const plan = planDigest(selection);
  const lines = [plan.header.title, plan.header.description];
  if (selection.items.length === 0) lines.push('', 'No paper to post.');
  selection.items.forEach((item, index) => {
    const meta = [item.upvotes !== undefined ? `▲ ${item.upvotes}` : '', item.topic ?? '', item.paper.url].filter(Boolean).join(' · ');
    lines.push('', `${String(index + 1).padStart(2)}. ${item.paper.title}`, `    ${meta}`, `    “${item.extract}”`);
  });
  return lines.join('\n');
}
