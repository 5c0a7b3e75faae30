/**
 * `npm start`: with DISCORD_TOKEN, the Discord bot; without it, the local terminal mode.
 * Reads `.env`, validates the configuration, and exits 1 with a clear message when it is wrong.
 */
import dotenv from 'dotenv';
import { ConfigError, loadConfig } from './app/config.js';
import type { Config } from './app/config.js';
import { createRuntime, type FullRuntime } from './app/runtime.js';
import { createBot } from './discord/bot.js';
import { createDigestPoster, createDmNotifier } from './discord/digest-embeds.js';
import { classifyPostError } from './discord/post-errors.js';
import { installProcessHandlers } from './discord/shutdown.js';
import { runLocalSession } from './local/session.js';
import { createLogger } from './shared/log.js';
import { StateError } from './state/errors.js';

// The model may still be loading at exit; do not wait for it longer than this.
const CLOSE_TIMEOUT_MS = 5000;

async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Paper Scout cannot start: ${error.message}\nFix the variables above in .env (see .env.example) and try again.`);
      return 1;
    }
    throw error;
  }
  const local = !config.discord.token;
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
  const { app, digest } = runtime;

  if (local) {
    // The terminal session answers /digest status and preview; nothing is posted without Discord.
    const remove = installProcessHandlers({ logger, stop: () => closeRuntime(runtime) });
    await runLocalSession({ app, digest });
    remove();
    await closeRuntime(runtime);
    return 0;
  }

  const bot = await createBot({ app, config, digest });
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

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(`Paper Scout stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
