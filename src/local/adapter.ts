/**
 * Local stand-ins for Discord interactions: the terminal runs the very same command and button handlers through
 * the same router; replies are rendered as text instead of being posted.
 */
import type { CommandInteractionOption, InteractionReplyOptions, InteractionUpdateOptions } from 'discord.js';
import type { CommandInvocation, ComponentInvocation, Invoker } from '../discord/command.js';
import { renderReply } from './render.js';
import type { RenderableReply } from './render.js';

/** Where rendered replies go; `shown` receives the raw reply too (the session keeps its buttons). */
export interface LocalOutput {
  print(text: string): void;
  shown(reply: RenderableReply): void;
  /** Shown while a deferred reply is being prepared (interactive terminals only). */
  working?(): void;
}

interface Acks {
  deferred: boolean;
  replied: boolean;
}

function responses(output: LocalOutput, acks: Acks) {
  const show = (reply: RenderableReply) => {
    output.shown(reply);
    output.print(renderReply(reply));
  };
  return {
    get deferred() {
      return acks.deferred;
    },
    get replied() {
      return acks.replied;
    },
    async reply(options: InteractionReplyOptions) {
      show(options);
      acks.replied = true;
    },
    async deferReply() {
      acks.deferred = true;
      output.working?.();
    },
    async editReply(options: RenderableReply) {
      show(options);
      acks.replied = true;
    },
    async followUp(options: InteractionReplyOptions) {
      show(options);
      acks.replied = true;
    },
    async deleteReply() {},
  };
}

/** A command typed in the terminal. */
export function createLocalInvocation(
  commandName: string,
  data: readonly CommandInteractionOption[],
  user: Invoker,
  output: LocalOutput,
): CommandInvocation {
  return { commandName, user, options: { data }, ...responses(output, { deferred: false, replied: false }) };
}

/** A button "pressed" by typing its hint. */
export function createLocalButtonPress(customId: string, user: Invoker, output: LocalOutput): ComponentInvocation {
  const base = responses(output, { deferred: false, replied: false });
  return Object.assign(base, {
    customId,
    user,
    async update(options: InteractionUpdateOptions) {
      // Removing buttons only (an expired result) prints nothing; the session forgets them.
      if (options.embeds === undefined && options.content === undefined) {
        output.shown({ components: options.components ?? [] });
        return;
      }
      await base.editReply(options as RenderableReply);
    },
  });
}
