/** /search query [mode] [limit]: ranked papers with quoted evidence, paging, and Summarize / Similar per result. */
import { ApplicationCommandOptionType, ButtonStyle } from 'discord.js';
import type { SearchMode } from '../src/search/types.js';
import type { ButtonContext, Command, CommandContext, Reply } from '../src/discord/command.js';
import { actionRow, button, encodeCustomId } from '../src/discord/components.js';
import { searchEmbeds } from '../src/discord/embeds.js';
import { buildSlashCommand, readArguments } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';
import { paperButtonHandlers, paperButtons, semanticLoading } from '../src/discord/papers.js';
import { saveButtonRows } from '../src/discord/services.js';
import { LIMITS } from '../src/shared/limits.js';

/** Results per page are capped so every result keeps its buttons (rows of Summarize / Similar, a Save row, the paging row). */
export const MAX_PAGE_SIZE = LIMITS.resultsPerPage.max;

export const definition = {
  name: 'search',
  description: 'Find papers on a topic, by words and by meaning',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'query',
      description: 'What to look for, e.g. "lottery ticket pruning"',
      required: true,
      max_length: LIMITS.queryLength,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'mode',
      description: 'How to match (default: hybrid)',
      choices: [
        { name: 'hybrid: words and meaning', value: 'hybrid' },
        { name: 'keyword: exact words', value: 'keyword' },
        { name: 'semantic: meaning', value: 'semantic' },
      ],
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'limit',
      description: `Results per page (1–${MAX_PAGE_SIZE})`,
      min_value: 1,
      max_value: MAX_PAGE_SIZE,
    },
  ],
} as const satisfies CommandDefinition;

/** What paging needs to run the same search again; kept in the session store. */
interface SearchState {
  query: string;
  mode?: SearchMode;
  pageSize: number;
}

async function renderPage(state: SearchState, sessionKey: string, page: number, ctx: CommandContext): Promise<Reply> {
  const offset = page * state.pageSize;
  // One extra result tells whether a next page exists.
  const response = await ctx.app.search(state.query, {
    ...(state.mode ? { mode: state.mode } : {}),
    limit: state.pageSize + 1,
    offset,
  });
  const hasNext = response.results.length > state.pageSize;
  const results = response.results.slice(0, state.pageSize);
  const { content, embeds } = searchEmbeds({ ...response, results }, { index: page, offset, hasNext, elapsedMs: ctx.elapsedMs() });
  const rows = [];
  for (let i = 0; i < results.length; i += 2) {
    rows.push(
      actionRow(results.slice(i, i + 2).flatMap((r, j) => paperButtons('search', r.paper, ctx, String(offset + i + j + 1)))),
    );
  }
  rows.push(...saveButtonRows(results.map((r) => r.paper), { ownerId: ctx.user.id, issuedAt: ctx.clock.now() }, offset + 1));
  if (page > 0 || hasNext) {
    const base = { command: 'search', action: 'page', ownerId: ctx.user.id, issuedAt: ctx.clock.now() };
    rows.push(
      actionRow([
        button(encodeCustomId({ ...base, args: [sessionKey, String(page - 1), 'p'] }), 'Previous', { disabled: page === 0, emoji: '◀️' }),
        button(encodeCustomId({ ...base, args: [sessionKey, String(page + 1), 'n'] }), 'Next', {
          disabled: !hasNext,
          emoji: '▶️',
          style: ButtonStyle.Secondary,
        }),
      ]),
    );
  }
  return { content, embeds, components: rows };
}

export default {
  data: buildSlashCommand(definition),
  shouldDefer: (invocation, ctx) => semanticLoading(ctx) && readArguments(definition, invocation.options.data).mode !== 'keyword',
  async execute(invocation, ctx) {
    const args = readArguments(definition, invocation.options.data);
    const state: SearchState = {
      query: args.query,
      ...(args.mode ? { mode: args.mode } : {}),
      pageSize: Math.min(args.limit ?? ctx.app.config.search.limit, MAX_PAGE_SIZE),
    };
    const key = ctx.sessions.put(state);
    await ctx.respond(await renderPage(state, key, 0, ctx));
  },
  buttons: {
    ...paperButtonHandlers,
    async page(press, ctx: ButtonContext) {
      const [key = '', pageText = ''] = press.args;
      const state = ctx.sessions.get<SearchState>(key);
      const page = Number.parseInt(pageText, 10);
      if (!state || !Number.isInteger(page) || page < 0) {
        await ctx.update({ components: [] }).catch(() => undefined);
        await ctx.respond({ content: 'This result expired. Run /search again.', ephemeral: true });
        return;
      }
      await ctx.update(await renderPage(state, key, page, ctx));
    },
  },
} satisfies Command;
