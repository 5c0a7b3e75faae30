/** Renders what a command would post on Discord as readable terminal text: title, URL, fields, footer, button hints. */
import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';

/** The parts of a reply the terminal shows (what the responder hands to reply / editReply / update). */
export interface RenderableReply {
  content?: string | null;
  embeds?: readonly unknown[] | null;
  components?: readonly unknown[] | null;
  flags?: unknown;
  files?: readonly unknown[] | null;
}

/** A button shown as a hint the user can type, e.g. `next` or `summarize 1`. */
export interface ButtonHint {
  hint: string;
  customId: string;
}

/** Discord markdown to plain text: links as "text <url>", no emphasis markers, no escapes. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/g, (_m, text: string, url: string) => `${text} <${url}>`)
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|[^\\*])\*(?!\s)([^*\n]+?)\*(?!\*)/g, '$1$2')
    .replace(/__(.+?)__/g, '$1')
    .replace(/\\([\\*_`~|>#\-[\]()<:.!+])/g, '$1')
    .replace(/\u200b/g, '');
}

/** The button hints of a reply (enabled buttons only). */
export function buttonHints(components: readonly unknown[] | null | undefined): ButtonHint[] {
  const hints: ButtonHint[] = [];
  for (const row of (components ?? []) as APIActionRowComponent<APIButtonComponent>[]) {
    for (const component of row.components ?? []) {
      if (component.type !== ComponentType.Button || component.disabled || component.style === ButtonStyle.Link) continue;
      if (!('custom_id' in component) || !component.label) continue;
      hints.push({ hint: component.label.toLowerCase(), customId: component.custom_id });
    }
  }
  return hints;
}

/** The whole reply as text. */
export function renderReply(reply: RenderableReply): string {
  const out: string[] = [];
  const ephemeral = typeof reply.flags === 'number' && (reply.flags & MessageFlags.Ephemeral) !== 0;
  if (reply.content) out.push(`${ephemeral ? '(only you) ' : ''}${plainText(reply.content)}`);
  for (const embed of (reply.embeds ?? []) as APIEmbed[]) out.push(renderEmbed(embed));
  for (const file of (reply.files ?? []) as { name?: string; attachment?: unknown }[]) out.push(renderFile(file));
  const hints = buttonHints(reply.components);
  if (hints.length > 0) out.push(hints.map((h) => `[${h.hint}]`).join(' '));
  return out.join('\n\n');
}

/** One embed as an indented block. */
export function renderEmbed(embed: APIEmbed): string {
  const lines: string[] = [];
  if (embed.author?.name) lines.push(plainText(embed.author.name));
  if (embed.title) lines.push(`■ ${plainText(embed.title)}`);
  if (embed.url) lines.push(`  ${embed.url}`);
  if (embed.description) lines.push(indent(plainText(embed.description)));
  for (const field of embed.fields ?? []) {
    lines.push(`  ${plainText(field.name)}:`);
    lines.push(indent(plainText(field.value), '    '));
  }
  if (embed.footer?.text) lines.push(`  — ${plainText(embed.footer.text)}`);
  return lines.join('\n');
}

function indent(text: string, prefix = '  '): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `${prefix}${line}`))
    .join('\n');
}

// Attachments whose text is worth printing in a terminal.
const TEXT_FILE = /\.(?:bib|md|txt|csv|json)$/i;

/** An attachment: text files (an export) printed in full, others (a chart) as name and size. */
export function renderFile(file: { name?: string; attachment?: unknown }): string {
  const name = file.name ?? 'file';
  const data = Buffer.isBuffer(file.attachment) ? file.attachment : undefined;
  if (!data) return `📎 ${name}`;
  if (TEXT_FILE.test(name)) return `📎 ${name}:\n${indent(data.toString('utf8').trimEnd())}`;
  return `📎 ${name} (${data.length.toLocaleString('en-US')} bytes)`;
}
