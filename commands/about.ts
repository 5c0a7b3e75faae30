/** /about: corpus size, model and whether semantic search is on (and why not), uptime, version. */
import type { Command } from '../src/discord/command.js';
import { slashCommandPayloads } from '../src/discord/loader.js';
import { aboutEmbed } from '../src/discord/embeds.js';
import { buildSlashCommand } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';

export const definition = {
  name: 'about',
  description: 'What Paper Scout knows and how it is running',
} as const satisfies CommandDefinition;

export default {
  data: buildSlashCommand(definition),
  cooldown: false,
  async execute(_invocation, ctx) {
    await ctx.respond({ embeds: [aboutEmbed(ctx.app.status(), ctx.clock.now(), [...slashCommandPayloads(ctx.commands).keys()].sort())] });
  },
} satisfies Command;
