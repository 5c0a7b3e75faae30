/**
 * /add paper: fetches a paper from arXiv by id or link and adds it to the corpus (searchable at once, kept across
 * restarts). Who may use it is up to each server: Server Settings → Integrations → Paper Scout → /add.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import { ArxivError, ARXIV_REFERENCE_EXAMPLES } from '../src/arxiv/index.js';
import type { Command } from '../src/discord/command.js';
import { actionRow } from '../src/discord/components.js';
import { paperEmbed } from '../src/discord/embeds.js';
import { UserFacingError } from '../src/discord/errors.js';
import { escapeCorpusText, escapeUserText } from '../src/discord/format.js';
import { buildSlashCommand, readArguments } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';
import { paperButtons } from '../src/discord/papers.js';
import { paperAdderOf, saveButton } from '../src/discord/services.js';

export const definition = {
  name: 'add',
  description: 'Add a paper from arXiv to the corpus, by id or link',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'paper',
      description: 'arXiv id or link, e.g. 1706.03762 or https://arxiv.org/abs/1706.03762',
      required: true,
      max_length: 200,
    },
  ],
} as const satisfies CommandDefinition;

/** What the user reads for each way arXiv can fail; nothing was changed in every case. */
function describeArxivError(error: ArxivError): string {
  const message = escapeUserText(error.message);
  switch (error.kind) {
    case 'invalid-id':
      return `That is not an arXiv id or link. Use e.g. ${ARXIV_REFERENCE_EXAMPLES}.`;
    case 'not-found':
      return `${message}. Check the id; nothing was added.`;
    case 'timeout':
    case 'unreachable':
    case 'http':
      return `arXiv cannot be reached right now (${message}). Nothing was added; please try again later.`;
    case 'malformed':
      return `arXiv sent an answer I cannot read (${message}). Nothing was added.`;
  }
}

export default {
  data: buildSlashCommand(definition),
  // Requests to arXiv are queued 3 s apart: always acknowledge first.
  shouldDefer: () => true,
  async execute(invocation, ctx) {
    const args = readArguments(definition, invocation.options.data);
    let added;
    try {
      added = await paperAdderOf(ctx).add(args.paper);
    } catch (error) {
      if (error instanceof ArxivError) throw new UserFacingError(describeArxivError(error));
      throw error;
    }
    const { paper, status } = added;
    const title = escapeCorpusText(paper.title);
    await ctx.respond({
      content:
        status === 'added'
          ? `Added “${title}” from arXiv; it is searchable now.`
          : `“${title}” was already in the corpus; its details were updated from arXiv.`,
      embeds: [paperEmbed(paper)],
      components: [actionRow([...paperButtons('paper', paper, ctx), saveButton(paper, { ownerId: ctx.user.id, issuedAt: ctx.clock.now() })])],
    });
  },
} satisfies Command;
