/** Text helpers for Discord replies: escaping what users and papers say, and small formatting pieces. */
import { escapeMarkdown } from 'discord.js';

/**
 * Escapes text a user typed before it is echoed back: markdown of every kind (headings, lists, masked links)
 * and mention syntax, so nothing renders as formatting and nothing can look like a ping.
 * (Pings are also disabled on every message with `allowed_mentions.parse = []`.)
 */
export function escapeUserText(text: string): string {
  const escaped = escapeMarkdown(collapseWhitespace(text), {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
  return neutralizeMentions(escaped);
}

/** Escapes corpus text (titles, abstract sentences): inline markdown only, so `f_theta` stays `f_theta`. */
export function escapeCorpusText(text: string): string {
  return neutralizeMentions(escapeMarkdown(collapseWhitespace(text)));
}

/** Breaks `@everyone`, `@here` and `<@id>` / `<@&id>` / `<#id>` syntax with a zero-width space. */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<([@#])/g, '<\u200b$1');
}

/** Single-line form of a text (abstract sentences sometimes carry line breaks). */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `> text` block quote, one `>` per line so long quotes stay quoted. */
export function quoteBlock(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** `[text](url)`; brackets in the text are escaped so the link survives. */
export function markdownLink(text: string, url: string): string {
  return `[${text.replace(/[[\]]/g, '\\$&')}](${url.replace(/\)/g, '%29')})`;
}

/** "0.82" style score. */
export function formatScore(score: number): string {
  return score.toFixed(2);
}

/** Human duration of an elapsed time: "850 ms", "2.4 s". */
export function formatElapsed(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Uptime such as "3 d 4 h", "2 h 5 min", "42 s". */
export function formatUptime(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${seconds % 60} s`;
  return `${seconds} s`;
}

/** "1 paper", "3 papers". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
