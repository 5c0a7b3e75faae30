import type { PaperRecord } from './schema.js';

/** A record read from a text page, with the line its title stands on (1-based). */
export interface PageRecord {
  record: PaperRecord;
  line: number;
}

/** A line of a page that could not be read as part of a paper. */
export interface PageProblem {
  line: number;
  message: string;
}

const CHROME_LINE = /^get trending papers\b/i;
const SUBSCRIBE_PREFIX = /^Subscribe(?=[A-Z0-9"'(])/;
// A title is a single short line; an abstract is prose. Used to detect a lost line that would shift every pair.
const MAX_TITLE_LENGTH = 300;
const MIN_ABSTRACT_LENGTH = 40;

/**
 * Parses the text of a trending-papers page: page chrome (the "Get trending papers…" lines and the
 * "Subscribe" button text glued to the first title) is stripped, then non-empty lines alternate title / abstract.
 * A pair that does not look like title + abstract is reported and the parser re-synchronises on the next line.
 */
export function parseTrendingPage(text: string): { records: PageRecord[]; problems: PageProblem[] } {
  const lines = text.split(/\r?\n/).map((raw, index) => ({ text: raw.trim(), line: index + 1 }));
  const content = lines.filter((l) => l.text.length > 0 && !CHROME_LINE.test(l.text));
  const first = content[0];
  if (first) first.text = first.text.replace(SUBSCRIBE_PREFIX, '').trim();

  const records: PageRecord[] = [];
  const problems: PageProblem[] = [];
  let i = 0;
  while (i < content.length) {
    const title = content[i]!;
    const abstract = content[i + 1];
    if (title.text.length > MAX_TITLE_LENGTH) {
      problems.push({ line: title.line, message: `expected a paper title, found ${title.text.length} characters of prose; line skipped` });
      i += 1;
      continue;
    }
    if (!abstract) {
      problems.push({ line: title.line, message: `title "${title.text}" has no abstract line after it; skipped` });
      break;
    }
    if (abstract.text.length < MIN_ABSTRACT_LENGTH) {
      problems.push({ line: abstract.line, message: `abstract of "${title.text}" is only ${abstract.text.length} characters; title skipped` });
      i += 1;
      continue;
    }
    records.push({ record: { title: title.text, abstract: abstract.text }, line: title.line });
    i += 2;
  }
  return { records, problems };
}
