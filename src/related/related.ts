/**
 * Papers related to a piece of text (a chat message): papers it links to by arXiv id or URL come first, then the
 * search results for its words, each with the abstract sentence that matched.
 */
import { parseArxivId } from '../corpus/ids.js';
import type { PaperStore } from '../corpus/store.js';
import { sentenceTexts } from '../text/sentences.js';
import type { Paper } from '../corpus/types.js';
import type { SearchOptions, SearchResponse } from '../search/types.js';

/** One related paper and the sentence that shows why. */
export interface RelatedPaper {
  paper: Paper;
  evidence: string;
  /** `linked`: the text names this paper; `search`: found by its words. */
  via: 'linked' | 'search';
  /** Fused search score; absent for linked papers. */
  score?: number;
}

export interface RelatedPapers {
  papers: RelatedPaper[];
  /** True when no link matched and the search found nothing close (the results are then only the nearest papers). */
  weak: boolean;
  /** The words searched for (the text without links), possibly shortened. */
  query: string;
  /** arXiv ids the text mentions that no known paper has (candidates for adding). */
  unknownIds: string[];
}

export interface RelatedDeps {
  store: Pick<PaperStore, 'findDuplicate'>;
  search(query: string, options?: SearchOptions): Promise<SearchResponse>;
}

// arXiv abs/pdf links and "arXiv:1234.56789" mentions.
const ARXIV_MENTION = /(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf)\/[^\s<>)\]]+|\barxiv:\s*[\w./-]+/gi;
const URL = /https?:\/\/\S+/g;
/** Longest query sent to the search engine; a long message is cut at a word boundary. */
export const MAX_RELATED_QUERY = 500;

/** The arXiv ids a text mentions, in order, without repeats. */
export function arxivIdsIn(text: string): string[] {
  const ids: string[] = [];
  for (const match of text.matchAll(ARXIV_MENTION)) {
    const id = parseArxivId(match[0].replace(/^arxiv:\s*/i, 'arXiv:').replace(/[.,;:!?]+$/, ''));
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** Related papers for `text`, at most `limit` (linked papers included). */
export async function findRelated(deps: RelatedDeps, text: string, limit: number): Promise<RelatedPapers> {
  const linked: RelatedPaper[] = [];
  const unknownIds: string[] = [];
  for (const id of arxivIdsIn(text)) {
    const paper = deps.store.findDuplicate({ arxivId: id, title: '' });
    if (!paper) unknownIds.push(id);
    else if (!linked.some((l) => l.paper.id === paper.id)) linked.push({ paper, evidence: sentenceTexts(paper.abstract)[0] ?? paper.abstract, via: 'linked' });
  }
  const query = shorten(text.replace(ARXIV_MENTION, ' ').replace(URL, ' ').replace(/\s+/g, ' ').trim());
  const room = Math.max(0, limit - linked.length);
  if (query === '' || room === 0) return { papers: linked.slice(0, limit), weak: false, query, unknownIds };
  const response = await deps.search(query, { limit: room, exclude: new Set(linked.map((l) => l.paper.id)) });
  const found = response.results.map((r): RelatedPaper => ({ paper: r.paper, evidence: r.evidence, via: 'search', score: r.score }));
  return { papers: [...linked, ...found], weak: linked.length === 0 && response.weak, query, unknownIds };
}

function shorten(text: string): string {
  if (text.length <= MAX_RELATED_QUERY) return text;
  const cut = text.slice(0, MAX_RELATED_QUERY);
  const space = cut.lastIndexOf(' ');
  return space > MAX_RELATED_QUERY / 2 ? cut.slice(0, space) : cut;
}
