/**
 * The terms of a paper for trend counting: content words and two-word phrases of its title and abstract, grouped by
 * stem ("model"/"models" count once) and shown in their most frequent written form.
 */
import { eng } from 'stopword';
import { normalizeText, stemWord } from '../search/tokenize.js';
import type { Paper } from '../corpus/types.js';

// English stop words plus words every abstract uses; neither can be a trend.
const STOP: ReadonlySet<string> = new Set([
  ...eng,
  ...'also based can show shows shown propose proposed proposes paper papers method methods approach approaches results result using use used work new well however via without within across existing different various significantly furthermore moreover first two three one large small able main state art'.split(
    ' ',
  ),
]);

const WORD = /[a-z][a-z0-9]*(?:-[a-z0-9]+)*/g;

/** Content words of a text in order; `null` marks a removed word, so phrases never span one. */
function contentWords(text: string): (string | null)[] {
  return (normalizeText(text).match(WORD) ?? []).map((w) => (w.length < 3 || STOP.has(w) ? null : w));
}

/** The stem key of a word or phrase: "language models" → "languag model". */
function keyOf(words: readonly string[]): string {
  return words.map((w) => w.split('-').map(stemWord).join('-')).join(' ');
}

/**
 * The distinct terms (words and adjacent two-word phrases) of a paper, by stem key, each with the surface form it had.
 * Title and abstract are read separately so no phrase spans them.
 */
export function paperTerms(paper: Pick<Paper, 'title' | 'abstract'>): Map<string, string> {
  const terms = new Map<string, string>();
  for (const text of [paper.title, paper.abstract]) {
    const words = contentWords(text);
    words.forEach((word, i) => {
      if (word === null) return;
      const key = keyOf([word]);
      if (!terms.has(key)) terms.set(key, word);
      const next = words[i + 1];
      if (next) {
        const phrase = keyOf([word, next]);
        if (!terms.has(phrase)) terms.set(phrase, `${word} ${next}`);
      }
    });
  }
  return terms;
}

/** Document frequencies of terms over papers, with each term's most frequent surface form. */
export interface TermCounts {
  /** Papers containing the term, by stem key. */
  counts: Map<string, number>;
  /** Sum of all counts (the multinomial's n). */
  total: number;
  papers: number;
}

/** Counts, over `papers`, how many contain each term; `surfaces` collects how often each form was written. */
export function countTerms(papers: readonly Pick<Paper, 'title' | 'abstract'>[], surfaces?: Map<string, Map<string, number>>): TermCounts {
  const counts = new Map<string, number>();
  let total = 0;
  for (const paper of papers) {
    for (const [key, surface] of paperTerms(paper)) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total += 1;
      if (surfaces) {
        const forms = surfaces.get(key) ?? new Map<string, number>();
        forms.set(surface, (forms.get(surface) ?? 0) + 1);
        surfaces.set(key, forms);
      }
    }
  }
  return { counts, total, papers: papers.length };
}
