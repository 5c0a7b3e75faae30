/**
 * "Related papers" (right-click a message → Apps): papers related to the message's text, privately, each with the
 * sentence that matched; a known paper the message links to comes first. The interaction carries the message, so
 * no Message Content intent is needed.
 */
import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import type { APIEmbed, Message } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { COLORS, footerText } from '../src/discord/embeds.js';
import { UserFacingError } from '../src/discord/errors.js';
import { escapeCorpusText, formatElapsed, formatScore, markdownLink, quoteBlock } from '../src/discord/format.js';
import { fitEmbed, fitLines, truncateText } from '../src/discord/limits.js';
import { semanticLoading } from '../src/discord/papers.js';
import { saveButtonRows } from '../src/discord/services.js';
import { findRelated } from '../src/related/related.js';

export const NAME = 'Related papers';
/** Papers shown (linked ones included). */
export const RELATED_LIMIT = 5;

/** The text of a message: its content, else the titles and descriptions of its embeds (e.g. a bot's post). */
export function messageText(message: Pick<Message, 'content'> & { embeds?: readonly { title?: string | null; description?: string | null }[] }): string {
  const embedText = (message.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '']).join(' ');
  return `${message.content ?? ''} ${message.content?.trim() ? '' : embedText}`.trim();
}

export default {
  data: new ContextMenuCommandBuilder().setName(NAME).setType(ApplicationCommandType.Message),
  shouldDefer: (_invocation, ctx) => semanticLoading(ctx),
  async execute(invocation, ctx) {
    const message = invocation.options.data.find((o) => o.message)?.message;
    if (!message) throw new UserFacingError('Use this on a message: right-click it (or long-press), then Apps → Related papers.');
    const text = messageText(message);
    if (text === '') throw new UserFacingError('That message has no text to find papers for.');
    const related = await findRelated({ store: ctx.app.store, search: (q, o) => ctx.app.search(q, o) }, text, RELATED_LIMIT);
    if (related.papers.length === 0) {
      return ctx.respond({ ephemeral: true, content: 'No paper in the corpus relates to that message.' });
    }
    // A linked paper the corpus lacks: say how to add it.
    const missing = related.unknownIds.slice(0, 3).map((id) => `arXiv ${id}`);
    const hint = missing.length > 0 ? `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the corpus yet: /add it to include it.` : undefined;
    const lines = related.papers.map((r, i) => {
      const how = r.via === 'linked' ? 'linked in the message' : `score ${formatScore(r.score ?? 0)}`;
      return `**${i + 1}.** ${markdownLink(truncateText(escapeCorpusText(r.paper.title), 200), r.paper.url)} · ${how}\n${quoteBlock(truncateText(escapeCorpusText(r.evidence), 400))}`;
    });
    const embed: APIEmbed = fitEmbed({
      title: 'Papers related to this message',
      description: fitLines(lines, 3800, '\n\n'),
      color: related.weak ? COLORS.weak : COLORS.result,
      footer: { text: footerText(related.weak ? 'nothing covers it closely: nearest papers' : undefined, formatElapsed(ctx.elapsedMs())) },
    });
    await ctx.respond({
      ephemeral: true,
      ...(hint ? { content: hint } : {}),
      embeds: [embed],
      components: saveButtonRows(related.papers.map((r) => r.paper), { ownerId: ctx.user.id, issuedAt: ctx.clock.now() }),
    });
  },
} satisfies Command;
