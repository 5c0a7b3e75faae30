/**
 * Deterministic synthetic corpora for the benchmark, recombined from the real corpus so that sentence structure,
 * title style and the words users actually search for stay realistic.
 *
 * Each generated paper has a "base" source paper (uniform draw). Its abstract takes 6–10 sentences: mostly the base
 * paper's sentences in order, sometimes a sentence of another paper. In every sentence (and in the title) each content
 * word is, with probability `substitution`, replaced by a drawn word: a real corpus word with probability ∝ its corpus
 * frequency, or (with probability `syntheticShare`) a synthetic pseudo-word ("kotira", "bemanet") from a Zipf tail
 * that continues the real words' ranks. Every paper also gets one to three "topic words" of its own from that tail
 * (a method name, a dataset), repeated in its title and abstract as real papers repeat their key terms.
 *
 * Vocabulary skew: common words stay common, and the number of distinct words keeps growing with the corpus (Heaps'
 * law) because the Zipf tail is long. A query word from the real corpus keeps roughly its real document share
 * (e.g. "lottery" in about 1% of the papers, as in the 119-paper corpus), which is pessimistic for rare terms: at
 * 100k real abstracts such a word would be rarer. Titles are unique (normalised), so no paper is merged away.
 */
import { normalizeTitle } from '../../src/corpus/ids.js';
import { splitSentences } from '../../src/text/sentences.js';
import type { Paper } from '../../src/corpus/types.js';
import { createRandom, createWeightedSampler, hashString, pick, randomInt, type Random } from '../../test-support/random.js';

/** Options of {@link generateCorpus}. */
export interface BenchCorpusOptions {
  /** Number of papers. */
  size: number;
  /** Seed of every draw (default 1). Paper i does not depend on `size`: smaller corpora are prefixes of larger ones. */
  seed?: number;
  /** Probability that a content word of a source sentence or title is replaced by a drawn word (default 0.3). */
  substitution?: number;
  /** Share of drawn words that are synthetic (the rare tail) rather than real corpus words (default 0.1). */
  syntheticShare?: number;
  /** Number of synthetic words the tail can draw from (default 400000). */
  syntheticWords?: number;
  /** Zipf exponent of the tail, which continues the real words' ranks (default 1). */
  zipfExponent?: number;
}

/** The source material: sentences and titles of the real corpus, and its content words ranked by frequency. */
export interface SourceModel {
  papers: { title: string; sentences: string[] }[];
  /** Real content words, most frequent first (ties alphabetical). */
  rankedWords: string[];
  /** Occurrences of each ranked word in the source. */
  rankedCounts: number[];
}

const DEFAULTS = { seed: 1, substitution: 0.3, syntheticShare: 0.1, syntheticWords: 400_000, zipfExponent: 1 };
const MIN_SENTENCES = 6;
const MAX_SENTENCES = 10;
// Probability that the next sentence comes from the base paper (else from a random other paper).
const BASE_SENTENCE = 0.75;
// Probability that a substituted word is one of the paper's own topic words rather than a fresh draw.
const TOPIC_WORD = 0.15;
const TITLE_TOPIC_WORD = 0.5;
const MAX_TITLE_ATTEMPTS = 20;

// Function words of four letters or more: never substituted, so sentences keep their grammar.
const FUNCTION_WORDS = new Set(
  ('that this with from which these their there have been were than also into over such when where while both each ' +
    'only other some they them then thus very what will would about after again being between could does doing ' +
    'during further here however itself more most much must should through under until upon whereas whom whose your ' +
    'well even many same show shows shown based first while across without within among using used uses').split(' '),
);
// A content word: lower-case letters only (capitalised words, acronyms, numbers and symbols are kept as they are).
const CONTENT_WORD = /^[a-z]{4,}$/;
const WORD = /[A-Za-z]+/g;

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';
const ENDINGS = ['', '', '', '', 'net', 'former', 'ization', 'gan', 'ic', 'al', 'ing', 'ers'];

/** Splits the source papers into sentences and ranks their content words by frequency. */
export function analyseSource(source: readonly Pick<Paper, 'title' | 'abstract'>[]): SourceModel {
  if (source.length === 0) throw new RangeError('analyseSource: the source corpus has no paper');
  const counts = new Map<string, number>();
  const count = (text: string) => {
    for (const word of text.match(WORD) ?? []) {
      const lower = word.toLowerCase();
      if (isContentWord(lower)) counts.set(lower, (counts.get(lower) ?? 0) + 1);
    }
  };
  const papers = source.map((p) => {
    const sentences = splitSentences(p.abstract).map((s) => s.text);
    count(p.title);
    for (const s of sentences) count(s);
    return { title: p.title, sentences: sentences.length > 0 ? sentences : [p.abstract] };
  });
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { papers, rankedWords: ranked.map(([w]) => w), rankedCounts: ranked.map(([, c]) => c) };
}

/** True for a word that may be replaced: lower-case letters, four or more, not a function word. */
export function isContentWord(word: string): boolean {
  return CONTENT_WORD.test(word) && !FUNCTION_WORDS.has(word);
}

/** True when the word at `offset` is joined to a neighbour by a hyphen or slash. */
function isCompoundPart(text: string, offset: number, length: number): boolean {
  const before = text[offset - 1];
  const after = text[offset + length];
  return before === '-' || before === '/' || after === '-' || after === '/';
}

/** True for a capitalised content word ("Residual"), as in title case. */
export function isTitleCaseWord(word: string): boolean {
  return /^[A-Z][a-z]{3,}$/.test(word) && isContentWord(word.toLowerCase());
}

/**
 * A pronounceable pseudo-word for a rank beyond the real vocabulary; distinct ranks give distinct words
 * (consonant-vowel syllables encode the number, an ending is chosen by hash).
 */
export function syntheticWord(n: number): string {
  let syllables = '';
  let rest = n;
  const base = CONSONANTS.length * VOWELS.length;
  let count = 2;
  // Two syllables cover the first base² numbers, three the next base³, and so on.
  for (let span = base * base; rest >= span; span *= base) {
    rest -= span;
    count++;
  }
  for (let i = 0; i < count; i++) {
    const digit = rest % base;
    rest = Math.floor(rest / base);
    syllables += CONSONANTS[Math.floor(digit / VOWELS.length)]! + VOWELS[digit % VOWELS.length]!;
  }
  return syllables + ENDINGS[hashString(`ending:${n}`) % ENDINGS.length]!;
}

/** Generates `options.size` papers from the source (see the module comment). Pure and deterministic. */
export function generateCorpus(source: SourceModel, options: BenchCorpusOptions): Paper[] {
  const { seed, substitution, syntheticShare, syntheticWords, zipfExponent } = { ...DEFAULTS, ...options };
  if (!Number.isInteger(options.size) || options.size < 0) throw new RangeError(`generateCorpus: size must be a whole number ≥ 0, got ${options.size}`);
  for (const [name, value] of [['substitution', substitution], ['syntheticShare', syntheticShare]] as const) {
    if (!(value >= 0 && value <= 1)) throw new RangeError(`generateCorpus: ${name} must be in [0, 1], got ${value}`);
  }
  const realWords = source.rankedWords;
  const real = createWeightedSampler(source.rankedCounts);
  // The tail continues the Zipf curve after the last real rank.
  const tail = createWeightedSampler(Float64Array.from({ length: syntheticWords }, (_, j) => 1 / Math.pow(realWords.length + j + 1, zipfExponent)));
  const synthetic = new Map<number, string>();
  const tailWord = (random: Random): string => {
    const j = tail.sample(random);
    let word = synthetic.get(j);
    if (word === undefined) synthetic.set(j, (word = syntheticWord(j)));
    return word;
  };
  const titles = new Set<string>();
  const papers: Paper[] = [];
  for (let i = 0; i < options.size; i++) {
    const random = createRandom(hashString(`paper:${seed}:${i}`));
    const base = pick(random, source.papers);
    const topic = Array.from({ length: randomInt(random, 1, 3) }, () => tailWord(random));
    const draw = (topicShare: number): string => {
      const r = random();
      if (r < topicShare) return pick(random, topic);
      return random() < syntheticShare ? tailWord(random) : realWords[real.sample(random)]!;
    };
    const rewrite = (text: string, topicShare: number) =>
      text.replace(WORD, (word: string, offset: number) => {
        // Parts of compounds ("super-resolution") stay: a new part would coin a compound no corpus has.
        if (isCompoundPart(text, offset, word.length)) return word;
        if (isContentWord(word)) return random() < substitution ? draw(topicShare) : word;
        // Title case ("Deep Residual Learning"): the word is replaced in title case.
        if (isTitleCaseWord(word)) return random() < substitution ? capitalise(draw(topicShare)) : word;
        return word;
      });

    const sentences: string[] = [];
    const length = randomInt(random, MIN_SENTENCES, MAX_SENTENCES);
    let next = 0;
    while (sentences.length < length) {
      const fromBase = next < base.sentences.length && (sentences.length === 0 || random() < BASE_SENTENCE);
      const sentence = fromBase ? base.sentences[next++]! : pick(random, pick(random, source.papers).sentences);
      sentences.push(rewrite(sentence, TOPIC_WORD));
    }

    let title = '';
    for (let attempt = 0; attempt < MAX_TITLE_ATTEMPTS; attempt++) {
      title = capitalise(rewrite(base.title, TITLE_TOPIC_WORD));
      if (!titles.has(normalizeTitle(title))) break;
    }
    // Still taken after every attempt (a title without content words): name the topic to make it unique.
    while (titles.has(normalizeTitle(title))) title = `${title}: ${capitalise(tailWord(random))}`;
    titles.add(normalizeTitle(title));

    papers.push(makePaper(i, title, sentences.join(' '), random));
  }
  return papers;
}

/** A synthetic arXiv id per index: 120 months from 2015, five-digit numbers within the month. */
export function syntheticArxivId(index: number): string {
  const month = index % 120;
  const number = Math.floor(index / 120) + 1;
  const yy = 15 + Math.floor(month / 12);
  const mm = (month % 12) + 1;
  return `${yy}${String(mm).padStart(2, '0')}.${String(number).padStart(5, '0')}`;
}

function makePaper(index: number, title: string, abstract: string, random: Random): Paper {
  const arxivId = syntheticArxivId(index);
  const [yymm] = arxivId.split('.');
  const day = randomInt(random, 1, 28);
  return {
    id: arxivId,
    arxivId,
    title,
    abstract,
    authors: [],
    url: `https://arxiv.org/abs/${arxivId}`,
    publishedAt: `20${yymm!.slice(0, 2)}-${yymm!.slice(2)}-${String(day).padStart(2, '0')}`,
    // Log-uniform upvotes: a few popular papers, many with a handful.
    upvotes: Math.floor(Math.exp(random() * 7)),
    source: `bench#${index + 1}`,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

