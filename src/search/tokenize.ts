/**
 * Text analysis shared by the keyword index and its queries, so both sides produce identical terms:
 * Unicode-normalised (NFKD, diacritics off), lower-cased, split on non-alphanumerics (with joined compounds and
 * camelCase parts kept as extra terms), English stop words removed, Porter-stemmed.
 */
import { stemmer } from 'stemmer';

/** One analysed word: its stemmed `term` and the normalised `surface` form it came from (used for typo lookup). */
export interface Token {
  term: string;
  surface: string;
}

// Function words that carry no topic in either documents or queries.
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and another any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each either etc few for from further had has have ' +
    'having he her here hers herself him himself his how however i ie eg if in into is it its itself just me might more ' +
    'most must my myself no nor not now of off on once only or other our ours ourselves out over own same she should so ' +
    'some such than that the their theirs them themselves then there these they this those through thus to too under ' +
    'until up upon us use used uses using very via was we were what when where whereas which while who whom whose why ' +
    'will with would yet you your yours yourself'
  ).split(' '),
);

// Words that only phrase a request ("which papers study X?", "explain Y"); dropped from natural-language queries.
const QUERY_FILLER: ReadonlySet<string> = new Set(
  (
    'anything approach approaches are article articles describe described describes discuss discussed discusses ' +
    'discussing do does explain explained explains find give help how i interested is know look looking ' +
    'looks me mention mentions paper papers propose proposed proposes publication publications research ' +
    'show something studied studies study studying suggest tell there topic topics what which who why work works ' +
    'write written any about regarding related relating concerning cover covers covering investigate investigates ' +
    'list please some happen happens happened'
  ).split(' '),
);

// A query is treated as natural language when it opens with one of these words or ends with "?".
const QUESTION_OPENERS: ReadonlySet<string> = new Set(
  (
    'which what who whom how why when where is are was were do does did can could should would will has have any ' +
    'explain tell show find list give describe summarize summarise i me please looking search papers paper'
  ).split(' '),
);

const MIN_LENGTH = 2;
const MAX_LENGTH = 40;
// Compounds of more parts ("narrow-wide-narrow-...") are rarely typed joined; keep the index small.
const MAX_COMPOUND_PARTS = 3;

/** NFKD, combining marks removed, lower-cased. */
export function normalizeText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Porter stem of an already normalised word. Numbers and mixed alphanumerics ("resnet50") are kept as they are. */
export function stemWord(word: string): string {
  return /^[a-z]+$/.test(word) ? stemmer(word) : word;
}

/**
 * Terms of a document text, in order, duplicates kept (term frequency matters).
 * "Super-Resolution" → super, resolut, superresolut; "ResNet-50" → resnet, re(s), net, 50, resnet50 (parts under two
 * characters dropped); stop words removed.
 */
export function tokenize(text: string): string[] {
  return analyze(text).map((t) => t.term);
}

/** Like {@link tokenize}, keeping each term's surface form. */
export function analyze(text: string): Token[] {
  return analyzeWith(text, STOP_WORDS);
}

/**
 * Terms of a search query. Besides stop words, request phrasing ("which papers study", "are there any papers about",
 * "explain", "what is") is dropped when the query reads as a question or request; if that would leave nothing, the
 * filler words are kept. Duplicates are removed, first occurrence kept.
 */
export function tokenizeQuery(text: string): string[] {
  return analyzeQuery(text).map((t) => t.term);
}

/** Like {@link tokenizeQuery}, keeping each term's surface form. */
export function analyzeQuery(text: string): Token[] {
  const natural = isNaturalLanguage(text);
  let tokens = natural ? analyzeWith(text, STOP_WORDS, QUERY_FILLER) : analyzeWith(text, STOP_WORDS);
  if (tokens.length === 0 && natural) tokens = analyzeWith(text, STOP_WORDS);
  const seen = new Set<string>();
  return tokens.filter((t) => (seen.has(t.term) ? false : (seen.add(t.term), true)));
}

/** True when the query reads as a question or request rather than a list of keywords. */
export function isNaturalLanguage(text: string): boolean {
  if (/\?\s*$/.test(text)) return true;
  const first = normalizeText(text).match(/[\p{L}\p{N}]+/u)?.[0];
  return first !== undefined && QUESTION_OPENERS.has(first);
}

function analyzeWith(text: string, stop: ReadonlySet<string>, filler?: ReadonlySet<string>): Token[] {
  const out: Token[] = [];
  const dropped = (word: string) => stop.has(word) || (filler?.has(word) ?? false);
  const push = (surface: string) => {
    if (surface.length < MIN_LENGTH || dropped(surface)) return;
    const cut = surface.length > MAX_LENGTH ? surface.slice(0, MAX_LENGTH) : surface;
    out.push({ term: stemWord(cut), surface: cut });
  };
  // Possessive "'s" would otherwise leave a stray "s"; apostrophes inside words (don't) are simply removed.
  const prepared = text.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/['’]s\b/gu, '').replace(/['’]/gu, '');
  // A chunk is a run of letters/digits possibly joined by "-", "/" or "." (super-resolution, CNN/Daily, v2.0).
  for (const chunk of prepared.match(/[\p{L}\p{N}]+(?:[-/.][\p{L}\p{N}]+)*/gu) ?? []) {
    const rawParts = chunk.split(/[-/.]/);
    const parts = rawParts.map((p) => p.toLowerCase());
    for (let i = 0; i < rawParts.length; i++) {
      const raw = rawParts[i]!;
      const part = parts[i]!;
      push(part);
      for (const sub of splitCamelCase(raw)) if (sub !== part) push(sub);
    }
    if (parts.length > 1 && parts.length <= MAX_COMPOUND_PARTS && !parts.every((p) => /^\d+$/.test(p))) {
      const joined = parts.join('');
      // The joined form is kept even when a part is a stop word ("state-of-the-art" → stateoftheart).
      if (joined.length >= MIN_LENGTH && !dropped(joined)) push(joined);
    }
  }
  return out;
}

/**
 * Lower-cased camelCase parts of a word with internal capitals: "LazyGNN" → lazy, gnn; "NASRec" → nas, rec;
 * "ResNet" → res, net. Acronym plurals stay whole ("CNNs"), and a word without inner capitals yields nothing.
 */
export function splitCamelCase(word: string): string[] {
  // Fast path for the common case: a plain lower-case or capitalised ASCII word.
  if (/^[A-Za-z]?[a-z]*$/.test(word)) return [];
  if (!/\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll}{2,}|\p{L}\p{N}|\p{N}\p{L}/u.test(word)) return [];
  const parts = word
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll}{2,})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .split(' ')
    .map((p) => p.toLowerCase());
  return parts.length > 1 ? parts : [];
}
