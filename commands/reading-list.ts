/**
 * /reading-list show|save|remove|export: the invoking user's saved papers. The Save button under results, /paper,
 * /similar and digest posts (handled here) saves for whoever presses it. Every reply is private.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import type { AutocompleteInvocation, ButtonContext, Command, CommandContext, Reply, SharedContext } from '../src/discord/command.js';
import { actionRow, button, encodeCustomId, resolvePaperRef } from '../src/discord/components.js';
import { COLORS, footerText } from '../src/discord/embeds.js';
import { UserFacingError } from '../src/discord/errors.js';
import { escapeCorpusText, escapeUserText, markdownLink, plural } from '../src/discord/format.js';
import { DISCORD_LIMITS, fitLines, truncateText } from '../src/discord/limits.js';
import { buildSlashCommand, readArguments } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';
import { autocompletePaper, paperOption } from '../src/discord/papers.js';
import { readingListOf } from '../src/discord/services.js';
import { ReadingListError, type ExportFormat, type ReadingList } from '../src/reading-list/index.js';
import type { Paper } from '../src/corpus/types.js';

/** Papers per page of /reading-list show. */
export const PAGE_SIZE = 10;

export const definition = {
  name: 'reading-list',
  description: 'Your personal reading list of saved papers',
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'show',
      description: 'Show your saved papers (only to you)',
      options: [{ type: ApplicationCommandOptionType.Integer, name: 'page', description: 'Page number (default 1)', min_value: 1, max_value: 100 }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'save',
      description: 'Save a paper to your reading list',
      options: [paperOption('paper')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      description: 'Remove a paper from your reading list',
      options: [paperOption('paper', { description: 'A saved paper (start typing its title)' })],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'export',
      description: 'Download your reading list as a file',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'format',
          description: 'File format',
          required: true,
          choices: [
            { name: 'BibTeX (.bib)', value: 'bibtex' },
            { name: 'Markdown (.md)', value: 'markdown' },
          ],
        },
      ],
    },
  ],
} as const satisfies CommandDefinition;

/** The page of the user's list as a private reply, with Previous / Next when there is more. */
function showPage(list: ReadingList, ctx: Pick<CommandContext, 'user' | 'clock'>, page: number): Reply {
  const result = list.page(ctx.user.id, page, PAGE_SIZE);
  if (result.total === 0) {
    return { ephemeral: true, content: 'Your reading list is empty. Press Save under a search result, /paper, /similar or a digest post to add papers.' };
  }
  const first = result.page * PAGE_SIZE;
  const lines = result.entries.map((entry, i) => {
    const paper = entry.paper;
    const details = [paper.arxivId ? `arXiv ${paper.arxivId}` : undefined, `saved ${entry.savedAt.slice(0, 10)}`].filter(Boolean).join(' · ');
    return `**${first + i + 1}.** ${markdownLink(truncateText(escapeCorpusText(paper.title), 200), paper.url)}\n${details}`;
  });
  const reply: Reply = {
    ephemeral: true,
    embeds: [
      {
        title: `Your reading list · ${plural(result.total, 'paper')}`,
        description: fitLines(lines, DISCORD_LIMITS.embedDescription - 100, '\n'),
        color: COLORS.info,
        footer: { text: footerText(`page ${result.page + 1} of ${result.pages}`, 'export with /reading-list export') },
      },
    ],
  };
  if (result.pages > 1) {
    const base = { command: 'reading-list', action: 'page', ownerId: ctx.user.id, issuedAt: ctx.clock.now() };
    reply.components = [
      actionRow([
        button(encodeCustomId({ ...base, args: [String(result.page - 1), 'p'] }), 'Previous', { disabled: result.page === 0, emoji: '◀️' }),
        button(encodeCustomId({ ...base, args: [String(result.page + 1), 'n'] }), 'Next', { disabled: result.page + 1 >= result.pages, emoji: '▶️' }),
      ]),
    ];
  }
  return reply;
}

/** Runs a reading-list operation; its refusals (full list, nothing to export) are shown to the user as they are. */
function shownToUser<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    if (error instanceof ReadingListError) throw new UserFacingError(error.message);
    throw error;
  }
}

function saved(list: ReadingList, userId: string, paper: Paper): Reply {
  const outcome = shownToUser(() => list.save(userId, paper));
  const title = escapeCorpusText(paper.title);
  return {
    ephemeral: true,
    content: outcome.added
      ? `Saved “${title}” to your reading list (${plural(outcome.total, 'paper')}). See it with /reading-list show.`
      : `“${title}” is already on your reading list (${plural(outcome.total, 'paper')}).`,
  };
}

/** The saved entry a `remove` option names: its key (from autocomplete), or a title that matches one entry. */
function pickEntry(list: ReadingList, userId: string, reference: string) {
  const all = list.find(userId, '', Number.MAX_SAFE_INTEGER);
  const byKey = all.find((e) => e.key === reference);
  if (byKey) return byKey;
  const lower = reference.toLowerCase();
  const exact = all.filter((e) => e.paper.title.toLowerCase() === lower || e.paper.arxivId === reference || e.paper.id === reference);
  if (exact.length === 1) return exact[0]!;
  const partial = list.find(userId, reference, 6);
  if (partial.length === 1) return partial[0]!;
  if (partial.length === 0) throw new UserFacingError(`Nothing on your reading list matches “${escapeUserText(reference)}”. Pick a title from the suggestions.`);
  throw new UserFacingError(
    fitLines([`“${escapeUserText(reference)}” matches several saved papers:`, ...partial.slice(0, 5).map((e) => `• ${escapeCorpusText(e.paper.title)}`)], 1900),
  );
}

function exportReply(list: ReadingList, userId: string, format: ExportFormat): Reply {
  const file = shownToUser(() => list.export(userId, format));
  return {
    ephemeral: true,
    content: `Your reading list as ${format === 'bibtex' ? 'BibTeX' : 'Markdown'} (${plural(file.count, 'paper')}).`,
    files: [{ name: file.name, data: Buffer.from(file.text, 'utf8'), description: `Reading list, ${plural(file.count, 'paper')}` }],
  };
}

/** `remove` suggests the user's saved papers; `save` suggests corpus titles. */
async function autocomplete(invocation: AutocompleteInvocation, ctx: SharedContext): Promise<void> {
  const subcommand = (invocation.options as { getSubcommand?: (required: false) => string | null }).getSubcommand?.(false);
  if (subcommand !== 'remove') return autocompletePaper(invocation, ctx);
  const focused = invocation.options.getFocused(true);
  const entries = readingListOf(ctx).find(invocation.user.id, String(focused.value ?? ''), DISCORD_LIMITS.autocompleteChoices);
  await invocation.respond(entries.map((e) => ({ name: truncateText(e.paper.title, DISCORD_LIMITS.choiceName), value: e.key.slice(0, DISCORD_LIMITS.choiceValue) })));
}

export default {
  data: buildSlashCommand(definition),
  autocomplete,
  async execute(invocation, ctx) {
    const args = readArguments(definition, invocation.options.data);
    const list = readingListOf(ctx);
    switch (args.subcommand) {
      case 'show':
        return ctx.respond(showPage(list, ctx, (args.page ?? 1) - 1));
      case 'save':
        return ctx.respond(saved(list, ctx.user.id, ctx.app.answers.resolve(args.paper)));
      case 'remove': {
        const entry = pickEntry(list, ctx.user.id, args.paper);
        list.remove(ctx.user.id, entry.key);
        return ctx.respond({
          ephemeral: true,
          content: `Removed “${escapeCorpusText(entry.paper.title)}” from your reading list (${plural(list.count(ctx.user.id), 'paper')} left).`,
        });
      }
      case 'export':
        return ctx.respond(exportReply(list, ctx.user.id, args.format));
    }
  },
  buttons: {
    async save(press, ctx: ButtonContext) {
      const paper = press.args[0] ? resolvePaperRef(press.args[0], ctx.app.store) : undefined;
      if (!paper) throw new UserFacingError('That paper is no longer in the corpus, so it cannot be saved.');
      await ctx.respond(saved(readingListOf(ctx), ctx.user.id, paper));
    },
    async page(press, ctx: ButtonContext) {
      const page = Number.parseInt(press.args[0] ?? '', 10);
      await ctx.update(showPage(readingListOf(ctx), ctx, Number.isInteger(page) ? page : 0));
    },
  },
  publicButtons: ['save'],
} satisfies Command;
