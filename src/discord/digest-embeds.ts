/**
 * The Discord side of the daily digest: renders a DigestMessage (header embed + one compact embed per paper) within
 * Discord's limits, posts it to a channel with a nonce so a repeated send is dropped, and delivers subscription
 * notices by DM. Errors from discord.js keep their `code` and `status`, which the scheduler classifies.
 * Also the small helpers the digest and subscription commands share (the service, the server context).
 */
import { ChannelType, EmbedBuilder, PermissionFlagsBits } from 'discord.js';
import type { APIEmbed, Client, Guild, MessageCreateOptions } from 'discord.js';
import type { DigestService } from '../digest/service.js';
import type { DigestItem, DigestMessage, PostDigest } from '../digest/types.js';
import { formatNotice, type NotifyUser } from '../subscriptions/index.js';
import type { GuildContext, SharedContext } from './command.js';
import { UserFacingError } from './errors.js';
import { escapeCorpusText, neutralizeMentions } from './format.js';
import { DISCORD_LIMITS, fitEmbeds, truncateText } from './limits.js';
import { NO_MENTIONS } from './responder.js';
import { NO_OWNER, saveButtonRows } from './services.js';

/** Header colours: trending papers, corpus fallback; paper embeds share the header's colour. */
export const DIGEST_COLORS = { trending: 0xff9d00, fallback: 0x64748b } as const;

// Room for one extract in a paper embed: a full message (header + 5 papers) stays far below 6000 characters.
const EXTRACT_MAX = 700;

/** Header embed (first part only) plus one embed per paper, every part and the message total within limits. */
export function renderDigestEmbeds(message: DigestMessage): APIEmbed[] {
  const withHeader = message.part === 1;
  if (message.items.length + (withHeader ? 1 : 0) > DISCORD_LIMITS.embedsPerMessage) {
    throw new RangeError(`a digest message holds at most ${DISCORD_LIMITS.embedsPerMessage - 1} papers (got ${message.items.length}); split it with splitDigest`);
  }
  const color = message.header.fallback ? DIGEST_COLORS.fallback : DIGEST_COLORS.trending;
  const embeds: APIEmbed[] = [];
  if (withHeader) {
    const header = new EmbedBuilder()
      .setColor(color)
      .setTitle(truncateText(neutralizeMentions(message.header.title), DISCORD_LIMITS.embedTitle))
      .setDescription(truncateText(escapeCorpusText(message.header.description), DISCORD_LIMITS.embedDescription))
      .setFooter({ text: message.parts > 1 ? `Paper Scout daily digest · part 1 of ${message.parts}` : 'Paper Scout daily digest' });
    embeds.push(header.toJSON());
  }
  message.items.forEach((item, index) => embeds.push(paperEmbed(item, message.offset + index + 1, color, message)));
  return fitEmbeds(embeds);
}

function paperEmbed(item: DigestItem, rank: number, color: number, message: DigestMessage): APIEmbed {
  const title = truncateText(`${rank}. ${escapeCorpusText(item.paper.title)}`, DISCORD_LIMITS.embedTitle);
  const footer = [
    item.upvotes !== undefined ? `▲ ${item.upvotes} upvote${item.upvotes === 1 ? '' : 's'}` : undefined,
    item.topic,
    item.paper.arxivId ? `arXiv ${item.paper.arxivId}` : undefined,
    message.parts > 1 && message.part > 1 && item === message.items[0] ? `part ${message.part} of ${message.parts}` : undefined,
  ].filter((part): part is string => Boolean(part));
  const embed = new EmbedBuilder()
    .setColor(color)
    .setTitle(title)
    .setDescription(truncateText(escapeCorpusText(item.extract), EXTRACT_MAX) || '\u200b');
  if (/^https?:\/\//.test(item.paper.url)) embed.setURL(item.paper.url);
  if (footer.length > 0) embed.setFooter({ text: truncateText(neutralizeMentions(footer.join(' · ')), DISCORD_LIMITS.footerText) });
  return embed.toJSON();
}

/** The channel message for a digest part: embeds, no pings, and the run's nonce enforced (Discord drops a repeat). */
export function digestMessagePayload(message: DigestMessage): MessageCreateOptions {
  // Save buttons act for whoever presses them; the post has no owner and they do not expire.
  const components = saveButtonRows(
    message.items.map((item) => item.paper),
    { ownerId: NO_OWNER, issuedAt: new Date(0) },
    message.offset + 1,
  );
  return { embeds: renderDigestEmbeds(message), components, allowedMentions: NO_MENTIONS, nonce: message.idempotencyKey, enforceNonce: true };
}

/** Error with the shape the scheduler classifies (`code` = Discord JSON code). */
class ChannelUnusableError extends Error {
  override name = 'ChannelUnusableError';
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** `post` for the scheduler: sends a digest part to a channel through the client. */
export function createDigestPoster(client: Pick<Client, 'channels'>): PostDigest {
  return async (channelId, message) => {
    const channel = await client.channels.fetch(channelId);
    if (!channel) throw new ChannelUnusableError(`channel ${channelId} not found`, 10003);
    if (!('send' in channel) || typeof channel.send !== 'function') {
      throw new ChannelUnusableError(`channel ${channelId} cannot receive messages`, 50008);
    }
    await channel.send(digestMessagePayload(message));
  };
}

/** `notify` for subscriptions: a DM with the matching papers; throws when the user's DMs are closed (code 50007). */
export function createDmNotifier(client: Pick<Client, 'users'>): NotifyUser {
  return async (userId, notice) => {
    await client.users.send(userId, { content: formatNotice(notice), allowedMentions: NO_MENTIONS });
  };
}

/** The running DigestService, or a message for the user when this instance runs without one. */
export function digestServiceOf(ctx: Pick<SharedContext, 'digest'>): DigestService {
  const service = ctx.digest;
  if (!service) throw new UserFacingError('Daily digests and subscriptions are not running on this instance.');
  return service;
}

/** Where a command was used: the server, the channel, and whether the member may manage the server. */
export interface GuildPlace {
  guildId: string;
  channelId: string | null;
  canManageGuild: boolean;
}

/** The server context of an invocation. Throws a user-facing error outside a server (DMs, the terminal). */
export function guildPlaceOf(i: GuildContext): GuildPlace {
  if (typeof i.guildId !== 'string' || i.guildId === '') throw new UserFacingError('This command works in a server, not in direct messages.');
  return {
    guildId: i.guildId,
    channelId: typeof i.channelId === 'string' ? i.channelId : null,
    canManageGuild: i.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
}

/** Channels the digest can be posted in: Discord offers only these in the picker. */
export const DIGEST_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

// What posting the digest needs in its channel, with the names the Discord client shows.
const POST_PERMISSIONS: readonly [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
];

/**
 * Why the bot could not post the digest in `channelId`, or undefined when it can. Read from the guild the client
 * caches (channels, roles, overwrites, the bot's member); without one (the terminal mode) there is nothing to check.
 */
export function digestChannelProblem(invocation: object, channelId: string): string | undefined {
  const guild = (invocation as { guild?: Guild | null }).guild;
  if (!guild) return undefined;
  const channel = guild.channels.cache.get(channelId);
  if (!channel) return `I cannot see <#${channelId}>. Pick a text or announcement channel of this server that I can view.`;
  if (!(DIGEST_CHANNEL_TYPES as readonly ChannelType[]).includes(channel.type)) {
    return `<#${channelId}> is not a text or announcement channel. Pick one of those.`;
  }
  const me = guild.members.me;
  if (!me) return undefined;
  const permissions = channel.permissionsFor(me);
  const missing = POST_PERMISSIONS.filter(([flag]) => !permissions.has(flag)).map(([, name]) => name);
  if (missing.length === 0) return undefined;
  return `I cannot post in <#${channelId}>: I lack ${missing.join(', ')} there. Give me ${missing.length === 1 ? 'it' : 'them'} in the channel settings, or pick another channel.`;
}
