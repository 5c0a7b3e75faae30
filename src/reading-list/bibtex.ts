/** BibTeX export of a reading list: one @misc entry per paper; arXiv papers carry eprint/archivePrefix and an arXiv key. */
import { normalizeTitle } from '../corpus/ids.js';
import type { Paper } from '../corpus/types.js';

// LaTeX specials that would break an entry or change its meaning inside braces.
const SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Escapes text for a braced BibTeX field value. */
export function escapeBibtex(text: string): string {
  return text.replace(/[\\{}$&%#_~^]/g, (c) => SPECIALS[c] ?? c).replace(/\s+/g, ' ').trim();
}

/** The citation key: `arXiv:<id>` when the arXiv id is known, else first author's surname + year + first title word. */
export function bibtexKey(paper: Pick<Paper, 'arxivId' | 'authors' | 'title' | 'publishedAt'>): string {
  if (paper.arxivId) return `arXiv:${paper.arxivId.replace(/\//g, '_')}`;
  const surname = ascii(paper.authors[0]?.trim().split(/\s+/).at(-1) ?? '');
  const word = ascii(normalizeTitle(paper.title).split(' ').find((w) => w.length > 3) ?? normalizeTitle(paper.title).split(' ')[0] ?? '');
  return `${surname || 'paper'}${yearOf(paper) ?? ''}${word}` || 'paper';
}

/** One entry. */
export function toBibtexEntry(paper: Paper, key = bibtexKey(paper)): string {
  const fields: [string, string][] = [['title', paper.title]];
  if (paper.authors.length > 0) fields.push(['author', paper.authors.join(' and ')]);
  const year = yearOf(paper);
  if (year) fields.push(['year', year]);
  if (paper.arxivId) {
    fields.push(['eprint', paper.arxivId], ['archivePrefix', 'arXiv']);
  }
  fields.push(['url', paper.url]);
  // URLs go in verbatim (url package); only braces must stay balanced, which a URL never needs.
  const body = fields.map(([name, value]) => `  ${name} = {${name === 'url' ? value.replace(/[{}\s]/g, '') : escapeBibtex(value)}}`);
  return `@misc{${key},\n${body.join(',\n')}\n}`;
}

/** A whole .bib file; keys are made unique (a, b, … suffixes) when two papers would share one. */
export function toBibtex(papers: readonly Paper[]): string {
  const used = new Map<string, number>();
  const entries = papers.map((paper) => {
    const base = bibtexKey(paper);
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    return toBibtexEntry(paper, seen === 0 ? base : `${base}${String.fromCharCode(96 + Math.min(seen, 26))}${seen > 26 ? seen : ''}`);
  });
  return `${entries.join('\n\n')}\n`;
}

function yearOf(paper: Pick<Paper, 'publishedAt'>): string | undefined {
  return /^(\d{4})/.exec(paper.publishedAt ?? '')?.[1];
}

function ascii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
