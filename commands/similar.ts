/** /similar paper [limit]: the papers of the corpus closest to one paper, with what they share. */
import { ApplicationCommandOptionType } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { buildSlashCommand, readArguments } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';
import { autocompletePaper, paperOption, semanticLoading, similarReply } from '../src/discord/papers.js';
import { LIMITS } from '../src/shared/limits.js';

export const definition = {
  name: 'similar',
  description: 'Find papers similar to a paper',
  options: [
    paperOption('paper'),
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'limit',
      description: `How many (1–${LIMITS.similarResults.max}, default ${LIMITS.similarResults.default})`,
      min_value: LIMITS.similarResults.min,
      max_value: LIMITS.similarResults.max,
    },
  ],
} as const satisfies CommandDefinition;

export default {
  data: buildSlashCommand(definition),
  shouldDefer: (_invocation, ctx) => semanticLoading(ctx),
  autocomplete: autocompletePaper,
  async execute(invocation, ctx) {
    const args = readArguments(definition, invocation.options.data);
    await ctx.respond(await similarReply(args.paper, ctx, args.limit));
  },
} satisfies Command;
