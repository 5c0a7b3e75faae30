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
import { checkQueryLength, EXIT_CODES, intFlag, modeFlag, reportFailure, usageFailure, UsageError, wantsJson, type CliIo, type ParsedArgs } from './args.js';
import { ConfigError, loadConfig, type Config } from '../app/config.js';
import { createRuntime, type Runtime } from '../app/runtime.js';
import { CorpusError } from '../corpus/load.js';
import type { SearchResponse } from '../search/types.js';
import { LIMITS } from '../shared/limits.js';
import { stripControl } from '../text/control.js';

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
  add <arXiv id or URL>   fetch a paper from arXiv and keep it, e.g. add 1706.03762
  trends [--days N] [--topic X] [--png FILE]          terms rising in the last N days (7–90), papers per day

Every command takes --json (one JSON object on stdout; errors as {"error":{"code","message"}}). A paper is named by
id, arXiv id or (part of) its title. Exit codes: 0 ok, 1 runtime failure, 2 usage error or unresolved paper.
--help or -h anywhere prints this.

Examples:
  npm run --silent cli -- search "lottery ticket" --limit 3
  npm run --silent cli -- search "graph attention" --mode keyword --json
  npm run --silent cli -- ask "which papers study network pruning?"
  npm run --silent cli -- summarize "Densely Connected Convolutional Networks" --sentences 2
  npm run --silent cli -- compare "Deep Residual Learning for Image Recognition" "Wide Residual Networks"
  npm run --silent cli -- paper "densely connected convolutional"`;

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
  days: { type: 'string' },
  png: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses argv (without node and script); throws UsageError for unknown flags or missing values. */
export function parseCli(argv: string[]): { command: string | undefined; args: ParsedArgs } {
  let parsed;
  try {
    parsed = parseArgs({ args: attachNegativeValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '').split('\n')[0]!);
  }
  const [command, ...positionals] = parsed.positionals;
  const flags: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(parsed.values)) if (value !== undefined) flags[key] = value as string | boolean;
  return { command, args: { positionals, flags } };
}

/** `--limit -3` is read as the value "-3" (reported as out of range), not as an unknown option "-3". */
function attachNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    const takesValue = arg.startsWith('--') && OPTIONS[arg.slice(2) as keyof typeof OPTIONS]?.type === 'string';
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else out.push(arg);
  }
  return out;
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
  const limit = intFlag(args, 'limit', 1, LIMITS.cliSearchResults) ?? app.config.search.limit;
  const mode = modeFlag(args) ?? app.config.search.defaultMode;
  if (args.flags.stdin) {
    if (args.positionals.length > 0) throw new UsageError('search --stdin reads queries from standard input; give no query argument');
    if (mode !== 'keyword') await app.semanticReady;
    const lines = createInterface({ input: io.stdin ?? process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const query = line.trim();
      if (query === '') continue;
      checkQueryLength(query);
      io.stdout(`${JSON.stringify(searchJson(await app.search(query, { mode, limit })))}\n`);
    }
    return 0;
  }
  const query = args.positionals.join(' ').trim();
  if (query === '') throw new UsageError('search needs a query, e.g. search "lottery ticket"');
  checkQueryLength(query);
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
    case 'trends': {
      const { runTrendsCommand } = await import('./trends.js');
      return runTrendsCommand(app, args, io);
    }
    case 'add': {
      const { runAddCommand } = await import('./add.js');
      return runAddCommand(runtime, args, io);
    }
    default:
      throw new UsageError(`unknown command "${command}"; commands: search, ask, summarize, compare, similar, paper, ingest, digest, add, trends`);
  }
}

/** Entry point: config from the environment (and .env), one app, one command. */
export async function main(argv: string[], rawIo: CliIo, env: Record<string, string | undefined>): Promise<number> {
  // User and corpus text reach a terminal: no escape sequences or control characters get through.
  const io: CliIo = { ...rawIo, stdout: (t) => rawIo.stdout(stripControl(t)), stderr: (t) => rawIo.stderr(stripControl(t)) };
  const json = wantsJson(argv);
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    io.stdout(`${USAGE}\n`);
    return EXIT_CODES.ok;
  }
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    return reportFailure(io, json, usageFailure((error as Error).message));
  }
  const { command, args } = parsed;
  if (!command) return reportFailure(io, json, usageFailure('a command is needed: search, ask, summarize, compare, similar, paper, ingest or digest'));

  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return reportFailure(io, json, { code: 'config', message: error.message, exit: EXIT_CODES.usage });
    throw error;
  }
  let runtime: Runtime | undefined;
  try {
    // Only `ingest` and `add` write the state database; the other commands read the papers kept there and create nothing.
    // The model loads only for a command that uses it; a load that failed a moment ago is not retried at once.
    runtime = await createRuntime(config, { lazySemantic: true, rememberModelFailure: true }, { readOnly: command !== 'ingest' && command !== 'add' });
    return await runCommand(runtime, command, args, io);
  } catch (error) {
    if (error instanceof UsageError) return reportFailure(io, json, usageFailure(error.message));
    if (error instanceof CorpusError) {
      return reportFailure(io, json, { code: 'corpus', message: `${error.message} (CORPUS_DIR)`, exit: EXIT_CODES.failure });
    }
    return reportFailure(io, json, { code: 'failure', message: error instanceof Error ? error.message : String(error), exit: EXIT_CODES.failure });
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
