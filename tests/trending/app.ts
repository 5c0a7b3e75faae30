import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../src/app/app.js';
import type { App } from '../../src/app/types.js';
import { loadConfig } from '../../src/app/config.js';
import { silentLogger } from '../../src/shared/log.js';
import type { Clock, Logger } from '../../src/shared/types.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real app over the real corpus, keyword-only (no model), with data under `dataDir`. */
export async function createTestApp(options: { dataDir: string; hfUrl?: string; clock?: Clock; logger?: Logger; env?: Record<string, string> }): Promise<App> {
  const config = loadConfig(
    {
      CORPUS_DIR: path.join(ROOT, 'corpus'),
      DATA_DIR: options.dataDir,
      EMBEDDINGS: 'off',
      ...(options.hfUrl ? { HF_API_URL: options.hfUrl } : {}),
      ...options.env,
    },
    ROOT,
  );
  return createApp(config, { embedder: null, logger: options.logger ?? silentLogger, ...(options.clock ? { clock: options.clock } : {}) });
}
