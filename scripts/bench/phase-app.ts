/**
 * Benchmark phase 2 for one corpus size, in a fresh process so memory is the app's own: a warm start on the DATA_DIR
 * left by phase 1 (timed until semantic search is ready), memory after start, then latency of the engine's three
 * modes and of the command handlers end to end (router → command → answers → search → embeds → responder).
 *
 * Model inference is excluded: the embedding model is loaded as in production, but texts it has never seen are
 * embedded by its exact lookup equivalent (see vectors.ts) during an untimed warm-up pass; the timed passes then find
 * every query and sentence vector in the embedding cache. The report counts texts embedded during timed passes (0).
 */
import type { CommandInteractionOption, InteractionReplyOptions } from 'discord.js';
import { createRuntime } from '../../src/app/runtime.js';
import type { App } from '../../src/app/types.js';
import type { AutocompleteInvocation, Command, CommandInvocation, SharedContext } from '../../src/discord/command.js';
import { createResultSessions } from '../../src/discord/components.js';
import { createCooldowns } from '../../src/discord/cooldown.js';
import { loadCommands, slashCommandPayloads } from '../../src/discord/loader.js';
import { createRouter, type Router } from '../../src/discord/router.js';
import { parseCommandLine } from '../../src/local/parse.js';
import { silentLogger } from '../../src/shared/log.js';
import { loadEmbedder } from '../../src/search/embedder.js';
import type { SearchMode } from '../../src/search/types.js';
import { readTestModelTables } from '../../test-support/test-model-files.js';
import { measureLatency, memory, round, since, type MemorySnapshot } from './measure.js';
import { benchConfig, sizeDirs } from './phase-build.js';
import { buildWorkload, type BenchWorkload, type EvalQuery } from './queries.js';
import type { LatencySummary } from './stats.js';
import { createTestModelVectors } from './vectors.js';

/** Options of {@link runAppPhase}. */
export interface AppPhaseOptions {
  size: number;
  workDir: string;
  modelDir: string;
  evalQueries: EvalQuery[];
  /** Timed passes over each workload (after one warm-up pass). */
  passes: number;
}

/** Latency of one workload, with how many of its replies were errors shown to the user. */
export interface WorkloadLatency extends LatencySummary {
  /** Replies flagged as errors (e.g. an ambiguous paper reference). */
  errors?: number;
}

/** App-level figures of one size. */
export interface AppReport {
  size: number;
  startup: {
    /** createRuntime resolved: keyword search answers. */
    keywordReadyMs: number;
    /** semanticReady resolved: hybrid search answers (warm embedding cache, nothing embedded). */
    readyMs: number;
    /** The first autocomplete after ready (the title index is built ahead of it). */
    firstAutocompleteMs: number;
    /** Texts embedded during start (0 with a warm cache). */
    embeddedTexts: number;
  };
  memory: { afterStart: MemorySnapshot; afterQueries: MemorySnapshot; peakRssMB: number };
  engine: Record<SearchMode, WorkloadLatency>;
  /** First (untimed-warm-up) pass of keyword search: caches cold. */
  keywordFirstPass: LatencySummary;
  handlers: Record<'search' | 'ask' | 'summarize' | 'compare' | 'autocomplete', WorkloadLatency>;
  /** Texts embedded during the timed passes; 0 means inference was excluded as intended. */
  embeddedWhileTimed: number;
}

/** Runs phase 2 (see the module comment). */
export async function runAppPhase(options: AppPhaseOptions): Promise<AppReport> {
  const dirs = sizeDirs(options.workDir, options.size);
  const config = benchConfig(dirs, options.modelDir);
  const lookup = createTestModelVectors(await readTestModelTables(options.modelDir));
  let embedded = 0;

  memory();
  const started = performance.now();
  const { app } = await createRuntime(
    config,
    {
      logger: silentLogger,
      loadEmbedder: async () => {
        const model = await loadEmbedder({
          model: config.embeddings.model,
          cacheDir: config.embeddings.cacheDir,
          allowRemote: false,
          quantized: config.embeddings.quantized,
          timeoutMs: config.embeddings.loadTimeoutMs,
        });
        return {
          modelId: model.modelId,
          dimension: model.dimension,
          embed: async (texts: string[]) => {
            embedded += texts.length;
            return texts.map(lookup);
          },
          dispose: () => model.dispose(),
        };
      },
    },
    // A search process: no state database is created and no digest service runs.
    { readOnly: true },
  );
  const keywordReadyMs = since(started);
  await app.semanticReady;
  const readyMs = since(started);
  if (app.status().semantic.state !== 'ready') throw new Error(`bench: semantic search did not start: ${app.status().semantic.reason ?? ''}`);
  const autocompleteStarted = performance.now();
  app.answers.autocomplete('deep', 25);
  const firstAutocompleteMs = since(autocompleteStarted);
  const embeddedTexts = embedded;
  const afterStart = memory();

  // The workload is built from the app's own papers: loading the corpus again would add a second copy to the RSS.
  const workload = buildWorkload(app.store.all(), options.evalQueries);

  let embeddedWhileTimed = 0;
  const timed = async <T>(inputs: readonly T[], run: (input: T) => unknown) => {
    const result = await measureLatency(inputs, run, { passes: options.passes, afterWarmup: () => (before = embedded) });
    embeddedWhileTimed += embedded - before;
    return result;
  };
  let before = 0;

  const engine = {} as AppReport['engine'];
  let keywordFirstPass: LatencySummary | undefined;
  for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
    const result = await timed(workload.searches, (q) => app.search(q, { mode }));
    engine[mode] = result.summary;
    if (mode === 'keyword') keywordFirstPass = result.firstPass;
  }
  const handlers = await measureHandlers(app, workload, timed);
  const afterQueries = memory();

  await app.close();
  return {
    size: options.size,
    startup: { keywordReadyMs, readyMs, firstAutocompleteMs, embeddedTexts },
    memory: { afterStart, afterQueries, peakRssMB: round(process.resourceUsage().maxRSS / 1024) },
    engine,
    keywordFirstPass: keywordFirstPass!,
    handlers,
    embeddedWhileTimed,
  };
}

type Timed = <T>(inputs: readonly T[], run: (input: T) => unknown) => Promise<{ summary: LatencySummary }>;

/** Runs each command through the real router, as a terminal or Discord invocation would. */
async function measureHandlers(app: App, workload: BenchWorkload, timed: Timed): Promise<AppReport['handlers']> {
  const commands = await loadCommands();
  const shared: SharedContext = {
    app,
    logger: silentLogger,
    clock: app.clock,
    sessions: createResultSessions({ ttlMs: 15 * 60_000, clock: app.clock }),
    buttonTtlMs: 15 * 60_000,
    commands,
  };
  const router = createRouter({ commands, shared, cooldowns: createCooldowns({ seconds: 0, clock: app.clock }) });
  const payloads = slashCommandPayloads(commands);

  const run = async (line: string, counter: { errors: number }) => {
    const parsed = parseCommandLine(line, payloads);
    if (parsed.kind !== 'command') throw new Error(`bench: cannot run "${line}": ${parsed.kind === 'error' ? parsed.message : 'empty line'}`);
    const replies = await invoke(router, parsed.name, parsed.data);
    if (replies.length === 0) throw new Error(`bench: "${line}" got no reply`);
    // Answers carry embeds; refusals and errors (e.g. an ambiguous reference) are plain text.
    if (!replies.some((r) => (r.embeds?.length ?? 0) > 0)) counter.errors += 1;
  };
  const measure = async (lines: string[]): Promise<WorkloadLatency> => {
    const counter = { errors: 0 };
    const result = await timed(lines, (line) => run(line, counter));
    // The counter saw every pass, the warm-up included: errors per pass.
    return { ...result.summary, errors: Math.round(counter.errors / (result.summary.samples / lines.length + 1)) };
  };
  const autocomplete = await timed(workload.partials, (partial) => router.runAutocomplete(autocompleteInvocation(commands, partial)));
  return {
    search: await measure(workload.searches.map((q) => `search ${q}`)),
    ask: await measure(workload.questions.map((q) => `ask ${q}`)),
    summarize: await measure(workload.references.map((r) => `summarize paper ${r}`)),
    compare: await measure(workload.pairs.map(([a, b]) => `compare ${a} | ${b}`)),
    autocomplete: autocomplete.summary,
  };
}

const USER = { id: '100000000000000001', username: 'bench' };

/** A command invocation that records its replies instead of posting them. */
async function invoke(router: Router, commandName: string, data: readonly CommandInteractionOption[]): Promise<InteractionReplyOptions[]> {
  const replies: InteractionReplyOptions[] = [];
  const state = { deferred: false, replied: false };
  const record = async (options: InteractionReplyOptions) => {
    replies.push(options);
    state.replied = true;
  };
  const invocation: CommandInvocation = {
    commandName,
    user: USER,
    guildId: null,
    channelId: null,
    options: { data },
    get deferred() {
      return state.deferred;
    },
    get replied() {
      return state.replied;
    },
    reply: record,
    deferReply: async () => {
      state.deferred = true;
    },
    editReply: (options) => record(options as InteractionReplyOptions),
    followUp: record,
    deleteReply: async () => undefined,
  };
  await router.runCommand(invocation, 'local');
  return replies;
}

function autocompleteInvocation(commands: ReadonlyMap<string, Command>, value: string): AutocompleteInvocation {
  if (!commands.get('summarize')?.autocomplete) throw new Error('bench: /summarize has no autocomplete');
  let responded = false;
  return {
    commandName: 'summarize',
    user: USER,
    get responded() {
      return responded;
    },
    options: { getFocused: () => ({ name: 'paper', value }) },
    respond: async () => {
      responded = true;
    },
  };
}
