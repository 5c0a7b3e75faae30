/** /subscriptions: your topics here, and matches that could not be sent by DM (shown once, then cleared). */
import { InteractionContextType } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { digestServiceOf, guildPlaceOf } from '../src/discord/digest-embeds.js';
import { buildSlashCommand } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';
import { formatSubscriptions } from '../src/subscriptions/index.js';

export const definition = {
  name: 'subscriptions',
  description: 'Your topic subscriptions and matches waiting for you',
} as const satisfies CommandDefinition;

export default {
  data: buildSlashCommand(definition).setContexts(InteractionContextType.Guild),
  cooldown: false,
  async execute(invocation, ctx) {
    const place = guildPlaceOf(invocation);
    const service = digestServiceOf(ctx);
    const { subscriptions, pending } = service.subscriptions.list(ctx.user.id, place.guildId);
    await ctx.respond({ ephemeral: true, content: formatSubscriptions(subscriptions, pending) });
    // Shown now: the next /subscriptions lists only newer ones.
    if (pending.length > 0) service.subscriptions.markSeen(ctx.user.id, place.guildId);
  },
} satisfies Command;
