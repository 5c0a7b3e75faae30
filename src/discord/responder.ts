/**
 * The deferred-aware way to answer an invocation: picks reply, editReply or followUp from what was already sent,
 * serialises calls so a timer-driven defer never races a reply, and applies Discord's limits and "never ping"
 * to every payload.
 */
import { MessageFlags } from 'discord.js';
import type { InteractionEditReplyOptions, InteractionReplyOptions, InteractionUpdateOptions } from 'discord.js';
import type { CommandInvocation, ComponentInvocation, Reply, ReplyFile } from './command.js';
import { DISCORD_LIMITS, fitEmbeds, truncateText } from './limits.js';

/** No @everyone, roles, users, nor the replied-to author: Paper Scout never pings. */
export const NO_MENTIONS = { parse: [], repliedUser: false } as const;

/** Options for a new message (reply or follow-up). */
export function toReplyOptions(reply: Reply): InteractionReplyOptions {
  return {
    ...(reply.content ? { content: truncateText(reply.content, DISCORD_LIMITS.content) } : {}),
    ...(reply.embeds ? { embeds: fitEmbeds(reply.embeds) } : {}),
    ...(reply.components ? { components: reply.components } : {}),
    ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    ...(reply.files ? { files: toAttachments(reply.files) } : {}),
    allowedMentions: { parse: [] },
  };
}

function toAttachments(files: readonly ReplyFile[]) {
  return files.map((f) => ({ attachment: f.data, name: f.name, ...(f.description ? { description: f.description } : {}) }));
}

/** Options replacing an existing message entirely (edit of a deferred reply, button update). */
export function toEditOptions(reply: Reply): InteractionEditReplyOptions & InteractionUpdateOptions {
  return {
    content: reply.content ? truncateText(reply.content, DISCORD_LIMITS.content) : '',
    embeds: fitEmbeds(reply.embeds ?? []),
    components: reply.components ?? [],
    ...(reply.files ? { files: toAttachments(reply.files) } : {}),
    allowedMentions: { parse: [] },
  };
}

export type ResponderState = 'fresh' | 'deferred' | 'answered';

export interface Responder {
  respond(reply: Reply): Promise<void>;
  /** Replaces the message carrying the pressed button (buttons only). */
  update(reply: Reply): Promise<void>;
  defer(): Promise<void>;
  /** Removes the buttons of the message carrying the pressed button, leaving its text (expired buttons). */
  removeComponents(): Promise<void>;
  readonly state: ResponderState;
}

/** Creates the responder of one invocation. */
export function createResponder(target: CommandInvocation | ComponentInvocation): Responder {
  let state: ResponderState = 'fresh';
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = (step: () => Promise<void>): Promise<void> => {
    const run = queue.then(step);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    get state() {
      return state;
    },
    defer: () =>
      enqueue(async () => {
        if (state !== 'fresh') return;
        await target.deferReply();
        state = 'deferred';
      }),
    respond: (reply) =>
      enqueue(async () => {
        if (state === 'fresh') {
          await target.reply(toReplyOptions(reply));
        } else if (state === 'deferred') {
          if (reply.ephemeral) {
            // A public "thinking…" cannot turn private: remove it and answer privately instead.
            await target.deleteReply().catch(() => undefined);
            await target.followUp(toReplyOptions(reply));
          } else {
            await target.editReply(toEditOptions(reply));
          }
        } else {
          await target.followUp(toReplyOptions(reply));
        }
        state = 'answered';
      }),
    removeComponents: () =>
      enqueue(async () => {
        if (!('update' in target)) throw new Error('responder.ts: removeComponents() is only for button presses');
        if (state === 'fresh') await target.update({ components: [] });
        else await target.editReply({ components: [] });
        state = 'answered';
      }),
    update: (reply) =>
      enqueue(async () => {
        if (!('update' in target)) throw new Error('responder.ts: update() is only for button presses');
        if (state === 'fresh') await target.update(toEditOptions(reply));
        else await target.editReply(toEditOptions(reply));
        state = 'answered';
      }),
  };
}
