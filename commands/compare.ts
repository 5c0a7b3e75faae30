/** /compare paper_a paper_b [paper_c] [paper_d]: problem / method / result side by side, shared and distinctive terms. */
import { ApplicationCommandOptionType } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { comparisonEmbed } from '../src/discord/embeds.js';
import { OptionError } from '../src/discord/errors.js';
import { buildSlashCommand, readArguments } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';
import { autocompletePaper, paperOption, semanticLoading } from '../src/discord/papers.js';

export const definition = {
  name: 'compare',
  description: 'Compare two to four papers side by side',
  options: [
    paperOption('paper_a', { description: 'First paper: title (start typing) or arXiv id' }),
    paperOption('paper_b', { description: 'Second paper: title (start typing) or arXiv id' }),
    paperOption('paper_c', { description: 'Third paper: title (start typing) or arXiv id', required: false }),
    paperOption('paper_d', { description: 'Fourth paper: title (start typing) or arXiv id', required: false }),
  ],
} as const satisfies CommandDefinition;

function references(args: ReturnType<typeof readArguments<typeof definition>>): string[] {
  return [args.paper_a, args.paper_b, args.paper_c, args.paper_d].filter((r): r is string => r !== undefined);
}

export default {
  data: buildSlashCommand(definition),
  // Comparing four papers, or waiting for the model, can take more than Discord's 3 seconds.
  shouldDefer: (invocation, ctx) => semanticLoading(ctx) || invocation.options.data.length >= 4,
  autocomplete: autocompletePaper,
  async execute(invocation, ctx) {
    const refs = references(readArguments(definition, invocation.options.data));
    const resolved = refs.map((r) => ctx.app.answers.resolve(r));
    if (new Set(resolved.map((p) => p.id)).size < resolved.length) {
      throw new OptionError('Pick different papers: the same paper was given twice.');
    }
    const comparison = await ctx.app.answers.compare(resolved.map((p) => p.id));
    await ctx.respond({ embeds: [comparisonEmbed(comparison, ctx.elapsedMs())] });
  },
} satisfies Command;
