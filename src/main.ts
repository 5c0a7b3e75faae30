/**
 * `npm start`: with DISCORD_TOKEN, the Discord bot; without it, the local terminal mode.
 * Reads `.env`, validates the configuration, and exits 1 with a clear message when it is wrong.
 */
import dotenv from 'dotenv';
import { createApp } from './app.js';
import type { App } from './app-types.js';
import { ConfigError, loadConfig } from './config.js';
import type { Config } from './config.js';
import { createBot } from './discord/bot.js';
import { installProcessHandlers } from './discord/shutdown.js';
import { runLocalSession } from './local/session.js';
import { createLogger } from './log.js';

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
  const app = await createApp(config, { logger });

  if (local) {
    const remove = installProcessHandlers({ logger, stop: () => closeApp(app) });
    await runLocalSession({ app });
    remove();
    await closeApp(app);
    return 0;
  }

  const bot = await createBot({ app, config });
  installProcessHandlers({
    logger,
    stop: async () => {
      await bot.stop();
      await closeApp(app);
    },
  });
  await bot.start();
  return -1; // Keep running until a signal.
}

async function closeApp(app: App): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([app.close(), new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS)))]);
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
