/**
 * Terminal mode (`npm start` without DISCORD_TOKEN): a readline session with history that runs the Discord command
 * handlers locally. Works interactively and with piped input (one command per line, exits at end of input).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { App } from '../app/types.js';
import type { DigestService } from '../digest/service.js';
import type { Command, Invoker, SharedContext } from '../discord/command.js';
import { createResultSessions } from '../discord/components.js';
import { createCooldowns } from '../discord/cooldown.js';
import { DEFAULT_BUTTON_TTL_MS } from '../discord/bot.js';
import { loadCommands } from '../discord/loader.js';
import { createRouter } from '../discord/router.js';
import { createLocalButtonPress, createLocalInvocation } from './adapter.js';
import type { LocalOutput } from './adapter.js';
import { parseCommandLine, usageLines } from './parse.js';
import { buttonHints } from './render.js';
import type { ButtonHint } from './render.js';

export interface LocalSessionOptions {
  app: App;
  /** Defaults to every file in `commands/`. */
  commands?: ReadonlyMap<string, Command>;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Where the banner and status lines go when not interactive (keeps piped output to answers only). */
  errorOutput?: NodeJS.WritableStream;
  /** Interactive (prompt, history, banner on output); default: both streams are TTYs. */
  terminal?: boolean;
  /** Persistent history file for interactive sessions; default `<dataDir>/terminal-history`. */
  historyFile?: string;
  /** Digest status and preview (nothing is posted without Discord), as `ctx.digest`. */
  digest?: DigestService | null;
}

const EXAMPLES = [
  'search lottery ticket',
  '/search query: diffusion models mode: keyword limit: 3',
  'ask which papers cover pruning?',
  'summarize paper lottery ticket hypothesis',
  'summarize topic neural network pruning',
  'compare lottery ticket | duality gap',
  'similar lottery ticket',
  'paper lottery ticket',
  'about',
];

/** Runs the session until `exit`, Ctrl-C / Ctrl-D, or the end of piped input. */
export async function runLocalSession(options: LocalSessionOptions): Promise<void> {
  const { app } = options;
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const errorOutput = options.errorOutput ?? process.stderr;
  const terminal = options.terminal ?? Boolean((input as { isTTY?: boolean }).isTTY && (output as { isTTY?: boolean }).isTTY);
  const commands = options.commands ?? (await loadCommands());
  const json = new Map<string, RESTPostAPIChatInputApplicationCommandsJSONBody>(
    [...commands.values()].map((c) => [c.data.name, c.data.toJSON()]),
  );
  const shared: SharedContext = {
    app,
    logger: app.logger,
    clock: app.clock,
    sessions: createResultSessions({ ttlMs: DEFAULT_BUTTON_TTL_MS, clock: app.clock }),
    buttonTtlMs: DEFAULT_BUTTON_TTL_MS,
    commands,
    digest: options.digest ?? null,
  };
  // One person at a keyboard: no cooldown.
  const router = createRouter({ commands, shared, cooldowns: createCooldowns({ seconds: 0, clock: app.clock }) });
  const user: Invoker = { id: '1', username: safeUsername() };
  const write = (text: string) => output.write(`${text}\n`);
  const note = (text: string) => (terminal ? output : errorOutput).write(`${text}\n`);

  let hints: ButtonHint[] = [];
  const localOutput: LocalOutput = {
    print: (text) => write(`${text}\n`),
    shown: (reply) => {
      if (reply.components !== undefined) hints = buttonHints(reply.components);
    },
    ...(terminal ? { working: () => write('… working') } : {}),
  };

  note(banner(app));
  if (terminal) {
    void app.semanticReady.then(() => {
      const semantic = app.status().semantic;
      if (semantic.state === 'ready') write(`\n(semantic search is ready: ${semantic.modelId})`);
    });
  }

  const historyFile = options.historyFile ?? path.join(app.config.dataDir, 'terminal-history');
  const history = terminal ? await readHistory(historyFile) : [];
  const rl = readline.createInterface({
    input,
    output,
    terminal,
    history,
    historySize: 500,
    removeHistoryDuplicates: true,
    completer: (line: string) => {
      const words = [...json.keys(), 'help', 'exit', ...hints.map((h) => h.hint)];
      const hits = words.filter((w) => w.startsWith(line.replace(/^\//, '')));
      return [hits, line.replace(/^\//, '')];
    },
  });
  let savedHistory = history;
  rl.on('history', (lines) => {
    savedHistory = lines;
  });
  rl.on('SIGINT', () => rl.close());
  rl.setPrompt('paper-scout> ');
  if (terminal) rl.prompt();

  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (!terminal && line !== '') write(`paper-scout> ${line}`);
      const keepGoing = await handleLine(line);
      if (!keepGoing) break;
      if (terminal) rl.prompt();
    }
  } finally {
    rl.close();
    await router.drain(10_000);
    if (terminal) await writeHistory(historyFile, savedHistory);
  }

  async function handleLine(line: string): Promise<boolean> {
    if (line === '') return true;
    const lower = line.toLowerCase().replace(/^\//, '');
    if (['exit', 'quit', 'q', '.exit'].includes(lower)) return false;
    if (lower === 'help' || lower === '?') {
      write(help(json));
      return true;
    }
    const hint = hints.find((h) => h.hint === lower.replace(/^\[|\]$/g, ''));
    if (hint) {
      await router.runButton(createLocalButtonPress(hint.customId, user, localOutput), 'local');
      return true;
    }
    const parsed = parseCommandLine(line, json);
    if (parsed.kind === 'error') write(`${parsed.message}\n`);
    if (parsed.kind === 'command') await router.runCommand(createLocalInvocation(parsed.name, parsed.data, user, localOutput), 'local');
    return true;
  }
}

/** First lines of the session: what is loaded and how to start. */
export function banner(app: App): string {
  const status = app.status();
  const semantic = status.semantic;
  const state = {
    ready: `on (${semantic.modelId})`,
    loading: `loading ${semantic.modelId}… keyword search works meanwhile`,
    unavailable: `off — ${semantic.reason ?? 'model unavailable'}`,
    disabled: `off — ${semantic.reason ?? 'disabled'}`,
  }[semantic.state];
  return [
    `Paper Scout ${status.version} — ${status.papers} papers · semantic search: ${state}`,
    'Local mode (no DISCORD_TOKEN set): type a command as on Discord, e.g. "search lottery ticket".',
    'Type help for every command and examples, exit to quit.',
    '',
  ].join('\n');
}

/** Every command with its usage, then examples. */
export function help(json: ReadonlyMap<string, RESTPostAPIChatInputApplicationCommandsJSONBody>): string {
  const lines = ['Commands (the leading / is optional; name: value pairs work as on Discord):'];
  for (const command of [...json.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    for (const { usage, description } of usageLines(command)) lines.push(`  ${usage.padEnd(44)} ${description}`);
  }
  lines.push('', 'Examples:', ...EXAMPLES.map((e) => `  ${e}`));
  lines.push('', 'Buttons appear as [hints]: type one (e.g. next, summarize 1) to press it. exit quits.', '');
  return lines.join('\n');
}

async function readHistory(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split('\n').filter(Boolean).reverse().slice(0, 500);
  } catch {
    return [];
  }
}

async function writeHistory(file: string, lines: string[]): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${[...lines].reverse().join('\n')}\n`);
  } catch {
    // History is a convenience; a read-only data folder must not break exiting.
  }
}

function safeUsername(): string {
  try {
    return os.userInfo().username || 'you';
  } catch {
    return 'you';
  }
}
