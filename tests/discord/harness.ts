/** Starts the real bot (real discord.js client, real app on the real corpus, keyword only) against the fake Discord. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from '../../src/app/types.js';
import { loadConfig } from '../../src/app/config.js';
import type { Config } from '../../src/app/config.js';
import { createRuntime, type FullRuntime } from '../../src/app/runtime.js';
import { createBot } from '../../src/discord/bot.js';
import type { Bot } from '../../src/discord/bot.js';
import { createLogger } from '../../src/shared/log.js';
import type { Clock } from '../../src/shared/types.js';
import { expectNoPing, expectWithinDiscordLimits } from '../fake-discord/assertions.js';
import { startFakeDiscord } from '../fake-discord/server.js';
import type { FakeDiscord, InteractionHandle } from '../fake-discord/server.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A clock tests move by hand. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function createManualClock(start = new Date('2025-01-15T12:00:00Z')): ManualClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms) {
      now += ms;
    },
  };
}

export interface Harness {
  fake: FakeDiscord;
  bot: Bot;
  /** What the bot was wired with (its app is the real one, before `wrapApp`). */
  runtime: FullRuntime;
  app: App;
  config: Config;
  clock: ManualClock;
  /** Log lines of the bot and app. */
  logs: string[];
  stop(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Wraps the real app (e.g. to make one answer fail or wait). */
  wrapApp?: (app: App) => App;
  autoDeferMs?: number;
}

/** The environment a test bot runs with: keyword search only, no cooldown, a throwaway data folder. */
export function testEnv(fake: FakeDiscord, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DISCORD_TOKEN: 'fake-token',
    DISCORD_APP_ID: fake.appId,
    DISCORD_API_URL: fake.apiUrl,
    EMBEDDINGS: 'off',
    COOLDOWN_SECONDS: '0',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'paper-scout-e2e-')),
    LOG_LEVEL: 'debug',
    ...extra,
  };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeDiscord();
  const config = loadConfig(testEnv(fake, options.env), REPO_ROOT);
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const clock = createManualClock();
  // Keyword only unless a test turns embeddings on (e.g. with the generated offline model).
  // No trending source: nothing in these tests may reach the internet.
  const runtime = await createRuntime(config, { ...(config.embeddings.enabled ? {} : { embedder: null }), logger, clock, trendingSource: null });
  const app = options.wrapApp ? options.wrapApp(runtime.app) : runtime.app;
  const bot = await createBot({ app, config, digest: runtime.digest, adder: runtime.adder, readingList: runtime.readingList, ...(options.autoDeferMs !== undefined ? { autoDeferMs: options.autoDeferMs } : {}) });
  await bot.start();
  return {
    fake,
    bot,
    runtime,
    app,
    config,
    clock,
    logs,
    async stop() {
      await bot.stop({ drainMs: 5000 });
      await fake.close();
      await runtime.close();
    },
  };
}

/** Replaces some `answers` methods of an app, keeping everything else. */
export function withAnswers(app: App, replacements: Partial<App['answers']>): App {
  const answers = new Proxy(app.answers, {
    get: (target, key, receiver) =>
      key in replacements ? replacements[key as keyof App['answers']] : Reflect.get(target, key, receiver),
  });
  return new Proxy(app, {
    get: (target, key, receiver) => (key === 'answers' ? answers : Reflect.get(target, key, receiver)),
  });
}

/** The message an interaction finally produced: the reply, or the edit that follows a deferral. */
export async function finalReply(fake: FakeDiscord, handle: InteractionHandle): Promise<Record<string, unknown>> {
  const callback = await handle.callback();
  const body = callback.body as { type: number; data?: Record<string, unknown> };
  if (body.type === 5) {
    const edit = await handle.request('webhook-edit');
    return edit.body as Record<string, unknown>;
  }
  if (!body.data) throw new Error(`callback of type ${body.type} carries no message`);
  return body.data;
}

/** Checks every payload the bot has sent so far against Discord's limits and "never ping"; returns how many. */
export function checkAllPayloads(fake: FakeDiscord, from = 0): number {
  const payloads = fake.payloads();
  for (const payload of payloads.slice(from)) {
    expectWithinDiscordLimits(payload.body);
    expectNoPing(payload.body);
  }
  return payloads.length;
}
