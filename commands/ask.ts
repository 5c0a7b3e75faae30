/** /ask question: the sentences of the corpus that best answer a question, quoted, with their papers. */
import { ApplicationCommandOptionType } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { answerEmbed } from '../src/discord/embeds.js';
import { buildSlashCommand, readArguments } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';
import { semanticLoading } from '../src/discord/papers.js';
import { LIMITS } from '../src/shared/limits.js';

export const definition = {
  name: 'ask',
  description: 'Ask a research question; the answer quotes the abstracts and cites the papers',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      description: 'e.g. "Which papers cover pruning at initialization?"',
      required: true,
      max_length: LIMITS.queryLength,
    },
  ],
} as const satisfies CommandDefinition;

export default {
  data: buildSlashCommand(definition),
  shouldDefer: (_invocation, ctx) => semanticLoading(ctx),
  async execute(invocation, ctx) {
    const { question } = readArguments(definition, invocation.options.data);
    const answer = await ctx.app.answers.ask(question);
    await ctx.respond({ embeds: [answerEmbed(answer, ctx.elapsedMs())] });
  },
} satisfies Command;
