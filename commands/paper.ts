/** /paper paper: the full abstract, link and details of one paper, with Summarize / Similar buttons. */
import type { Command } from '../src/discord/command.js';
import { actionRow } from '../src/discord/components.js';
import { paperEmbed } from '../src/discord/embeds.js';
import { buildSlashCommand, readArguments } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';
import { autocompletePaper, paperButtonHandlers, paperButtons, paperOption } from '../src/discord/papers.js';
import { saveButton } from '../src/discord/services.js';

export const definition = {
  name: 'paper',
  description: 'Show the full abstract and link of a paper',
  options: [paperOption('paper')],
} as const satisfies CommandDefinition;

export default {
  data: buildSlashCommand(definition),
  autocomplete: autocompletePaper,
  async execute(invocation, ctx) {
    const paper = ctx.app.answers.resolve(readArguments(definition, invocation.options.data).paper);
    const save = saveButton(paper, { ownerId: ctx.user.id, issuedAt: ctx.clock.now() });
    await ctx.respond({ embeds: [paperEmbed(paper)], components: [actionRow([...paperButtons('paper', paper, ctx), save])] });
  },
  buttons: paperButtonHandlers,
} satisfies Command;
