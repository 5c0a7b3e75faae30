/**
 * The one place invocations are dispatched: slash commands, autocomplete, buttons (and, through adapters,
 * mentions and the terminal). It acknowledges in time, applies the cooldown, catches every error and answers it
 * ephemerally, logs with context, and tracks work in flight so shutdown can wait for it.
 */
import { performance } from 'node:perf_hooks';
import type { Interaction } from 'discord.js';
import type {
  AutocompleteInvocation,
  ButtonContext,
  Command,
  CommandContext,
  CommandInvocation,
  ComponentInvocation,
  SharedContext,
  Surface,
} from './command.js';
import { decodeCustomId, isExpired } from './components.js';
import { describeCooldown } from './cooldown.js';
import type { Cooldowns } from './cooldown.js';
import { describeError } from './errors.js';
import { createResponder } from './responder.js';
import type { Responder } from './responder.js';

export interface RouterOptions {
  commands: ReadonlyMap<string, Command>;
  shared: SharedContext;
  cooldowns: Cooldowns;
  /** Defer by itself when a handler has not answered after this long; Discord drops interactions after 3 s. */
  autoDeferMs?: number;
}

export interface Router {
  /** Entry point for discord.js `interactionCreate`. Never rejects. */
  dispatch(interaction: Interaction): Promise<void>;
  runCommand(invocation: CommandInvocation, surface: Surface): Promise<void>;
  runAutocomplete(invocation: AutocompleteInvocation): Promise<void>;
  runButton(invocation: ComponentInvocation, surface: Surface): Promise<void>;
  /** New work is answered with "restarting" from now on. */
  stopAccepting(): void;
  /** Waits for work in flight; false when `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean>;
  readonly pending: number;
}

const RESTARTING = 'Paper Scout is restarting — please try again in a minute.';

/** Creates the router over the loaded commands. */
export function createRouter(options: RouterOptions): Router {
  const { commands, shared, cooldowns } = options;
  const { logger } = shared;
  const autoDeferMs = options.autoDeferMs ?? 2000;
  const inflight = new Set<Promise<void>>();
  let accepting = true;

  const track = (work: () => Promise<void>, context: Record<string, unknown>): Promise<void> => {
    const run = work()
      .catch((error: unknown) => logger.error('unhandled error while answering', { ...context, error }))
      .finally(() => inflight.delete(run));
    inflight.add(run);
    return run;
  };

  const fail = async (responder: Responder, error: unknown, context: Record<string, unknown>, label: string) => {
    const described = describeError(error, label);
    if (described.unexpected) logger.error(`${label} failed`, { ...context, error, stack: errorStack(error) });
    else logger.debug(`${label} refused`, { ...context, reason: described.message });
    await responder.respond({ content: described.message, ephemeral: true }).catch((sendError: unknown) =>
      logger.error(`${label}: could not send the error message`, { ...context, error: sendError }),
    );
  };

  const contextFor = (responder: Responder, surface: Surface, user: CommandContext['user'], started: number): CommandContext => ({
    ...shared,
    surface,
    user,
    respond: (reply) => responder.respond(reply),
    defer: () => responder.defer(),
    elapsedMs: () => performance.now() - started,
  });

  const runCommand = (invocation: CommandInvocation, surface: Surface): Promise<void> => {
    const started = performance.now();
    const label = `/${invocation.commandName}`;
    const context = { command: label, user: invocation.user.id, username: invocation.user.username, surface };
    return track(async () => {
      const responder = createResponder(invocation);
      if (!accepting) return responder.respond({ content: RESTARTING, ephemeral: true });
      const command = commands.get(invocation.commandName);
      if (!command) {
        logger.warn('unknown command', context);
        return responder.respond({
          content: `I don't know ${label} (any more). Type / to see the commands I have.`,
          ephemeral: true,
        });
      }
      if (command.cooldown !== false) {
        const check = cooldowns.take(invocation.user.id);
        if (!check.ok) return responder.respond({ content: describeCooldown(check.retryAfterMs), ephemeral: true });
      }
      const timer = setTimeout(() => {
        responder.defer().catch((error: unknown) => logger.warn(`${label}: could not defer`, { ...context, error }));
      }, autoDeferMs);
      timer.unref?.();
      try {
        if (command.shouldDefer?.(invocation, shared)) await responder.defer();
        await command.execute(invocation, contextFor(responder, surface, invocation.user, started));
        if (responder.state !== 'answered') {
          logger.error(`${label} finished without answering`, context);
          await responder.respond({ content: 'Nothing to show for that.', ephemeral: true });
        }
        logger.debug(`${label} answered`, { ...context, ms: Math.round(performance.now() - started) });
      } catch (error) {
        await fail(responder, error, context, label);
      } finally {
        clearTimeout(timer);
      }
    }, context);
  };

  const runAutocomplete = (invocation: AutocompleteInvocation): Promise<void> => {
    const context = { command: `/${invocation.commandName}`, user: invocation.user.id, autocomplete: true };
    return track(async () => {
      const command = commands.get(invocation.commandName);
      try {
        if (accepting && command?.autocomplete) await command.autocomplete(invocation, shared);
      } catch (error) {
        logger.error('autocomplete failed', { ...context, error, stack: errorStack(error) });
      }
      // Discord shows "loading options failed" unless every request is answered.
      if (!invocation.responded) await invocation.respond([]);
    }, context);
  };

  const runButton = (invocation: ComponentInvocation, surface: Surface): Promise<void> => {
    const started = performance.now();
    const press = decodeCustomId(invocation.customId);
    const label = press ? `/${press.command} ${press.action} button` : 'button';
    const context = { button: invocation.customId, user: invocation.user.id, username: invocation.user.username, surface };
    return track(async () => {
      const responder = createResponder(invocation);
      if (!accepting) return responder.respond({ content: RESTARTING, ephemeral: true });
      const handler = press ? commands.get(press.command)?.buttons?.[press.action] : undefined;
      if (!press || !handler) {
        logger.debug('unknown button', context);
        await responder.removeComponents();
        return responder.respond({ content: 'This button no longer works. Please run the command again.', ephemeral: true });
      }
      const open = commands.get(press.command)?.publicButtons?.includes(press.action) ?? false;
      if (!open && press.ownerId !== invocation.user.id) {
        return responder.respond({
          content: `These buttons belong to whoever ran /${press.command}. Run /${press.command} yourself to get your own.`,
          ephemeral: true,
        });
      }
      if (!open && isExpired(press.issuedAt, shared.clock.now(), shared.buttonTtlMs)) {
        await responder.removeComponents();
        return responder.respond({ content: `This result expired. Run /${press.command} again.`, ephemeral: true });
      }
      const timer = setTimeout(() => {
        responder.defer().catch((error: unknown) => logger.warn(`${label}: could not defer`, { ...context, error }));
      }, autoDeferMs);
      timer.unref?.();
      try {
        const ctx: ButtonContext = {
          ...contextFor(responder, surface, invocation.user, started),
          update: (reply) => responder.update(reply),
        };
        await handler({ ...press, args: press.args ?? [] }, ctx);
        if (responder.state !== 'answered') {
          logger.error(`${label} finished without answering`, context);
          await responder.respond({ content: 'Nothing to show for that.', ephemeral: true });
        }
      } catch (error) {
        await fail(responder, error, context, label);
      } finally {
        clearTimeout(timer);
      }
    }, context);
  };

  return {
    dispatch(interaction) {
      if (interaction.isChatInputCommand()) return runCommand(interaction, 'discord');
      // A message command's invocation carries the target message in `options.data`.
      if (interaction.isMessageContextMenuCommand()) return runCommand(interaction, 'discord');
      if (interaction.isAutocomplete()) return runAutocomplete(interaction);
      if (interaction.isButton()) return runButton(interaction, 'discord');
      logger.debug('ignored interaction', { type: interaction.type, id: interaction.id });
      return Promise.resolve();
    },
    runCommand,
    runAutocomplete,
    runButton,
    stopAccepting() {
      accepting = false;
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const done = (async () => {
        while (inflight.size > 0) await Promise.allSettled([...inflight]);
        return true as const;
      })();
      const finished = await Promise.race([done, timeout]);
      clearTimeout(timer);
      return finished;
    },
    get pending() {
      return inflight.size;
    },
  };
}

function errorStack(error: unknown): string | undefined {
  return error instanceof Error ? error.stack?.split('\n').slice(0, 6).join(' | ') : undefined;
}
