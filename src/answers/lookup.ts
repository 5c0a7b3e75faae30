/** Resolving a user's paper reference (id, arXiv id or link, exact, partial or misspelled title) and autocomplete. */
import { normalizeTitle, parseArxivId } from '../corpus/ids.js';
import type { PaperStore } from '../corpus/store.js';
import type { Paper } from '../corpus/types.js';
import { truncateAtWord } from './cite.js';
import { createTitleIndex, type TitleIndexOptions, type TitleMatch } from './title-index.js';
import { PaperLookupError, type LookupResult, type Suggestion } from './types.js';

export interface PaperLookup {
  lookup(reference: string): LookupResult;
  /** The one paper `reference` names; throws PaperLookupError otherwise. */
  resolve(reference: string): Paper;
  autocomplete(partial: string, limit?: number): Suggestion[];
}

/** Autocomplete limits of Discord (and of any sane picker). */
export const MAX_SUGGESTIONS = 25;
export const MAX_SUGGESTION_LENGTH = 100;

// A title "matches" when at least this share of the reference's weighted words is found in it.
const MIN_COVERAGE = 0.7;
// Titles whose coverage is this close to the best one are equally good readings of the reference.
const COVERAGE_MARGIN = 0.1;
// A reference that is (nearly) a whole title wins over longer titles that merely contain its words.
const WHOLE_TITLE_PRECISION = 0.95;
const OTHER_TITLE_PRECISION = 0.8;
const MAX_CANDIDATES = 10;
const MAX_CLOSEST = 5;

/** Creates the lookup over `store`; its title index (restored or saved as `titleOptions` say) follows papers added later. */
export function createLookup(store: PaperStore, titleOptions?: TitleIndexOptions): PaperLookup {
  const titles = createTitleIndex(store, titleOptions);

  const direct = (reference: string): Paper | undefined => {
    const trimmed = reference.trim();
    const byId = store.get(trimmed);
    if (byId) return byId;
    const arxivId = parseArxivId(trimmed);
    if (arxivId) {
      const byArxiv = store.findDuplicate({ title: '', arxivId });
      if (byArxiv?.arxivId === arxivId) return byArxiv;
      const sameId = store.get(arxivId);
      if (sameId) return sameId;
    }
    return normalizeTitle(trimmed) === '' ? undefined : store.findDuplicate({ title: trimmed });
  };

  const lookup = (reference: string): LookupResult => {
    const query = reference.trim().replace(/^["'“”]+|["'“”]+$/g, '').trim();
    const exact = direct(query);
    if (exact) return { kind: 'found', paper: exact };
    const matches = titles.match(query, { limit: 50 });
    return decide(query, matches);
  };

  return {
    lookup,
    resolve(reference) {
      const result = lookup(reference);
      if (result.kind === 'found') return result.paper;
      throw new PaperLookupError(result);
    },
    autocomplete(partial, limit = MAX_SUGGESTIONS) {
      const max = Math.max(0, Math.min(MAX_SUGGESTIONS, Math.floor(limit)));
      if (max === 0) return [];
      const text = partial.trim();
      const picked: Paper[] = [];
      const seen = new Set<string>();
      const offer = (paper: Paper | undefined) => {
        if (!paper || seen.has(paper.id) || paper.id.length > MAX_SUGGESTION_LENGTH || picked.length >= max) return;
        seen.add(paper.id);
        picked.push(paper);
      };
      if (normalizeTitle(text) === '') {
        for (const paper of titles.popular(max + 5)) offer(paper);
      } else {
        offer(direct(text));
        for (const paper of titles.withTitlePrefix(text, max)) offer(paper);
        // Titles that start with the input are the best suggestions; word matching only fills the rest.
        if (picked.length < max) for (const match of titles.match(text, { prefixLast: true, limit: max * 2 })) offer(match.paper);
      }
      return picked.map((paper) => ({ name: truncateAtWord(paper.title, MAX_SUGGESTION_LENGTH), value: paper.id }));
    },
  };
}

/** Turns ranked title matches into found / ambiguous / unknown. */
export function decide(query: string, matches: readonly TitleMatch[]): LookupResult {
  const best = matches[0];
  if (!best || best.coverage < MIN_COVERAGE) {
    return { kind: 'unknown', query, closest: matches.slice(0, MAX_CLOSEST).map((m) => m.paper) };
  }
  const close = matches.filter((m) => m.coverage >= Math.max(MIN_COVERAGE, best.coverage - COVERAGE_MARGIN));
  if (close.length === 1) return { kind: 'found', paper: best.paper };
  const top = [...close].sort((a, b) => b.precision - a.precision || b.score - a.score)[0]!;
  const others = close.filter((m) => m !== top);
  if (top.precision >= WHOLE_TITLE_PRECISION && others.every((m) => m.precision < OTHER_TITLE_PRECISION)) {
    return { kind: 'found', paper: top.paper };
  }
  return { kind: 'ambiguous', query, candidates: close.slice(0, MAX_CANDIDATES).map((m) => m.paper), total: close.length };
}
