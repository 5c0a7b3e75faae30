/**
 * Query matching: how each query word meets the vocabulary. A known word matches exactly (its stem, as analysed);
 * an unknown one through typo corrections within a small edit distance and, when it is the last word still being
 * typed, through words it starts; an acronym also through the long form the corpus defines for it most often.
 */
import type { AcronymDefinition } from '../acronyms.js';
import type { TypoIndex } from '../typo.js';
import { correctionBudget, isPlausibleCorrection, mayComplete } from '../typo-policy.js';
import type { KeywordAnalyzer } from './analysis.js';
import { documentFrequency, type DocumentTable } from './documents.js';

/**
 * One way of matching a query word. `acronym` alternatives stand for a long form learnt from the corpus
 * ("gnn" → graph neural network): `term` is then the long form's terms separated by spaces, scored as their mean.
 * `related` alternatives are corpus words related in meaning to a query word the corpus does not know
 * ("photographs" → photo), from {@link MatchingContext.related}.
 */
export interface TermAlternative {
  term: string;
  weight: number;
  kind: 'exact' | 'fuzzy' | 'prefix' | 'acronym' | 'related';
}

/** How one query word was matched against the vocabulary. */
export interface QueryTermMatch {
  /** The query word as typed (normalised). */
  surface: string;
  /** Index terms tried for it, with their weights (1 = exact). Empty when nothing in the corpus matches. */
  alternatives: TermAlternative[];
}

/** Weights and limits of the alternatives (see `KeywordIndexOptions`). */
export interface MatchingOptions {
  fuzzyWeight1: number;
  fuzzyWeight2: number;
  prefixWeight: number;
  acronymWeight: number;
  maxFuzzyAlternatives: number;
  maxPrefixAlternatives: number;
  /** Weight of a related word as rare as a word unknown to the corpus; a more frequent one weighs less (see below). */
  relatedWeight: number;
  maxRelatedAlternatives: number;
}

/**
 * Words related in meaning to an English word (lower-case), most closely related first, compounds left out: `derived`
 * ones share its root ("vision" → visual, "geometry" → geometric), `synonym` ones its meaning ("photograph" → photo).
 */
export type RelatedTerms = (word: string) => readonly { word: string; relation: 'synonym' | 'derived' }[];

/** Acronyms learnt from the documents: acronym term → long form (terms joined by spaces) → documents defining it so. */
export interface AcronymLexicon {
  /** Adds (`delta` 1) or withdraws (-1) one document's definitions. */
  count(defs: readonly AcronymDefinition[], delta: number): void;
  /** The long form defined by the most documents (ties alphabetical), or undefined. */
  longFormOf(acronym: string): string | undefined;
}

/** An empty acronym lexicon. */
export function createAcronymLexicon(): AcronymLexicon {
  const forms = new Map<string, Map<string, number>>();
  return {
    count(defs, delta) {
      for (const d of defs) {
        const byForm = forms.get(d.acronym) ?? new Map<string, number>();
        const key = d.longForm.join(' ');
        const count = (byForm.get(key) ?? 0) + delta;
        if (count > 0) byForm.set(key, count);
        else byForm.delete(key);
        if (byForm.size > 0) forms.set(d.acronym, byForm);
        else forms.delete(d.acronym);
      }
    },
    longFormOf(acronym) {
      let best: string | undefined;
      let bestCount = 0;
      for (const [form, count] of forms.get(acronym) ?? []) {
        if (count > bestCount || (count === bestCount && best !== undefined && form < best)) {
          best = form;
          bestCount = count;
        }
      }
      return best;
    },
  };
}

/** Everything query matching reads. */
export interface MatchingContext {
  table: DocumentTable;
  typos: TypoIndex;
  acronyms: AcronymLexicon;
  analyzer: KeywordAnalyzer;
  options: MatchingOptions;
  /** Related words for query words the corpus does not know (none when absent). */
  related?: RelatedTerms;
}

// Related words are looked up for the first words of a query only: long pasted text would cost a look-up per word.
const MAX_RELATED_WORDS = 32;

/** Analyses `query` and matches each of its words against the vocabulary. */
export function matchQuery(query: string, { table, typos, acronyms, analyzer, options: opts, related }: MatchingContext): QueryTermMatch[] {
  const dfOf = (term: string) => documentFrequency(table, term);
  const tokens = analyzer.analyzeQuery(query);
  // A last word still being typed has no trailing space or punctuation.
  const typing = /[\p{L}\p{N}]$/u.test(query);
  return tokens.map((token, index) => {
    const longForm = opts.acronymWeight > 0 ? acronyms.longFormOf(token.term) : undefined;
    const acronym: TermAlternative[] = longForm ? [{ term: longForm, weight: opts.acronymWeight, kind: 'acronym' }] : [];
    const exactDf = dfOf(token.term);
    if (exactDf > 0) {
      // A known word also meets the forms of its root that stemming keeps apart; synonyms only help unknown words.
      const derived = related && index < MAX_RELATED_WORDS && opts.relatedWeight > 0 && opts.maxRelatedAlternatives > 0 ? relatedOf(token.surface, exactDf, related, dfOf, table.numById.size, analyzer, opts, true) : [];
      return { surface: token.surface, alternatives: [{ term: token.term, weight: 1, kind: 'exact' as const }, ...derived.filter((a) => a.term !== token.term), ...acronym] };
    }
    const best = new Map<string, { term: string; weight: number; kind: 'fuzzy' | 'prefix' }>();
    const offer = (term: string, weight: number, kind: 'fuzzy' | 'prefix') => {
      if (dfOf(term) === 0) return;
      const seen = best.get(term);
      if (!seen || seen.weight < weight) best.set(term, { term, weight, kind });
    };
    const fuzzy = typos
      .fuzzy(token.surface, correctionBudget(token.surface))
      .filter((m) => isPlausibleCorrection(token.surface, m.word, m.distance))
      .map((m) => ({ term: analyzer.stem(m.word), distance: m.distance }))
      .filter((m) => dfOf(m.term) > 0)
      .sort((a, b) => a.distance - b.distance || dfOf(b.term) - dfOf(a.term) || (a.term < b.term ? -1 : 1));
    const fuzzyTerms = new Set<string>();
    for (const m of fuzzy) {
      if (fuzzyTerms.size >= opts.maxFuzzyAlternatives && !fuzzyTerms.has(m.term)) continue;
      fuzzyTerms.add(m.term);
      offer(m.term, m.distance === 1 ? opts.fuzzyWeight1 : opts.fuzzyWeight2, 'fuzzy');
    }
    if (typing && index === tokens.length - 1 && mayComplete(token.surface)) {
      const completions = [...new Set(typos.withPrefix(token.surface, 64).map((w) => analyzer.stem(w)))]
        .filter((t) => dfOf(t) > 0)
        .sort((a, b) => dfOf(b) - dfOf(a) || (a < b ? -1 : 1))
        .slice(0, opts.maxPrefixAlternatives);
      for (const term of completions) offer(term, opts.prefixWeight, 'prefix');
    }
    const alternatives: TermAlternative[] = [...best.values()].sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
    const relatedAlternatives = related && index < MAX_RELATED_WORDS && opts.relatedWeight > 0 && opts.maxRelatedAlternatives > 0 ? relatedOf(token.surface, 0, related, dfOf, table.numById.size, analyzer, opts, false) : [];
    const known = new Set(alternatives.map((a) => a.term));
    return { surface: token.surface, alternatives: [...alternatives, ...relatedAlternatives.filter((a) => !known.has(a.term)), ...acronym] };
  });
}

/**
 * Related alternatives of a query word whose exact term `wordDf` papers contain (0: unknown to the corpus): its
 * related words the corpus knows (only forms of the same root when `derivedOnly`), the first `maxRelatedAlternatives`
 * distinct terms. Each weighs `relatedWeight` times the ratio of the smaller to the larger informativeness of its term
 * and the word's own: meeting a word most papers use ("train" for "schools") says little about whether a paper covers
 * what the query meant, and a related word much rarer than the word itself ("neuron" for "neural") must not outscore
 * the word's own matches.
 */
function relatedOf(surface: string, wordDf: number, related: RelatedTerms, dfOf: (term: string) => number, papers: number, analyzer: KeywordAnalyzer, opts: MatchingOptions, derivedOnly: boolean): TermAlternative[] {
  const idf = (df: number) => Math.log(1 + (Math.max(papers, df) - df + 0.5) / (df + 0.5));
  const out = new Map<string, TermAlternative>();
  for (const { word, relation } of related(surface)) {
    if (out.size >= opts.maxRelatedAlternatives) break;
    if (!/^[a-z]+$/.test(word) || (derivedOnly && relation !== 'derived')) continue;
    const term = analyzer.stem(word);
    const df = dfOf(term);
    if (df === 0 || out.has(term)) continue;
    const [own, other] = [idf(wordDf), idf(df)];
    out.set(term, { term, weight: (opts.relatedWeight * Math.min(own, other)) / Math.max(own, other), kind: 'related' });
  }
  return [...out.values()];
}
