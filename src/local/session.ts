/**
 * Terminal mode (`npm start` without DISCORD_TOKEN): a readline session with history that runs the Discord command
 * handlers locally. Works interactively and with piped input (one command per line, exits at end of input).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { ApplicationCommandOptionType } from 'discord.js';
import type { CommandInteractionOption, Message, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { App } from '../app/types.js';
import type { PaperAdder } from '../arxiv/index.js';
import type { DigestService } from '../digest/service.js';
import { stripControl } from '../text/control.js';
import type { ReadingList } from '../reading-list/index.js';
import type { Command, Invoker, SharedContext } from '../discord/command.js';
import { createResultSessions } from '../discord/components.js';
import { createCooldowns } from '../discord/cooldown.js';
import { DEFAULT_BUTTON_TTL_MS } from '../discord/bot.js';
import { loadCommands, slashCommandPayloads } from '../discord/loader.js';
import { createRouter } from '../discord/router.js';
import { autocompletePaper } from '../discord/papers.js';
import { createLocalButtonPress, createLocalInvocation } from './adapter.js';
import { findAmbiguousReference, formatChoices, pickChoice, type PendingChoice } from './choices.js';
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
  /** `/add`, as `ctx.adder`. */
  adder?: PaperAdder | null;
  /** Reading lists (`save`, `reading-list`), as `ctx.readingList`. */
  readingList?: ReadingList | null;
}

const EXAMPLES = [
  'search lottery ticket',
  '/search query: diffusion models mode: keyword limit: 3',
  'ask which papers cover pruning?',
  'summarize paper lottery ticket hypothesis',
  'summarize topic neural network pruning',
  'compare stabilizing the lottery ticket | duality gap',
  'similar low-rank lottery tickets',
  'paper stabilizing the lottery ticket hypothesis',
  'save stabilizing the lottery ticket hypothesis',
  'reading-list',
  'reading-list export format: bibtex',
  'related has anyone tried pruning networks early in training?',
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
  const json = slashCommandPayloads(commands);
  const shared: SharedContext = {
    app,
    logger: app.logger,
    clock: app.clock,
    sessions: createResultSessions({ ttlMs: DEFAULT_BUTTON_TTL_MS, clock: app.clock }),
    buttonTtlMs: DEFAULT_BUTTON_TTL_MS,
    commands,
    digest: options.digest ?? null,
    adder: options.adder ?? null,
    readingList: options.readingList ?? null,
  };
  // One person at a keyboard: no cooldown.
  const router = createRouter({ commands, shared, cooldowns: createCooldowns({ seconds: 0, clock: app.clock }) });
  const user: Invoker = { id: '1', username: safeUsername() };
  // User and corpus text reach a terminal: no escape sequences or control characters get through.
  const write = (text: string) => output.write(`${stripControl(text)}\n`);
  const note = (text: string) => (terminal ? output : errorOutput).write(`${text}\n`);

  let hints: ButtonHint[] = [];
  let pending: PendingChoice | undefined;
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
    const choice = pending;
    pending = undefined;
    const picked = choice ? pickChoice(choice, line) : undefined;
    if (choice && picked) {
      choice.option.value = picked.id;
      await runCommand(choice.name, choice.data);
      return true;
    }
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
    // The "Related papers" message command, on a message typed here.
    const related = /^related\s+(.+)$/is.exec(line.replace(/^\//, ''));
    if (related && commands.has(RELATED_PAPERS)) {
      await router.runCommand(createLocalInvocation(RELATED_PAPERS, [messageOption(related[1]!)], user, localOutput), 'local');
      return true;
    }
    const parsed = parseCommandLine(expandAlias(line), json);
    if (parsed.kind === 'error') write(`${parsed.message}\n`);
    if (parsed.kind === 'command') await runCommand(parsed.name, parsed.data);
    return true;
  }

  /** Runs a command, unless one of its paper references matches several papers: then offers numbered choices. */
  async function runCommand(name: string, data: CommandInteractionOption[]): Promise<void> {
    const registration = json.get(name);
    if (registration && commands.get(name)?.autocomplete === autocompletePaper) {
      pending = findAmbiguousReference(name, data, registration, (reference) => app.answers.lookup(reference));
      if (pending) {
        write(`${formatChoices(pending)}\n`);
        return;
      }
    }
    await router.runCommand(createLocalInvocation(name, data, user, localOutput), 'local');
  }
}

/** Name of the message command the terminal runs as `related <text>`. */
const RELATED_PAPERS = 'Related papers';

/** The option a message command's invocation carries: the target message (here, just its text). */
function messageOption(content: string): CommandInteractionOption {
  return { name: 'message', type: ApplicationCommandOptionType.String, value: 'local', message: { content, embeds: [] } as unknown as Message };
}

/** Terminal shorthands: `save <paper>` and a bare `reading-list`. */
export function expandAlias(line: string): string {
  const bare = line.replace(/^\//, '');
  if (/^save\s+\S/i.test(bare)) return `reading-list save ${bare.replace(/^save\s+/i, '')}`;
  if (/^reading-list\s*$/i.test(bare)) return 'reading-list show';
  return line;
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
  lines.push(`  ${'related <text>'.padEnd(44)} papers related to a text (the "Related papers" message command)`);
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
