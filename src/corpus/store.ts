import type { Paper } from './types.js';
import { normalizeTitle } from './ids.js';

/** What happened to a paper offered to the store. */
export type AddOutcome = { kind: 'added'; paper: Paper } | { kind: 'merged'; paper: Paper; into: string };

/**
 * The set of known papers, de-duplicated by arXiv id and by normalised title.
 * Used by the corpus loader and by live ingestion, so both merge the same way.
 */
export interface PaperStore {
  add(paper: Paper): AddOutcome;
  get(id: string): Paper | undefined;
  /** Finds a paper by arXiv id or by (normalised) title. */
  findDuplicate(candidate: Pick<Paper, 'title' | 'arxivId'>): Paper | undefined;
  all(): readonly Paper[];
  readonly size: number;
}

/**
 * Creates an empty store, or one seeded with `papers` (merged in order). `restored` marks papers that a store already
 * merged (a saved corpus): they are kept as they are, indexed under their saved title keys (`normalizeTitle`).
 */
export function createPaperStore(papers: Iterable<Paper> = [], restored?: { titleKeys: readonly string[] }): PaperStore {
  const list: Paper[] = [];
  const byId = new Map<string, Paper>();
  const byArxiv = new Map<string, Paper>();
  const byTitle = new Map<string, Paper>();

  const findDuplicate = (candidate: Pick<Paper, 'title' | 'arxivId'>): Paper | undefined =>
    (candidate.arxivId ? byArxiv.get(candidate.arxivId) : undefined) ?? byTitle.get(normalizeTitle(candidate.title));

  const index = (paper: Paper, titleKey = normalizeTitle(paper.title)): void => {
    byId.set(paper.id, paper);
    byTitle.set(titleKey, paper);
    if (paper.arxivId) byArxiv.set(paper.arxivId, paper);
  };

  const uniqueId = (id: string): string => {
    if (!byId.has(id)) return id;
    let n = 2;
    while (byId.has(`${id}-${n}`)) n += 1;
    return `${id}-${n}`;
  };

  const store: PaperStore = {
    add(paper) {
      const existing = findDuplicate(paper);
      if (existing) {
        mergeInto(existing, paper);
        index(existing);
        return { kind: 'merged', paper: existing, into: existing.id };
      }
      const stored: Paper = { ...paper, authors: [...paper.authors], id: uniqueId(paper.id) };
      list.push(stored);
      index(stored);
      return { kind: 'added', paper: stored };
    },
    get: (id) => byId.get(id),
    findDuplicate,
    all: () => list,
    get size() {
      return list.length;
    },
  };
  if (restored) {
    for (const paper of papers) index(paper, restored.titleKeys[list.push(paper) - 1]);
  } else {
    for (const paper of papers) store.add(paper);
  }
  return store;
}

/** Fills what `target` lacks from `other`; the first-seen title and abstract win, upvotes keep the higher count. */
function mergeInto(target: Paper, other: Paper): void {
  if (!target.arxivId && other.arxivId) {
    target.arxivId = other.arxivId;
    target.url = other.url;
  }
  if (target.authors.length === 0 && other.authors.length > 0) target.authors = [...other.authors];
  if (!target.publishedAt && other.publishedAt) target.publishedAt = other.publishedAt;
  if (other.upvotes !== undefined && (target.upvotes === undefined || other.upvotes > target.upvotes)) {
    target.upvotes = other.upvotes;
  }
}
