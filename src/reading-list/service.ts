/** Personal reading lists over the state database: save, page, find, remove and export, per user. */
import type { PaperStore } from '../corpus/store.js';
import { ingestedPaperKey, type ReadingListEntry, type State } from '../state/index.js';
import type { Paper } from '../corpus/types.js';
import { toBibtex } from './bibtex.js';
import { toMarkdown } from './markdown.js';

/** Most papers one user can keep (bounds exports and the database). */
export const READING_LIST_MAX = 500;

export type ExportFormat = 'bibtex' | 'markdown';

/** A refused request; the message is written for the user. */
export class ReadingListError extends Error {
  override name = 'ReadingListError';
}

/** One page of a user's list. */
export interface ReadingListPage {
  entries: ReadingListEntry[];
  /** 0-based page index (clamped to the last page). */
  page: number;
  pages: number;
  total: number;
}

export interface ReadingListFile {
  name: string;
  mimeType: string;
  text: string;
  count: number;
}

export interface ReadingList {
  /** Saves a paper; `added` false when it was already there. Throws ReadingListError when the list is full. */
  save(userId: string, paper: Paper): { added: boolean; total: number };
  /** Removes the entry with this key; returns it, or undefined when it was not on the list. */
  remove(userId: string, key: string): ReadingListEntry | undefined;
  page(userId: string, page: number, pageSize: number): ReadingListPage;
  /** Entries whose title contains every word of `query` (all entries when empty), newest first. */
  find(userId: string, query: string, limit: number): ReadingListEntry[];
  /** The whole list as a file. Throws ReadingListError when it is empty. */
  export(userId: string, format: ExportFormat): ReadingListFile;
  count(userId: string): number;
}

export interface ReadingListDeps {
  state: Pick<State, 'readingList'>;
  /** The live store: entries show the current version of a paper when it is still known. */
  store: Pick<PaperStore, 'findDuplicate'>;
}

export function createReadingList({ state, store }: ReadingListDeps): ReadingList {
  const repo = state.readingList;
  // The store's version may have gained authors, a date or an arXiv id since the paper was saved.
  const current = (entry: ReadingListEntry): ReadingListEntry => ({ ...entry, paper: store.findDuplicate(entry.paper) ?? entry.paper });
  const all = (userId: string) => repo.list(userId).map(current);

  return {
    save(userId, paper) {
      const total = repo.count(userId);
      const known = repo.list(userId).some((e) => e.key === ingestedPaperKey(paper));
      if (!known && total >= READING_LIST_MAX) {
        throw new ReadingListError(`Your reading list is full (${READING_LIST_MAX} papers). Remove some with /reading-list remove first.`);
      }
      const added = repo.save(userId, paper);
      return { added, total: repo.count(userId) };
    },
    remove(userId, key) {
      const entry = repo.list(userId).find((e) => e.key === key);
      if (!entry || !repo.remove(userId, key)) return undefined;
      return current(entry);
    },
    page(userId, page, pageSize) {
      const total = repo.count(userId);
      const pages = Math.max(1, Math.ceil(total / pageSize));
      const index = Math.min(Math.max(0, page), pages - 1);
      return { entries: repo.list(userId, { offset: index * pageSize, limit: pageSize }).map(current), page: index, pages, total };
    },
    find(userId, query, limit) {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      return all(userId)
        .filter((e) => words.every((w) => e.paper.title.toLowerCase().includes(w) || e.paper.arxivId?.includes(w)))
        .slice(0, limit);
    },
    export(userId, format) {
      // Oldest first reads like a bibliography built over time.
      const papers = all(userId).reverse().map((e) => e.paper);
      if (papers.length === 0) throw new ReadingListError('Your reading list is empty. Save papers with the Save button under results first.');
      return format === 'bibtex'
        ? { name: 'reading-list.bib', mimeType: 'application/x-bibtex', text: toBibtex(papers), count: papers.length }
        : { name: 'reading-list.md', mimeType: 'text/markdown', text: toMarkdown(papers), count: papers.length };
    },
    count: (userId) => repo.count(userId),
  };
}
