import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../src/app/app.js';
import type { App } from '../../src/app/types.js';
import { loadConfig, type Config } from '../../src/app/config.js';
import { createRuntime, type FullRuntime, type Runtime, type RuntimeOverrides } from '../../src/app/runtime.js';
import { silentLogger } from '../../src/shared/log.js';
import type { Clock, Logger } from '../../src/shared/types.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface TestAppOptions {
  dataDir: string;
  hfUrl?: string;
  clock?: Clock;
  logger?: Logger;
  env?: Record<string, string>;
}

function testConfig(options: TestAppOptions): Config {
  return loadConfig(
    {
      CORPUS_DIR: path.join(ROOT, 'corpus'),
      DATA_DIR: options.dataDir,
      EMBEDDINGS: 'off',
      ...(options.hfUrl ? { HF_API_URL: options.hfUrl } : {}),
      ...options.env,
    },
    ROOT,
  );
}

const testOverrides = (options: TestAppOptions) => ({ embedder: null, logger: options.logger ?? silentLogger, ...(options.clock ? { clock: options.clock } : {}) });

/** The real app over the real corpus, keyword-only (no model), with data under `dataDir`. */
export async function createTestApp(options: TestAppOptions): Promise<App> {
  return createApp(testConfig(options), testOverrides(options));
}

const noTimers = { setTimeout: () => 0, clearTimeout: () => undefined };

/**
 * The real runtime (app, state database under `dataDir`, digest service) over the real corpus, keyword-only; the
 * scheduler sets no timers and nothing is ingested periodically unless `overrides` say otherwise.
 */
export async function createTestRuntime(options: TestAppOptions, overrides?: RuntimeOverrides): Promise<FullRuntime>;
export async function createTestRuntime(options: TestAppOptions, overrides: RuntimeOverrides, runtime: { readOnly: boolean }): Promise<Runtime>;
export async function createTestRuntime(options: TestAppOptions, overrides: RuntimeOverrides = {}, runtime: { readOnly?: boolean } = {}): Promise<Runtime> {
  return createRuntime(testConfig(options), { ...testOverrides(options), scheduler: { timers: noTimers }, ingestEveryMs: 0, ...overrides }, runtime);
}
