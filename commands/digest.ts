/** /digest channel|time|count|off|status|preview: the server's daily post of trending papers. */
import { ApplicationCommandOptionType, InteractionContextType, PermissionFlagsBits } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { COUNT_RANGE, DigestSettingsError, formatDigestStatus, type DigestStatus } from '../src/digest/index.js';
import { digestChannelProblem, digestServiceOf, guildPlaceOf, renderDigestEmbeds, DIGEST_CHANNEL_TYPES, DIGEST_COLORS } from '../src/discord/digest-embeds.js';
import { UserFacingError } from '../src/discord/errors.js';
import { buildSlashCommand, readArguments } from '../src/discord/options.js';
import type { CommandDefinition } from '../src/discord/options.js';

export const definition = {
  name: 'digest',
  description: 'The daily post of trending papers in this server',
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'channel',
      description: 'Post the digest in a channel (default: this one) and turn it on',
      options: [
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          description: 'A text or announcement channel (default: this one)',
          channel_types: DIGEST_CHANNEL_TYPES,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'time',
      description: 'When to post each day',
      options: [
        { type: ApplicationCommandOptionType.String, name: 'time', description: '24-hour HH:MM, e.g. 09:00', required: true, max_length: 5 },
        { type: ApplicationCommandOptionType.String, name: 'timezone', description: 'IANA time zone, e.g. Europe/Berlin (default: unchanged)', max_length: 60 },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'count',
      description: 'How many papers each digest shows',
      options: [
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'count',
          description: `Papers per digest (${COUNT_RANGE.min}–${COUNT_RANGE.max})`,
          required: true,
          min_value: COUNT_RANGE.min,
          max_value: COUNT_RANGE.max,
        },
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'off', description: 'Stop the daily digest (settings are kept)' },
    { type: ApplicationCommandOptionType.Subcommand, name: 'status', description: 'Settings, next post, and how the last posts went' },
    { type: ApplicationCommandOptionType.Subcommand, name: 'preview', description: 'Show (only to you) what the digest would post now' },
  ],
} as const satisfies CommandDefinition;

/** Subcommands that change settings; they need the Manage Server permission. */
const CHANGES: ReadonlySet<string> = new Set(['channel', 'time', 'count', 'off']);

function statusReply(status: DigestStatus, intro?: string) {
  return {
    ephemeral: true,
    embeds: [
      {
        title: 'Daily digest',
        color: status.settings.enabled && status.settings.channelId ? DIGEST_COLORS.trending : DIGEST_COLORS.fallback,
        description: [...(intro ? [intro, ''] : []), ...formatDigestStatus(status)].join('\n'),
      },
    ],
  };
}

/** Applies a settings change, turning invalid input into a message for the user. */
function change(apply: () => unknown): void {
  try {
    apply();
  } catch (error) {
    if (error instanceof DigestSettingsError) throw new UserFacingError(`Not changed: ${error.message}.`);
    throw error;
  }
}

export default {
  data: buildSlashCommand(definition)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),
  async execute(invocation, ctx) {
    const args = readArguments(definition, invocation.options.data);
    const place = guildPlaceOf(invocation);
    const service = digestServiceOf(ctx);
    // Server admins can open the command to other roles; changes still need Manage Server.
    if (CHANGES.has(args.subcommand) && !place.canManageGuild) {
      throw new UserFacingError('Changing the digest needs the Manage Server permission. /digest status and /digest preview are open to you.');
    }
    const settings = service.settings;
    switch (args.subcommand) {
      case 'channel': {
        const channelId = args.channel ?? place.channelId;
        if (!channelId) throw new UserFacingError('Pick the channel, or run the command in that channel.');
        // Checked now rather than at post time: a digest that cannot be posted would only fail at 09:00.
        const problem = digestChannelProblem(invocation, channelId);
        if (problem) throw new UserFacingError(`Not changed: ${problem}`);
        change(() => settings.setChannel(place.guildId, channelId));
        await ctx.respond(statusReply(service.status(place.guildId), `The digest will be posted in <#${channelId}>.`));
        return;
      }
      case 'time': {
        change(() => settings.setTime(place.guildId, args.time, args.timezone));
        const s = settings.get(place.guildId);
        await ctx.respond(statusReply(service.status(place.guildId), `The digest will be posted at ${s.time} (${s.timeZone}).`));
        return;
      }
      case 'count': {
        change(() => settings.setCount(place.guildId, args.count));
        await ctx.respond(statusReply(service.status(place.guildId), `Each digest will show ${args.count} paper${args.count === 1 ? '' : 's'}.`));
        return;
      }
      case 'off': {
        change(() => settings.disable(place.guildId));
        await ctx.respond(statusReply(service.status(place.guildId), 'The daily digest is off. /digest channel turns it on again.'));
        return;
      }
      case 'status':
        await ctx.respond(statusReply(service.status(place.guildId)));
        return;
      case 'preview': {
        // No explicit defer: a deferred public "thinking…" cannot become private (the router defers after ~2 s).
        const messages = await service.preview(place.guildId);
        if (messages.length === 0) {
          await ctx.respond({ ephemeral: true, content: 'Nothing to post: every known paper was already posted in the digest channel.' });
          return;
        }
        const [first, ...rest] = messages;
        const more = rest.reduce((n, m) => n + m.items.length, 0);
        await ctx.respond({
          ephemeral: true,
          content: `Preview — nothing is posted${more > 0 ? `; ${more} more paper${more === 1 ? '' : 's'} would follow in a second message` : ''}.`,
          embeds: renderDigestEmbeds(first!),
        });
        return;
      }
    }
  },
} satisfies Command;
