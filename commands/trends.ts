/**
 * /trends [days] [topic]: terms rising in the last N days of dated papers (ingested daily papers, /add) against the
 * N days before, by weighted log-odds with the corpus as prior; papers per day, and with a topic, matching papers
 * per day — as text with sparklines and as a PNG chart.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import type { APIEmbedField } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { COLORS, footerText } from '../src/discord/embeds.js';
import { escapeUserText } from '../src/discord/format.js';
import { fitEmbed, fitLines } from '../src/discord/limits.js';
import { buildSlashCommand, readArguments } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';
import { computeTrends, MIN_PAPERS_PER_WINDOW, renderTrendsPng, sparkline, TREND_DAYS } from '../src/trends/index.js';

export const CHART_FILE = 'trends.png';

export const definition = {
  name: 'trends',
  description: 'Terms rising in recent papers, with a chart',
  options: [
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'days',
      description: `Compare the last N days with the N before (${TREND_DAYS.min}–${TREND_DAYS.max}, default ${TREND_DAYS.default})`,
      min_value: TREND_DAYS.min,
      max_value: TREND_DAYS.max,
    },
    { type: ApplicationCommandOptionType.String, name: 'topic', description: 'Also count papers per day on this topic, e.g. "diffusion models"', max_length: 100 },
  ],
} as const satisfies CommandDefinition;

export default {
  data: buildSlashCommand(definition),
  // Rendering the chart takes a moment on a busy machine.
  shouldDefer: () => true,
  async execute(invocation, ctx) {
    const args = readArguments(definition, invocation.options.data);
    const days = args.days ?? TREND_DAYS.default;
    const trends = computeTrends(ctx.app.store.all(), { days, now: ctx.clock.now(), ...(args.topic ? { topic: args.topic } : {}) });
    if (!trends.enough) {
      return ctx.respond({
        ephemeral: true,
        content: `Not enough dated papers for trends: ${trends.recentPapers} in the last ${days} days and ${trends.previousPapers} in the ${days} before (at least ${MIN_PAPERS_PER_WINDOW} in each are needed). Papers get dates from the daily trending feed and from /add.`,
      });
    }
    const lines = trends.rising.map((t, i) => `**${i + 1}.** ${escapeUserText(t.term)} · ${t.previous} → ${t.recent} papers · z ${t.z.toFixed(1)}`);
    const fields: APIEmbedField[] = [
      { name: `Papers per day (${trends.days * 2} days)`, value: `\`${sparkline(trends.perDay)}\`\n${trends.previousPapers} → ${trends.recentPapers} papers` },
    ];
    if (trends.topic) {
      fields.push({
        name: `“${escapeUserText(trends.topic.query)}” per day`.slice(0, 256),
        value: `\`${sparkline(trends.topic.perDay)}\`\n${trends.topic.previous} → ${trends.topic.recent} papers`,
      });
    }
    await ctx.respond({
      embeds: [
        fitEmbed({
          title: `Rising in the last ${days} days (against the ${days} before)`,
          description: lines.length > 0 ? fitLines(lines, 3500) : 'No term rises clearly above chance in this period.',
          fields,
          image: { url: `attachment://${CHART_FILE}` },
          color: COLORS.result,
          footer: { text: footerText('weighted log-odds, informative Dirichlet prior (the whole corpus)', 'z > 1.96 and in 3+ papers') },
        }),
      ],
      files: [{ name: CHART_FILE, data: renderTrendsPng(trends), description: 'Papers per day and rising terms' }],
    });
  },
} satisfies Command;
