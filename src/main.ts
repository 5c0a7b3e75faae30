/**
 * `npm start`: with DISCORD_TOKEN, the Discord bot; without it, the local terminal mode.
 * Reads `.env`, validates the configuration, and exits 1 with a clear message when it is wrong.
 */
import dotenv from 'dotenv';
import { createApp } from './app.js';
import { createArxivClient, createPaperAdder } from './arxiv/index.js';
import type { App } from './app-types.js';
import { ConfigError, loadConfig } from './config.js';
import type { Config } from './config.js';
import { createDigestService, type DigestService } from './digest/service.js';
import { createBot } from './discord/bot.js';
import { createDigestPoster, createDmNotifier, DIGEST_SERVICE_KEY } from './discord/digest-embeds.js';
import { ARXIV_SERVICE_KEY, READING_LIST_SERVICE_KEY } from './discord/services.js';
import { installProcessHandlers } from './discord/shutdown.js';
import { runLocalSession } from './local/session.js';
import { createLogger } from './log.js';
import { createReadingList } from './reading-list/index.js';
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
  const app = await createApp(config, { logger });
  // The state database (digest settings, subscriptions, ingested papers); a broken file stops the start with the fix.
  let digest: DigestService;
  try {
    digest = await createDigestService({ app });
  } catch (error) {
    if (error instanceof StateError) {
      console.error(`Paper Scout cannot start: ${error.message}`);
      await closeApp(app);
      return 1;
    }
    throw error;
  }
  const services = {
    [DIGEST_SERVICE_KEY]: digest,
    [ARXIV_SERVICE_KEY]: createPaperAdder({
      client: createArxivClient({ apiUrl: config.arxiv.apiUrl, logger }),
      ingest: (papers, origin) => digest.ingestPapers(papers, origin),
    }),
    [READING_LIST_SERVICE_KEY]: createReadingList({ state: digest.state, store: app.store }),
  };

  if (local) {
    // The terminal session answers /digest status and preview; nothing is posted without Discord.
    const remove = installProcessHandlers({ logger, stop: () => closeAll(app, digest) });
    await runLocalSession({ app, services });
    remove();
    await closeAll(app, digest);
    return 0;
  }

  const bot = await createBot({ app, config, services });
  installProcessHandlers({
    logger,
    stop: async () => {
      await digest.stop();
      await bot.stop();
      await closeAll(app, digest);
    },
  });
  await bot.start();
  digest.start({ post: createDigestPoster(bot.client), notify: createDmNotifier(bot.client) });
  return -1; // Keep running until a signal.
}

async function closeAll(app: App, digest: DigestService): Promise<void> {
  await digest.close();
  await closeApp(app);
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
