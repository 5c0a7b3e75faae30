/** /subscribe topic [threshold]: a DM whenever newly ingested papers match a topic. */
import { ApplicationCommandOptionType, InteractionContextType } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { digestServiceOf, guildPlaceOf } from '../src/discord/digest-embeds.js';
import { UserFacingError } from '../src/discord/errors.js';
import { escapeUserText } from '../src/discord/format.js';
import { buildSlashCommand, readArguments } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';
import { SubscriptionError, SUBSCRIPTION_LIMITS } from '../src/subscriptions/index.js';

export const definition = {
  name: 'subscribe',
  description: 'Get a DM when new papers on a topic arrive',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'topic',
      description: 'e.g. "speculative decoding" or "graph neural networks"',
      required: true,
      min_length: SUBSCRIPTION_LIMITS.topicMin,
      max_length: SUBSCRIPTION_LIMITS.topicMax,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'threshold',
      description: 'Minimum match score in percent (default: the search relevance cut-off)',
      min_value: 0,
      max_value: 100,
    },
  ],
} as const satisfies CommandDefinition;

export default {
  data: buildSlashCommand(definition).setContexts(InteractionContextType.Guild),
  async execute(invocation, ctx) {
    const args = readArguments(definition, invocation.options.data);
    const place = guildPlaceOf(invocation);
    const service = digestServiceOf(ctx);
    let subscription;
    try {
      subscription = service.subscriptions.subscribe(
        ctx.user.id,
        place.guildId,
        args.topic,
        args.threshold !== undefined ? args.threshold / 100 : undefined,
      );
    } catch (error) {
      if (error instanceof SubscriptionError) throw new UserFacingError(`Not subscribed: ${error.message}.`);
      throw error;
    }
    await ctx.respond({
      ephemeral: true,
      content: [
        `Subscribed to “${escapeUserText(subscription.topic)}” (match score at least ${Math.round(subscription.threshold * 100)}%).`,
        'I will DM you when new papers match. If your DMs are closed, matches wait in /subscriptions.',
      ].join('\n'),
    });
  },
} satisfies Command;
