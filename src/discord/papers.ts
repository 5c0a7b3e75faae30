/** Paper options and paper buttons shared by several commands: autocomplete, Summarize / Similar buttons. */
import { ApplicationCommandOptionType, ButtonStyle } from 'discord.js';
import type { APIButtonComponent } from 'discord.js';
import type { Paper } from '../corpus/types.js';
import type { AutocompleteInvocation, ButtonHandler, CommandContext, Reply, SharedContext } from './command.js';
import { button, encodeCustomId, paperRef, resolvePaperRef } from './components.js';
import { paperSummaryEmbed, similarEmbed } from './embeds.js';
import { UserFacingError } from './errors.js';
import { DISCORD_LIMITS, truncateText } from './limits.js';
import { saveButtonRows } from './services.js';

/**
 * The definition of a paper option: free text (id, arXiv id or title) with title autocomplete. Literal types are
 * kept, so argument types derived from a command definition stay exact.
 */
export function paperOption<N extends string, R extends boolean = true>(name: N, options: { description?: string; required?: R } = {}) {
  return {
    type: ApplicationCommandOptionType.String,
    name,
    description: options.description ?? 'Title (start typing) or arXiv id',
    // NoInfer: the command definition's contextual type must not widen `required` to boolean.
    required: (options.required ?? true) as NoInfer<R>,
    autocomplete: true,
    max_length: 300,
  } as const;
}

/** Answers autocomplete for any paper option from `app.answers.autocomplete` (≤ 25 choices, ≤ 100 characters). */
export async function autocompletePaper(invocation: AutocompleteInvocation, ctx: SharedContext): Promise<void> {
  const focused = invocation.options.getFocused(true);
  const suggestions = ctx.app.answers.autocomplete(String(focused.value ?? ''), DISCORD_LIMITS.autocompleteChoices);
  await invocation.respond(
    suggestions.slice(0, DISCORD_LIMITS.autocompleteChoices).map((s) => ({
      name: truncateText(s.name, DISCORD_LIMITS.choiceName),
      value: s.value.slice(0, DISCORD_LIMITS.choiceValue),
    })),
  );
}

/** Summarize / Similar buttons for a paper, owned by the invoking user. */
export function paperButtons(command: string, paper: Pick<Paper, 'id'>, ctx: Pick<CommandContext, 'user' | 'clock'>, label = ''): APIButtonComponent[] {
  const base = { command, ownerId: ctx.user.id, issuedAt: ctx.clock.now(), args: [paperRef(paper)] };
  const suffix = label ? ` ${label}` : '';
  return [
    button(encodeCustomId({ ...base, action: 'sum' }), `Summarize${suffix}`, { style: ButtonStyle.Primary }),
    button(encodeCustomId({ ...base, action: 'sim' }), `Similar${suffix}`),
  ];
}

function pressedPaper(args: string[], ctx: SharedContext): Paper {
  const paper = args[0] ? resolvePaperRef(args[0], ctx.app.store) : undefined;
  if (!paper) throw new UserFacingError('That paper is no longer in the corpus. Run the command again.');
  return paper;
}

/** Summary of one paper as a reply (used by /summarize paper and the Summarize button). */
export async function summaryReply(reference: string, ctx: CommandContext, sentences?: number): Promise<Reply> {
  const summary = await ctx.app.answers.summarizePaper(reference, sentences ? { sentences } : undefined);
  return { embeds: [paperSummaryEmbed(summary, ctx.elapsedMs())] };
}

/** Papers similar to one paper as a reply (used by /similar and the Similar button). */
export async function similarReply(reference: string, ctx: CommandContext, limit?: number): Promise<Reply> {
  const similar = await ctx.app.answers.similar(reference, limit ? { limit } : undefined);
  const components = saveButtonRows(similar.results.map((r) => r.paper), { ownerId: ctx.user.id, issuedAt: ctx.clock.now() });
  return { embeds: [similarEmbed(similar, ctx.elapsedMs())], ...(components.length > 0 ? { components } : {}) };
}

/** Button handlers behind `paperButtons`; a command that shows them lists these in its `buttons`. */
export const paperButtonHandlers: Record<'sum' | 'sim', ButtonHandler> = {
  async sum(press, ctx) {
    await ctx.respond(await summaryReply(pressedPaper(press.args, ctx).id, ctx));
  },
  async sim(press, ctx) {
    await ctx.respond(await similarReply(pressedPaper(press.args, ctx).id, ctx));
  },
};

/** True while the model loads: semantic work may then wait on it, so the command should defer. */
export function semanticLoading(ctx: SharedContext): boolean {
  return ctx.app.status().semantic.state === 'loading';
}
