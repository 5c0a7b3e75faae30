/** How answers name papers. */
import type { Paper } from '../corpus/types.js';
import type { Citation } from './types.js';

/** The citation of a paper: id, title and link. */
export function toCitation(paper: Paper): Citation {
  return { id: paper.id, title: paper.title, url: paper.url };
}

/**
 * `text` with whitespace collapsed, cut to at most `max` characters at a word boundary with "…" when too long.
 * A single word longer than the limit is cut mid-word.
 */
export function truncateAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const room = clean.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  const cut = space > 0 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.–-]+$/, '')}…`;
}
