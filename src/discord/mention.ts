/**
 * "@Paper Scout which papers cover pruning?": a message that mentions the bot is answered like /ask, as a reply to
 * that message, through the same router and handler. This adapter makes the message look like an invocation.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import type { InteractionEditReplyOptions, InteractionReplyOptions, Message, MessageReplyOptions } from 'discord.js';
import type { CommandInvocation } from './command.js';
import { NO_MENTIONS } from './responder.js';

/** The question of a message addressed to the bot: its text without the bot's mention(s); undefined when not addressed. */
export function extractMentionQuestion(content: string, botUserId: string): string | undefined {
  const mention = new RegExp(`<@!?${botUserId}>`, 'g');
  if (!mention.test(content)) return undefined;
  return content.replace(mention, ' ').replace(/\s+/g, ' ').trim();
}

/** What the adapter needs from a discord.js Message (kept narrow for tests). */
export type MentionMessage = Pick<Message, 'author'> & Partial<Pick<Message, 'guildId' | 'channelId'>> & {
  reply(options: MessageReplyOptions): Promise<{ edit(options: MessageReplyOptions): Promise<unknown>; delete(): Promise<unknown> }>;
  channel: { sendTyping?: () => Promise<unknown> };
};

/**
 * Wraps a message as an invocation of `command` with one string option. "Deferring" shows the typing indicator;
 * replies go to the message without pinging its author; ephemeral replies become ordinary replies
 * (a channel message cannot be private).
 */
export function createMentionInvocation(message: MentionMessage, command: string, option: string, text: string): CommandInvocation {
  let sent: Awaited<ReturnType<MentionMessage['reply']>> | undefined;
  const state = { deferred: false, replied: false };
  const toMessage = (options: InteractionReplyOptions | InteractionEditReplyOptions): MessageReplyOptions => ({
    ...(options.content ? { content: options.content } : {}),
    ...(options.embeds ? { embeds: options.embeds } : {}),
    ...(options.components ? { components: options.components } : {}),
    allowedMentions: NO_MENTIONS,
  } as MessageReplyOptions);
  return {
    commandName: command,
    user: { id: message.author.id, username: message.author.username },
    guildId: message.guildId ?? null,
    channelId: message.channelId ?? null,
    options: { data: [{ name: option, type: ApplicationCommandOptionType.String, value: text }] },
    get deferred() {
      return state.deferred;
    },
    get replied() {
      return state.replied;
    },
    async deferReply() {
      state.deferred = true;
      await message.channel.sendTyping?.().catch(() => undefined);
    },
    async reply(options) {
      sent = await message.reply(toMessage(options));
      state.replied = true;
    },
    async editReply(options) {
      if (sent) await sent.edit(toMessage(options));
      else sent = await message.reply(toMessage(options));
      state.replied = true;
    },
    async followUp(options) {
      sent = await message.reply(toMessage(options));
      state.replied = true;
    },
    async deleteReply() {
      await sent?.delete();
      sent = undefined;
    },
  };
}
