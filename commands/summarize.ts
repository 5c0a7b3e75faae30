/** /summarize paper|topic: the central sentences of one abstract, or of the papers on a topic. */
import { ApplicationCommandOptionType } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { topicSummaryEmbed } from '../src/discord/embeds.js';
import { buildSlashCommand, readArguments } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';
import { autocompletePaper, paperOption, semanticLoading, summaryReply } from '../src/discord/papers.js';
import { LIMITS } from '../src/shared/limits.js';

const sentences = {
  type: ApplicationCommandOptionType.Integer,
  name: 'sentences',
  description: `How many sentences (1–${LIMITS.summarySentences.max}, default 3)`,
  min_value: LIMITS.summarySentences.min,
  max_value: LIMITS.summarySentences.max,
} as const;

export const definition = {
  name: 'summarize',
  description: 'Summarize a paper, or what the corpus says on a topic',
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'paper',
      description: 'Summarize one paper',
      options: [
        paperOption('paper'),
        sentences,
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'topic',
      description: 'Summarize what several papers say on a topic',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'topic',
          description: 'e.g. "diffusion models for video"',
          required: true,
          max_length: LIMITS.queryLength,
        },
        sentences,
      ],
    },
  ],
} as const satisfies CommandDefinition;

export default {
  data: buildSlashCommand(definition),
  shouldDefer: (_invocation, ctx) => semanticLoading(ctx),
  autocomplete: autocompletePaper,
  async execute(invocation, ctx) {
    const args = readArguments(definition, invocation.options.data);
    if (args.subcommand === 'paper') {
      await ctx.respond(await summaryReply(args.paper, ctx, args.sentences));
      return;
    }
    const summary = await ctx.app.answers.summarizeTopic(args.topic, args.sentences ? { sentences: args.sentences } : undefined);
    await ctx.respond({ embeds: [topicSummaryEmbed(summary, ctx.elapsedMs())] });
  },
} satisfies Command;
