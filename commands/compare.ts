/** /compare paper_a paper_b [paper_c] [paper_d]: problem / method / result side by side, shared and distinctive terms. */
import { ApplicationCommandOptionType } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { comparisonEmbed } from '../src/discord/embeds.js';
import { OptionError } from '../src/discord/errors.js';
import { buildSlashCommand, readArguments } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';
import { autocompletePaper, semanticLoading } from '../src/discord/papers.js';

const paper = (name: string, label: string, required: boolean) =>
  ({
    type: ApplicationCommandOptionType.String,
    name,
    description: `${label} paper: title (start typing) or arXiv id`,
    required,
    autocomplete: true,
    max_length: 300,
  }) as const;

export const definition = {
  name: 'compare',
  description: 'Compare two to four papers side by side',
  options: [
    { ...paper('paper_a', 'First', true), required: true },
    { ...paper('paper_b', 'Second', true), required: true },
    { ...paper('paper_c', 'Third', false), required: false },
    { ...paper('paper_d', 'Fourth', false), required: false },
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
