/** /unsubscribe [topic]: stop one topic subscription, or all of them in this server. */
import { ApplicationCommandOptionType, InteractionContextType } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { digestServiceOf, guildPlaceOf } from '../src/discord/digest-embeds.js';
import { UserFacingError } from '../src/discord/errors.js';
import { escapeUserText } from '../src/discord/format.js';
import { DISCORD_LIMITS, truncateText } from '../src/discord/limits.js';
import { buildSlashCommand, readArguments } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';
import { topicKey } from '../src/subscriptions/index.js';

export const definition = {
  name: 'unsubscribe',
  description: 'Stop DMs about a topic (or about all your topics here)',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'topic',
      description: 'The topic to drop (start typing); leave empty to drop all',
      autocomplete: true,
      max_length: 100,
    },
  ],
} as const satisfies CommandDefinition;

export default {
  data: buildSlashCommand(definition).setContexts(InteractionContextType.Guild),
  cooldown: false,
  async autocomplete(invocation, ctx) {
    let choices: { name: string; value: string }[] = [];
    try {
      const place = guildPlaceOf(invocation);
      const typed = topicKey(invocation.options.getFocused(true).value);
      choices = digestServiceOf(ctx)
        .subscriptions.list(invocation.user.id, place.guildId)
        .subscriptions.filter((s) => s.topicKey.includes(typed))
        .slice(0, DISCORD_LIMITS.autocompleteChoices)
        .map((s) => ({ name: truncateText(s.topic, DISCORD_LIMITS.choiceName), value: s.topic.slice(0, DISCORD_LIMITS.choiceValue) }));
    } catch {
      // Outside a server or without the service there is nothing to suggest.
    }
    await invocation.respond(choices);
  },
  async execute(invocation, ctx) {
    const args = readArguments(definition, invocation.options.data);
    const place = guildPlaceOf(invocation);
    const service = digestServiceOf(ctx);
    const removed = service.subscriptions.unsubscribe(ctx.user.id, place.guildId, args.topic);
    if (removed === 0) {
      throw new UserFacingError(
        args.topic !== undefined
          ? `You do not follow “${escapeUserText(args.topic)}” here. /subscriptions lists your topics.`
          : 'You follow no topic in this server.',
      );
    }
    await ctx.respond({
      ephemeral: true,
      content:
        args.topic !== undefined
          ? `Unsubscribed from “${escapeUserText(args.topic)}”.`
          : `Unsubscribed from all ${removed} topic${removed === 1 ? '' : 's'} in this server.`,
    });
  },
} satisfies Command;
