#!/usr/bin/env -S npx tsx
/**
 * Terminal adapter: `npm run --silent cli -- <command> …`. Results go to stdout (one JSON object with --json),
 * logs and warnings to stderr. Exit codes: 0 ok, 1 runtime failure, 2 usage error or unresolved paper reference.
 */
import { realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import type { App } from '../app/types.js';
import { intFlag, modeFlag, UsageError, type CliIo, type ParsedArgs } from './args.js';
import { ConfigError, loadConfig, type Config } from '../app/config.js';
import { createRuntime, type Runtime } from '../app/runtime.js';
import { CorpusError } from '../corpus/load.js';
import type { SearchResponse } from '../search/types.js';

export { UsageError, type CliIo, type ParsedArgs } from './args.js';

const USAGE = `Paper Scout — search and question answering over ML paper abstracts

Usage: npm run --silent cli -- <command> [arguments] [options]

Commands:
  search "<query>"        ranked papers   [--limit N] [--mode hybrid|keyword|semantic] [--json] [--stdin]
  ask "<question>"        answer from quoted abstract sentences, with citations
  summarize "<paper>"     key sentences of one paper   [--sentences N]
  summarize --topic "<q>" short multi-paper summary
  compare "<A>" "<B>" …   compare 2–4 papers side by side
  similar "<paper>"       papers most like this one
  paper "<paper>"         the full record of one paper
  ingest --hf-date YYYY-MM-DD | --file papers.json    add papers to the corpus
  digest --dry-run [--date YYYY-MM-DD]                what the daily post would contain

Every command takes --json (one JSON object on stdout). A paper is named by id, arXiv id or (part of) its title.`;

// Flags each command accepts; anything else is a usage error naming the flag.
const OPTIONS = {
  limit: { type: 'string' },
  mode: { type: 'string' },
  json: { type: 'boolean' },
  stdin: { type: 'boolean' },
  sentences: { type: 'string' },
  topic: { type: 'string' },
  'hf-date': { type: 'string' },
  file: { type: 'string' },
  'dry-run': { type: 'boolean' },
  date: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses argv (without node and script); throws UsageError for unknown flags or missing values. */
export function parseCli(argv: string[]): { command: string | undefined; args: ParsedArgs } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const [command, ...positionals] = parsed.positionals;
  const flags: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(parsed.values)) if (value !== undefined) flags[key] = value as string | boolean;
  return { command, args: { positionals, flags } };
}

/** The `--json` shape of a search: exactly these fields, stable for scripts. */
export function searchJson(response: SearchResponse) {
  return {
    query: response.query,
    mode: response.mode,
    weak: response.weak,
    ...(response.note ? { note: response.note } : {}),
    results: response.results.map((r) => ({ id: r.id, title: r.title, url: r.url, score: r.score, evidence: r.evidence, signals: r.signals })),
  };
}

/** Readable ranked list with the evidence sentence under each title. */
export function formatSearch(response: SearchResponse): string {
  const lines = [`Results for "${response.query}" (${response.mode})`];
  if (response.note) lines.push(`note: ${response.note}`);
  if (response.results.length === 0) lines.push('No paper matches.');
  response.results.forEach((r, index) => {
    const parts = [r.signals.keyword, r.signals.semantic].some((s) => s !== null)
      ? ` (${[r.signals.keyword !== null ? `keyword ${r.signals.keyword.toFixed(2)}` : '', r.signals.semantic !== null ? `semantic ${r.signals.semantic.toFixed(2)}` : ''].filter(Boolean).join(' · ')})`
      : '';
    lines.push('', `${String(index + 1).padStart(2)}. ${r.title}`, `    score ${r.score.toFixed(2)}${parts}  ${r.url}`, `    “${r.evidence}”`);
  });
  return lines.join('\n');
}

async function runSearch(app: App, args: ParsedArgs, io: CliIo): Promise<number> {
  const limit = intFlag(args, 'limit', 1, 100) ?? app.config.search.limit;
  const mode = modeFlag(args) ?? app.config.search.defaultMode;
  if (args.flags.stdin) {
    if (args.positionals.length > 0) throw new UsageError('search --stdin reads queries from standard input; give no query argument');
    if (mode !== 'keyword') await app.semanticReady;
    const lines = createInterface({ input: io.stdin ?? process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const query = line.trim();
      if (query === '') continue;
      io.stdout(`${JSON.stringify(searchJson(await app.search(query, { mode, limit })))}\n`);
    }
    return 0;
  }
  const query = args.positionals.join(' ').trim();
  if (query === '') throw new UsageError('search needs a query, e.g. search "lottery ticket"');
  if (mode !== 'keyword') await app.semanticReady;
  const response = await app.search(query, { mode, limit });
  io.stdout(args.flags.json ? `${JSON.stringify(searchJson(response))}\n` : `${formatSearch(response)}\n`);
  return 0;
}

/** Runs one CLI call against a runtime; returns the exit code. */
export async function runCommand(runtime: Runtime, command: string, args: ParsedArgs, io: CliIo): Promise<number> {
  const { app } = runtime;
  switch (command) {
    case 'search':
      return runSearch(app, args, io);
    case 'ask':
    case 'summarize':
    case 'compare':
    case 'similar':
    case 'paper': {
      const { runAnswerCommand } = await import('./answers.js');
      return runAnswerCommand(app, command, args, io);
    }
    case 'ingest':
    case 'digest': {
      const { runDigestCommand } = await import('./digest.js');
      return runDigestCommand(runtime, command, args, io);
    }
    default:
      throw new UsageError(`unknown command "${command}"; commands: search, ask, summarize, compare, similar, paper, ingest, digest`);
  }
}

/** Entry point: config from the environment (and .env), one app, one command. */
export async function main(argv: string[], io: CliIo, env: Record<string, string | undefined>): Promise<number> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { command, args } = parsed;
  if (!command || args.flags.help || command === 'help') {
    (command ? io.stdout : io.stderr)(`${USAGE}\n`);
    return command ? 0 : 2;
  }

  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let runtime: Runtime | undefined;
  try {
    // Only `ingest` writes the state database; the other commands read the papers kept there and create nothing.
    runtime = await createRuntime(config, {}, { readOnly: command !== 'ingest' });
    return await runCommand(runtime, command, args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n(run "npm run --silent cli -- help" for usage)\n`);
      return 2;
    }
    if (error instanceof CorpusError) {
      io.stderr(`error: ${error.message}\n`);
      return 1;
    }
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await runtime?.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  dotenv.config({ quiet: true });
  const code = await main(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }, process.env);
  process.exitCode = code;
}
