/**
 * Every example shown to users runs: the command lines of README.md (CLI and terminal blocks), of the CLI's help and
 * usage errors, and of the terminal's `help`. They are parsed from the texts themselves, so a new example is covered
 * as soon as it is written down.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { CommandInteractionOption } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app/app.js';
import type { App } from '../src/app/types.js';
import { EXAMPLES as ANSWER_EXAMPLES } from '../src/cli/answers.js';
import { main } from '../src/cli/main.js';
import { loadConfig } from '../src/app/config.js';
import type { Command } from '../src/discord/command.js';
import { loadCommands, slashCommandPayloads } from '../src/discord/loader.js';
import { silentLogger } from '../src/shared/log.js';
import { help, runLocalSession } from '../src/local/session.js';
import { REPO_ROOT } from './discord/harness.js';
import { startFakeHfApi, type FakeHfApi } from './trending/hf-server.js';
import { startFakeArxiv, type FakeArxivApi } from './arxiv/arxiv-server.js';
import { trendingPapers } from './trends/dated-papers.js';
import { openState, statePathFor, type State } from '../src/state/index.js';
import { createReadingList } from '../src/reading-list/index.js';

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const CLI_PREFIX = 'npm run --silent cli -- ';

/** The lines of fenced code blocks. */
function codeLines(markdown: string): string[] {
  return [...markdown.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));
}

/** Shell words of an example: quotes removed, `# comments`, `[optional parts]` and a `< file` redirect taken out. */
export function exampleWords(line: string): { words: string[]; stdinFile?: string } {
  const words: string[] = [];
  let stdinFile: string | undefined;
  const pattern = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let depth = 0;
  let redirect = false;
  for (const match of line.matchAll(pattern)) {
    const bare = match[3];
    if (bare !== undefined && depth === 0 && bare.startsWith('#')) break;
    if (bare !== undefined && bare.startsWith('[')) depth += 1;
    if (depth > 0) {
      if (bare !== undefined) depth -= (bare.match(/]/g) ?? []).length;
      continue;
    }
    const word = match[1] ?? match[2] ?? bare!;
    if (bare === '<') {
      redirect = true;
      continue;
    }
    if (redirect) {
      stdinFile = word;
      redirect = false;
      continue;
    }
    words.push(word);
  }
  return { words, ...(stdinFile ? { stdinFile } : {}) };
}

/** CLI examples: README lines and help lines starting with the npm prefix, and the usage-error examples. */
function cliExamples(helpText: string): string[] {
  const fromText = (text: string) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith(CLI_PREFIX))
      .map((l) => l.slice(CLI_PREFIX.length));
  const fromErrors = Object.values(ANSWER_EXAMPLES).flatMap((e) => e.split(' | '));
  return [...fromText(codeLines(README).join('\n')), ...fromText(helpText), ...fromErrors];
}

/** Terminal examples: README lines after the prompt, and the Examples section of `help`. */
function terminalExamples(helpText: string): string[] {
  const fromReadme = codeLines(README)
    .filter((l) => l.startsWith('paper-scout> '))
    .map((l) => l.slice('paper-scout> '.length).trim());
  const examples = helpText.split('\n\n').find((block) => block.startsWith('Examples:'));
  const fromHelp = (examples ?? '').split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
  return [...fromReadme, ...fromHelp];
}

let hf: FakeHfApi;
let arxiv: FakeArxivApi;
let workDir: string;
let state: State;
let commands: ReadonlyMap<string, Command>;
let app: App;

beforeAll(async () => {
  hf = await startFakeHfApi({ keepOpen: true });
  arxiv = await startFakeArxiv({ keepOpen: true });
  // Any date gets the fixture day, so the README's dated ingest example has papers to add.
  hf.behave({ body: JSON.parse(readFileSync(path.join(REPO_ROOT, 'tests/fixtures/hf/daily_papers-2026-03-06.json'), 'utf8')) });
  workDir = mkdtempSync(path.join(os.tmpdir(), 'paper-scout-examples-'));
  // Files the examples name: a paper file to ingest and queries to read from standard input.
  writeFileSync(path.join(workDir, 'papers.json'), JSON.stringify([{ title: 'An Example Paper About Sparse Lottery Tickets', abstract: 'We prune networks. Sparse tickets train well.' }]));
  writeFileSync(path.join(workDir, 'queries.txt'), 'lottery ticket\ngraph neural networks\n');
  commands = await loadCommands();
  app = await createApp(loadConfig({ EMBEDDINGS: 'off', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'paper-scout-examples-')) }, REPO_ROOT), {
    embedder: null,
    logger: silentLogger,
  });
});

afterAll(async () => {
  await hf.close();
  await arxiv.close();
  state?.close();
  await app.close();
});

async function runCli(line: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const { words, stdinFile } = exampleWords(line);
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t: string) => (stdout += t),
    stderr: (t: string) => (stderr += t),
    ...(stdinFile ? { stdin: Readable.from([readFileSync(path.join(workDir, stdinFile), 'utf8')]) } : {}),
  };
  const env = {
    EMBEDDINGS: 'off',
    CORPUS_DIR: path.join(REPO_ROOT, 'corpus'),
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'paper-scout-examples-')),
    HF_API_URL: hf.url,
    ARXIV_API_URL: arxiv.url,
    LOG_LEVEL: 'warn',
  };
  // Trends need dated papers, as ingested from the daily feed: two weeks of them, up to today.
  if (words[0] === 'trends') {
    const seeded = openState(statePathFor(env.DATA_DIR), { clock: { now: () => new Date() }, logger: silentLogger });
    seeded.papers.upsert(trendingPapers(new Date()), 'file:dated.json');
    seeded.close();
  }
  // Relative file names in examples (papers.json) are read from the working directory.
  const cwd = process.cwd();
  process.chdir(workDir);
  try {
    return { code: await main(words, io, env), stdout, stderr };
  } finally {
    process.chdir(cwd);
  }
}

describe('CLI examples (README, help, usage errors)', () => {
  it('are found in the texts', async () => {
    const usage = await runCli('--help');
    const examples = cliExamples(usage.stdout);
    expect(examples.length).toBeGreaterThanOrEqual(20);
    expect(examples).toContain('paper "densely connected convolutional"');
    expect(examples.some((e) => e.startsWith('ingest --file'))).toBe(true);
  });

  it('each runs and exits 0 with output on stdout', async () => {
    const usage = await runCli('--help');
    const failures: string[] = [];
    for (const example of cliExamples(usage.stdout)) {
      const result = await runCli(example);
      if (result.code !== 0 || result.stdout.trim() === '') failures.push(`${example}\n  exit ${result.code}: ${result.stderr.trim()}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('exampleWords', () => {
  it('drops optional parts, comments and the redirect, and unquotes', () => {
    expect(exampleWords('search "lottery ticket" [--limit N] [--mode hybrid|keyword|semantic] [--json]')).toEqual({ words: ['search', 'lottery ticket'] });
    expect(exampleWords('search --stdin --json < queries.txt      # one query per line')).toEqual({ words: ['search', '--stdin', '--json'], stdinFile: 'queries.txt' });
  });
});

describe('terminal examples (README, help)', () => {
  it('each runs without an error, a parse error or a request to choose', async () => {
    const helpText = help(slashCommandPayloads(commands));
    const examples = terminalExamples(helpText);
    expect(examples.length).toBeGreaterThanOrEqual(10);
    // Handlers are wrapped to record what they throw (the router turns it into a reply).
    const thrown: string[] = [];
    const recording = new Map(
      [...commands].map(([name, command]) => [
        name,
        {
          ...command,
          async execute(invocation: { options: { data: readonly CommandInteractionOption[] } }, ctx: unknown) {
            try {
              return await (command.execute as (i: unknown, c: unknown) => Promise<void>)(invocation, ctx);
            } catch (error) {
              thrown.push(`${name}: ${(error as Error).message}`);
              throw error;
            }
          },
        } as Command,
      ]),
    );
    // The terminal's reading-list examples keep their list in a throw-away state database.
    state = openState(':memory:', { clock: app.clock, logger: silentLogger });
    const readingList = createReadingList({ state, store: app.store });
    const failures: string[] = [];
    for (const example of examples) {
      const input = new PassThrough();
      const output = new PassThrough();
      let out = '';
      output.on('data', (c: Buffer) => (out += c.toString()));
      input.end(`${example}\n`);
      thrown.length = 0;
      await runLocalSession({ app, commands: recording, readingList, input, output, errorOutput: new PassThrough(), terminal: false });
      const parseError = /Unknown command|Type help for the syntax|Too many parts|needs one of|matches several papers|Something went wrong/.test(out);
      if (thrown.length > 0 || parseError) failures.push(`${example}\n  ${thrown.join('; ')}${out.split('\n').slice(1, 4).join(' | ')}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
