/**
 * Discord's message limits, and the functions that keep every outgoing payload inside them.
 * Lengths are measured in UTF-16 code units (JavaScript `length`), which is never less than what Discord counts.
 */
import type { APIEmbed } from 'discord.js';

/** Documented limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer text and author name, across all embeds of a message. */
  embedsTotal: 6000,
  embedsPerMessage: 10,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

const ELLIPSIS = '…';

/** Leaves `text` alone when it fits; otherwise cuts it at a sentence end, else a word boundary, and appends "…". */
export function truncateText(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max <= 2) return ELLIPSIS;
  // Two characters of room: " …" after a sentence, "…" after a word.
  let cut = text.slice(0, max - 2);
  // Never split a surrogate pair (emoji, rare symbols).
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  // A boundary that throws away more than 40% of the room is worse than a hard cut.
  const floor = Math.floor(cut.length * 0.6);
  const sentenceEnd = lastMatchEnd(cut, /[.!?](?=\s)/g);
  if (sentenceEnd >= floor && sentenceEnd > 0) return `${cut.slice(0, sentenceEnd)} ${ELLIPSIS}`;
  const space = cut.search(/\s\S*$/);
  if (space >= floor && space > 0) return `${cut.slice(0, space).trimEnd()}${ELLIPSIS}`;
  return `${cut.trimEnd()}${ELLIPSIS}`;
}

function lastMatchEnd(text: string, pattern: RegExp): number {
  let end = -1;
  for (const match of text.matchAll(pattern)) end = (match.index ?? 0) + match[0].length;
  return end;
}

/**
 * Joins whole lines while they fit in `max`; the rest are dropped and summarised ("…and 3 more").
 * Keeps markdown links and quotes intact, which cutting mid-line would break.
 */
export function fitLines(lines: readonly string[], max: number, separator = '\n'): string {
  const all = lines.join(separator);
  if (all.length <= max) return all;
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const rest = lines.length - i - 1;
    const tail = rest > 0 ? `${separator}${ELLIPSIS}and ${rest} more` : '';
    const next = used + (kept.length > 0 ? separator.length : 0) + line.length;
    if (next + tail.length <= max) {
      kept.push(line);
      used = next;
      continue;
    }
    // The first line alone is too long: shorten it rather than show nothing.
    if (kept.length === 0) {
      const more = `${separator}${ELLIPSIS}and ${lines.length - 1} more`;
      const budget = lines.length > 1 ? max - more.length : max;
      return lines.length > 1 && budget > 20 ? `${truncateText(line, budget)}${more}` : truncateText(line, max);
    }
    const dropped = lines.length - kept.length;
    return `${kept.join(separator)}${separator}${ELLIPSIS}and ${dropped} more`;
  }
  return kept.join(separator);
}

/** Characters of one embed that count towards the 6000 total. */
export function measureEmbed(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/** Caps every part of an embed at its own limit. Returns a new embed. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title !== undefined) fitted.title = truncateText(fitted.title, DISCORD_LIMITS.embedTitle);
  if (fitted.description !== undefined) {
    fitted.description = truncateText(fitted.description, DISCORD_LIMITS.embedDescription);
  }
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: truncateText(fitted.footer.text, DISCORD_LIMITS.footerText) };
  if (fitted.author) fitted.author = { ...fitted.author, name: truncateText(fitted.author.name, DISCORD_LIMITS.authorName) };
  if (fitted.fields) {
    fitted.fields = fitted.fields.slice(0, DISCORD_LIMITS.embedFields).map((field) => ({
      ...field,
      // Discord rejects empty names and values.
      name: truncateText(field.name, DISCORD_LIMITS.fieldName) || '\u200b',
      value: truncateText(field.value, DISCORD_LIMITS.fieldValue) || '\u200b',
    }));
  }
  return fitted;
}

/**
 * Makes a list of embeds fit one message: at most 10, each part within its limit,
 * and the 6000-character total reached by shortening the longest descriptions and field values first.
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const fitted = embeds.slice(0, DISCORD_LIMITS.embedsPerMessage).map(fitEmbed);
  let excess = fitted.reduce((sum, e) => sum + measureEmbed(e), 0) - DISCORD_LIMITS.embedsTotal;
  // Each pass shortens the single longest text; a handful of passes always suffices, the cap guards mistakes.
  for (let pass = 0; excess > 0 && pass < 500; pass += 1) {
    const longest = findLongestText(fitted);
    if (!longest || longest.length <= 1) break;
    const target = Math.max(1, longest.length - Math.max(excess, Math.ceil(longest.length * 0.1)));
    longest.set(truncateText(longest.get(), target) || ELLIPSIS);
    excess = fitted.reduce((sum, e) => sum + measureEmbed(e), 0) - DISCORD_LIMITS.embedsTotal;
  }
  return fitted;
}

interface TextSlot {
  length: number;
  get(): string;
  set(value: string): void;
}

function findLongestText(embeds: APIEmbed[]): TextSlot | undefined {
  let best: TextSlot | undefined;
  const consider = (slot: TextSlot) => {
    if (!best || slot.length > best.length) best = slot;
  };
  for (const embed of embeds) {
    if (embed.description) {
      consider({ length: embed.description.length, get: () => embed.description ?? '', set: (v) => (embed.description = v) });
    }
    for (const field of embed.fields ?? []) {
      consider({ length: field.value.length, get: () => field.value, set: (v) => (field.value = v) });
    }
    if (embed.title) consider({ length: embed.title.length, get: () => embed.title ?? '', set: (v) => (embed.title = v) });
  }
  return best;
}
