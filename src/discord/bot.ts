/** The Discord side of Paper Scout: a client wired to the command router, mention answering, and clean shutdown. */
import { Events } from 'discord.js';
import type { Client, Message } from 'discord.js';
import type { App } from '../app/types.js';
import type { Config } from '../app/config.js';
import type { PaperAdder } from '../arxiv/index.js';
import type { DigestService } from '../digest/service.js';
import type { ReadingList } from '../reading-list/index.js';
import type { Command, SharedContext } from './command.js';
import { createResultSessions } from './components.js';
import { createCooldowns } from './cooldown.js';
import { createDiscordClient } from './client.js';
import { loadCommands } from './loader.js';
import { createMentionInvocation, extractMentionQuestion } from './mention.js';
import type { MentionMessage } from './mention.js';
import { NO_MENTIONS } from './responder.js';
import { createRouter } from './router.js';
import type { Router } from './router.js';

/** Buttons work for this long after their message (Discord's interaction tokens last 15 minutes too). */
export const DEFAULT_BUTTON_TTL_MS = 15 * 60 * 1000;

export interface BotOptions {
  app: App;
  config: Config;
  /** Defaults to every file in `commands/`. */
  commands?: ReadonlyMap<string, Command>;
  /** Digests and subscriptions, handed to every handler as `ctx.digest`. */
  digest?: DigestService | null;
  /** `/add`, as `ctx.adder`. */
  adder?: PaperAdder | null;
  /** Reading lists, as `ctx.readingList`. */
  readingList?: ReadingList | null;
  buttonTtlMs?: number;
  autoDeferMs?: number;
  /** A ready-made client (tests); defaults to `createDiscordClient(config)`. */
  client?: Client;
}

export interface Bot {
  readonly client: Client;
  readonly router: Router;
  readonly shared: SharedContext;
  /** Logs in and resolves once the gateway session is ready. */
  start(): Promise<void>;
  /** Stops taking new work, lets replies in flight finish (up to `drainMs`), then disconnects. */
  stop(options?: { drainMs?: number }): Promise<void>;
}

/** Wires a bot; nothing connects until `start()`. */
export async function createBot(options: BotOptions): Promise<Bot> {
  const { app, config } = options;
  const logger = app.logger;
  const commands = options.commands ?? (await loadCommands());
  const client = options.client ?? createDiscordClient(config);
  const buttonTtlMs = options.buttonTtlMs ?? DEFAULT_BUTTON_TTL_MS;
  const shared: SharedContext = {
    app,
    logger,
    clock: app.clock,
    sessions: createResultSessions({ ttlMs: buttonTtlMs, clock: app.clock }),
    buttonTtlMs,
    commands,
    digest: options.digest ?? null,
    adder: options.adder ?? null,
    readingList: options.readingList ?? null,
  };
  const router = createRouter({
    commands,
    shared,
    cooldowns: createCooldowns({ seconds: config.cooldownSeconds, clock: app.clock }),
    ...(options.autoDeferMs !== undefined ? { autoDeferMs: options.autoDeferMs } : {}),
  });

  const onMessage = async (message: Message) => {
    const me = client.user;
    if (!me || message.author.bot || message.author.id === me.id) return;
    const question = extractMentionQuestion(message.content, me.id);
    if (question === undefined || !commands.has('ask')) return;
    if (question === '') {
      await message.reply({
        content: `Ask me a research question after the mention, e.g. “<@${me.id}> which papers cover pruning?”, or use /ask.`,
        allowedMentions: NO_MENTIONS,
      });
      return;
    }
    await router.runCommand(createMentionInvocation(message as unknown as MentionMessage, 'ask', 'question', question), 'mention');
  };

  client.on(Events.InteractionCreate, (interaction) => void router.dispatch(interaction));
  client.on(Events.MessageCreate, (message) => {
    onMessage(message).catch((error: unknown) =>
      logger.error('could not answer a mention', { channel: message.channelId, user: message.author.id, error }),
    );
  });
  client.on(Events.Error, (error) => logger.error('discord client error', { error }));
  client.on(Events.Warn, (message) => logger.warn(`discord: ${message}`));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn('gateway disconnected', { shard, code: event.code }));
  let stopping = false;
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping) logger.info('gateway reconnecting', { shard });
  });
  client.on(Events.ShardError, (error, shard) => logger.error('gateway error', { shard, error }));

  return {
    client,
    router,
    shared,
    async start() {
      const token = config.discord.token;
      if (!token) throw new Error('bot.ts: DISCORD_TOKEN is not set; without it, run the local terminal mode instead');
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(token);
      await ready;
      logger.info(`connected to Discord as ${client.user?.tag ?? '?'}: ${commands.size} commands, ${client.guilds.cache.size} server(s)`);
    },
    async stop(stopOptions = {}) {
      stopping = true;
      router.stopAccepting();
      const drained = await router.drain(stopOptions.drainMs ?? 10_000);
      if (!drained) logger.warn(`shutting down with ${router.pending} repl${router.pending === 1 ? 'y' : 'ies'} still in flight`);
      await client.destroy();
    },
  };
}
