/**
 * The arXiv API's Atom feed → a Paper. The XML is checked by fast-xml-parser's validator, then parsed and the
 * entry validated with zod, so an unusable answer becomes one ArxivError naming what is wrong.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { parseArxivId } from '../corpus/ids.js';
import { toPaper } from '../corpus/load.js';
import { describeIssues, paperRecordSchema } from '../corpus/schema.js';
import type { Paper } from '../corpus/types.js';
import { ArxivError } from './errors.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Keep every value a string: an id such as 1706.03762 or a title such as "1984" must not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['entry', 'author', 'link', 'category'].includes(name),
});

// A text element may carry attributes (e.g. <title type="html">), which turns it into { '#text': … }.
const text = z.preprocess((v) => (v && typeof v === 'object' && '#text' in v ? (v as { '#text': unknown })['#text'] : v), z.string());

const entrySchema = z.object({
  id: text,
  title: text.optional(),
  summary: text.optional(),
  published: text.optional(),
  author: z.array(z.object({ name: text })).optional(),
});

const feedSchema = z.object({
  feed: z.object({
    entry: z.array(z.unknown()).optional(),
  }),
});

/** The source label stored with papers fetched from the API. */
export const ARXIV_SOURCE = 'arXiv API';

/**
 * Reads the paper `arxivId` (bare, no version) from an API answer. Throws ArxivError: `not-found` when the feed
 * has no such entry or reports an id error, `malformed` when the XML or the entry is unusable.
 */
export function parseArxivFeed(xml: string, arxivId: string): Paper {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new ArxivError('malformed', `the arXiv API answered with malformed XML (line ${valid.err.line}: ${valid.err.msg})`);
  }
  const feed = feedSchema.safeParse(parser.parse(xml));
  if (!feed.success) throw new ArxivError('malformed', `the arXiv API answer is not an Atom feed (${describeIssues(feed.error)})`);
  const entries = feed.data.feed.entry ?? [];
  if (entries.length === 0) throw new ArxivError('not-found', `arXiv has no paper ${arxivId}`);
  const parsed = entrySchema.safeParse(entries[0]);
  if (!parsed.success) throw new ArxivError('malformed', `the arXiv API entry for ${arxivId} is unusable (${describeIssues(parsed.error)})`);
  const entry = parsed.data;
  // Errors come back as an entry whose id points at the API's error page and whose summary says what is wrong.
  if (/\/api\/errors/.test(entry.id)) {
    throw new ArxivError('not-found', `arXiv does not know ${arxivId}: ${collapse(entry.summary ?? entry.title ?? 'error')}`);
  }
  // An id of the right form that names no paper comes back as an entry without title and abstract.
  if (!entry.title?.trim() && !entry.summary?.trim()) throw new ArxivError('not-found', `arXiv has no paper ${arxivId}`);
  const entryId = parseArxivId(entry.id);
  if (entryId !== arxivId) {
    throw new ArxivError('malformed', `the arXiv API answered with paper ${entryId ?? entry.id} instead of ${arxivId}`);
  }
  const record = paperRecordSchema.safeParse({
    // The API keeps arXiv's line breaks in titles and abstracts.
    title: collapse(entry.title ?? ''),
    abstract: collapse(entry.summary ?? ''),
    arxivId,
    authors: (entry.author ?? []).map((a) => collapse(a.name)).filter((name) => name !== ''),
    ...(entry.published ? { publishedAt: entry.published } : {}),
  });
  if (!record.success) throw new ArxivError('malformed', `the arXiv API entry for ${arxivId} is unusable (${describeIssues(record.error)})`);
  const paper = toPaper(record.data, ARXIV_SOURCE);
  if ('error' in paper) throw new ArxivError('malformed', `the arXiv API entry for ${arxivId} is unusable (${paper.error})`);
  return paper;
}

function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
