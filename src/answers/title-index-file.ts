/**
 * The title index of the corpus papers kept in DATA_DIR (see `TitleIndexSnapshot`), valid for the corpus stamp it was
 * made with, so a warm start restores it instead of building it (about two seconds of the start at 100k papers).
 */
import { readSavedFile, writeSavedFile, type SavedFileHeader } from '../shared/saved-file.js';
import type { Logger } from '../shared/types.js';
import type { TitleIndexSnapshot } from './title-index.js';

/** Format version of the title index file; bump it when the index's construction changes. */
export const TITLE_INDEX_VERSION = 1;

const header = (stamp: string): SavedFileHeader => ({ kind: 'title index', version: TITLE_INDEX_VERSION, stamp });

/** The saved title index of the `papers` corpus papers of `stamp`; undefined (logged) when missing, stale or damaged. */
export function readTitleIndexFile(file: string, stamp: string, papers: number, logger?: Logger): Promise<TitleIndexSnapshot | undefined> {
  return readSavedFile<TitleIndexSnapshot>(file, header(stamp), (body) => checkTitleIndex(body, papers), logger);
}

/** Saves the title index of the corpus papers of `stamp`, atomically; failures are logged. */
export function writeTitleIndexFile(file: string, stamp: string, snapshot: TitleIndexSnapshot, logger?: Logger): Promise<void> {
  return writeSavedFile(file, header(stamp), snapshot, logger);
}

/** What is wrong with a decoded body, or undefined when its parts fit together (a bad file must not break lookups). */
export function checkTitleIndex(body: unknown, papers: number): string | undefined {
  const s = body as Partial<TitleIndexSnapshot> | undefined;
  if (!s || typeof s.papers !== 'number' || !Array.isArray(s.norms) || !Array.isArray(s.words) || !Array.isArray(s.sounds) || !Array.isArray(s.prefixes) ||
    !(s.postStart instanceof Uint32Array) || !(s.postPapers instanceof Uint32Array) || !(s.sortedTitles instanceof Uint32Array) || !s.typos) {
    return 'body is not a title index';
  }
  if (s.papers !== papers) return `indexes ${s.papers} papers, the corpus has ${papers}`;
  if (s.norms.length !== papers || s.sortedTitles.length !== papers) return 'norms or title order do not match the papers';
  if (s.sounds.length !== s.words.length || s.postStart.length !== s.words.length + 1 || s.postStart[s.words.length] !== s.postPapers.length) {
    return 'postings do not match the vocabulary';
  }
  for (let i = 0; i < s.postPapers.length; i += 1) if (s.postPapers[i]! >= papers) return `a posting refers to paper ${s.postPapers[i]} of ${papers}`;
  for (let i = 0; i < s.sortedTitles.length; i += 1) if (s.sortedTitles[i]! >= papers) return `the title order refers to paper ${s.sortedTitles[i]} of ${papers}`;
  const typos = s.typos;
  if (!Array.isArray(typos.words) || !(typos.sorted instanceof Uint32Array) || !(typos.keys instanceof Uint32Array) || !(typos.owners instanceof Uint32Array)) {
    return 'typo index is malformed';
  }
  return undefined;
}
