/**
 * Content words and two-word phrases of a text, counted, for term lists ("knowledge distillation", "residual"):
 * stemmed like the search index, with what says nothing about a topic left out — stop words, numbers, generic verbs
 * and academic filler, URLs, e-mail addresses and cited author names ("Weston et al.").
 */
import type { PaperStore } from '../corpus/store.js';
import { normalizeText, stemWord, tokenize } from '../search/tokenize.js';
import type { Paper } from '../corpus/types.js';

/** A counted term and the surface form it was seen in most. */
export interface TermCounts {
  counts: Map<string, number>;
  /** Term → most frequent surface form ("distil" → "distillation", "knowledg distil" → "knowledge distillation"). */
  surfaces: Map<string, string>;
}

// Verbs and academic filler that occur in any abstract, whatever its subject.
const GENERIC = new Set(
  (
    'propose proposed proposes show shown shows showing present presents presented introduce introduces introduced ' +
    'achieve achieves achieved achieving use uses used using improve improves improved perform performs performed ' +
    'provide provides provided demonstrate demonstrates demonstrated obtain obtains obtained allow allows allowed ' +
    'enable enables make makes made find finds found study studies studied paper work works approach approaches method ' +
    'methods result results new novel existing based well also many several various different recent recently first ' +
    'second third often even much may one two three however thus therefore while due since way ways order number ' +
    'terms particular particularly specifically simple simply able given known including whether previous previously ' +
    'despite important key yield yields lead leads consider considered call called named nearly significantly ' +
    'respectively furthermore moreover further additionally finally lastly won place ease task tasks problem problems ' +
    'state art stateoftheart code available publicly https http github com www large larger small smaller size ' +
    'effect effects employ extend extends still increase increased class issue issues operation operations analysis ' +
    'framework general generally effective effectively efficient able high higher low lower better best good ' +
    'strong via within without across around here thus like type types set sets case cases example examples'
  ).split(' ').map(stemWord),
);

const URL = /\bhttps?:\/\/\S+|\bwww\.\S+|\b\S+@\S+\.\w+|\b[\w-]+\.(?:com|org|io|net|edu|ai)\b\S*/gi;
// "(Weston et al., 2015)", "Veit et al. (2016)", "Smith'16": names of cited authors.
const CITATION = /\([^()]*\bet al\.?[^()]*\)|\b[\p{Lu}][\p{L}'-]+(?:\s+(?:and|&)\s+[\p{Lu}][\p{L}'-]+)?\s+et al\.?(?:\s*\(\d{4}\))?|\b[\p{Lu}][\p{L}]+'\d{2}\b/gu;

/** True when a stemmed term may appear in a term list. */
export function isContentTerm(term: string): boolean {
  return term.length >= 3 && !/\d/.test(term) && !GENERIC.has(term);
}

/** Counts the content words and adjacent content-word pairs of `text` (a pair never spans punctuation or a stop word). */
export function countTerms(text: string): TermCounts {
  const counts = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  const add = (term: string, surface: string) => {
    counts.set(term, (counts.get(term) ?? 0) + 1);
    const f = forms.get(term) ?? new Map<string, number>();
    f.set(surface, (f.get(surface) ?? 0) + 1);
    forms.set(term, f);
  };
  const cleaned = text.replace(URL, ' . ').replace(CITATION, ' . ');
  // Runs of words without punctuation between them; pairs are taken inside a run only.
  for (const run of cleaned.split(/[.,;:!?()[\]{}"“”]+/)) {
    let previous: { term: string; surface: string } | null = null;
    for (const raw of run.split(/\s+/)) {
      const surface = normalizeText(raw).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      const terms = surface ? tokenize(surface) : [];
      // A stop word ("of", "the") or a hyphenated compound breaks the phrase chain; a plain content word extends it.
      const term = terms.length === 1 && /^[\p{L}]+$/u.test(surface) ? terms[0]! : null;
      if (!term || !isContentTerm(term)) {
        for (const t of terms) if (isContentTerm(t) && !/[^\p{L}]/u.test(t)) add(t, surface);
        previous = null;
        continue;
      }
      add(term, surface);
      if (previous) add(`${previous.term} ${term}`, `${previous.surface} ${surface}`);
      previous = { term, surface };
    }
  }
  const surfaces = new Map<string, string>();
  for (const [term, f] of forms) surfaces.set(term, [...f].sort((x, y) => y[1] - x[1] || x[0].length - y[0].length || (x[0] < y[0] ? -1 : 1))[0]![0]);
  return { counts, surfaces };
}

/** Term counts of a paper: its title counts twice (a title names what the paper is about). */
export function paperTerms(paper: Pick<Paper, 'title' | 'abstract'>): TermCounts {
  return countTerms(`${paper.title}. ${paper.title}. ${paper.abstract}`);
}

/** Above this many papers, the prior is counted on an evenly spread sample of about this size. */
export const PRIOR_SAMPLE_SIZE = 2000;

/**
 * Corpus-wide term counts (the log-odds prior), following the store: recounted when papers were added, on every
 * k-th paper once the corpus outgrows {@link PRIOR_SAMPLE_SIZE} (a prior is a distribution; a sample estimates it).
 */
export function createCorpusCounts(store: PaperStore, sampleSize = PRIOR_SAMPLE_SIZE): () => Map<string, number> {
  let counted = -1;
  let counts = new Map<string, number>();
  return () => {
    const papers = store.all();
    if (papers.length !== counted) {
      counts = new Map();
      const stride = Math.max(1, Math.ceil(papers.length / sampleSize));
      for (let i = 0; i < papers.length; i += stride) for (const [t, c] of paperTerms(papers[i]!).counts) counts.set(t, (counts.get(t) ?? 0) + c);
      counted = papers.length;
    }
    return counts;
  };
}
