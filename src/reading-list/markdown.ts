/** Markdown export of a reading list: a heading and one linked line per paper. */
import type { Paper } from '../corpus/types.js';

/** Escapes Markdown syntax in link text and plain text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/([\\`*_{}[\]()<>#+!|~])/g, '\\$1');
}

/** One list item: linked title, authors, year, arXiv id. */
export function toMarkdownItem(paper: Paper): string {
  const authors = paper.authors.length > 3 ? `${paper.authors.slice(0, 3).join(', ')} et al.` : paper.authors.join(', ');
  const year = /^(\d{4})/.exec(paper.publishedAt ?? '')?.[1];
  const details = [authors && escapeMarkdown(authors), year, paper.arxivId ? `arXiv:${paper.arxivId}` : undefined].filter(Boolean);
  // encodeURIComponent leaves parentheses alone, and they would end the link.
  const url = paper.url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `- [${escapeMarkdown(paper.title)}](${url})${details.length > 0 ? ` — ${details.join(' · ')}` : ''}`;
}

/** The whole file. */
export function toMarkdown(papers: readonly Paper[], title = 'Reading list'): string {
  return `# ${escapeMarkdown(title)}\n\n${papers.map(toMarkdownItem).join('\n')}\n`;
}
