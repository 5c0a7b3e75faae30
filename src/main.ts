/**
 * `npm start`: with DISCORD_TOKEN, the Discord bot; without it, the local terminal mode.
 * Reads `.env`, validates the configuration, and exits 1 with a clear message when it is wrong.
 */
import dotenv from 'dotenv';
import { loadConfig } from './app/config.js';
import type { Config } from './app/config.js';
import type { FullRuntime } from './app/runtime.js';
import { formatStartupFailure, wantsStack } from './app/startup-errors.js';
import { acquireDataDirLock } from './process/lock.js';
import { createLogger } from './shared/log.js';
import { StateError } from './state/errors.js';

// The model may still be loading at exit; do not wait for it longer than this.
const CLOSE_TIMEOUT_MS = 5000;

async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  // A bad value throws ConfigError: reported below as one message with the fix.
  const config: Config = loadConfig(process.env);
  const local = !config.discord.token;
  // One bot per DATA_DIR: a second start stops here with the pid of the first.
  startedDataDir = config.dataDir;
  const lock = acquireDataDirLock(config.dataDir);
  process.on('exit', () => lock.release());
  // Loaded after the lock, so a second bot is turned away before it spends seconds loading the rest.
  const { createRuntime } = await import('./app/runtime.js');
  const { installProcessHandlers } = await import('./discord/shutdown.js');
  // In the terminal, only warnings go to stderr unless LOG_LEVEL asks for more.
  const logger = createLogger({ level: local && !process.env.LOG_LEVEL ? 'warn' : config.logLevel });
  // Everything is wired here; a broken state database (digest settings, subscriptions, ingested papers) stops the
  // start with the fix.
  let runtime: FullRuntime;
  try {
    runtime = await createRuntime(config, { logger });
  } catch (error) {
    if (error instanceof StateError) {
      console.error(`Paper Scout cannot start: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const { app, digest, adder, readingList } = runtime;

  if (local) {
    // The terminal session answers /digest status and preview; nothing is posted without Discord.
    const { runLocalSession } = await import('./local/session.js');
    const remove = installProcessHandlers({ logger, stop: () => closeRuntime(runtime) });
    await runLocalSession({ app, digest, adder, readingList });
    remove();
    await closeRuntime(runtime);
    return 0;
  }

  const { createBot } = await import('./discord/bot.js');
  const { createDigestPoster, createDmNotifier } = await import('./discord/digest-embeds.js');
  const { classifyPostError } = await import('./discord/post-errors.js');
  const bot = await createBot({ app, config, digest, adder, readingList });
  installProcessHandlers({
    logger,
    stop: async () => {
      await digest.stop();
      await bot.stop();
      await closeRuntime(runtime);
    },
  });
  await bot.start();
  digest.start({ post: createDigestPoster(bot.client), classifyError: classifyPostError, notify: createDmNotifier(bot.client) });
  return -1; // Keep running until a signal.
}

async function closeRuntime(runtime: FullRuntime): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([runtime.close(), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)))]);
  clearTimeout(timer);
}

let startedDataDir: string | undefined;

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(formatStartupFailure(error, { debug: wantsStack(process.env), ...(startedDataDir ? { dataDir: startedDataDir } : {}) }));
    process.exit(1);
  },
);
