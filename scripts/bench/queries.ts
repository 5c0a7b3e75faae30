/**
 * The benchmark's workload: search queries (the labelled evaluation queries plus queries typed from generated titles),
 * questions, paper references to summarise and pairs to compare. Deterministic for a corpus and seed.
 */
import type { Paper } from '../../src/corpus/types.js';
import { isContentWord } from './corpus.js';
import { createRandom, hashString, pick, randomInt, type Random } from '../../test-support/random.js';

/** What the benchmark runs against a corpus. */
export interface BenchWorkload {
  /** Search queries: keyword lists, typos, questions, paraphrases, words being typed. */
  searches: string[];
  /** Questions for /ask. */
  questions: string[];
  /** Paper references for /summarize paper: exact, lower-cased or partial titles. */
  references: string[];
  /** Two titles each, for /compare. */
  pairs: [string, string][];
  /** Partial titles as typed into autocomplete. */
  partials: string[];
}

/** Sizes of a workload. */
export interface WorkloadOptions {
  seed?: number;
  /** Queries typed from generated titles, added to the evaluation queries (default 40). */
  generatedSearches?: number;
  /** Default 20 each. */
  questions?: number;
  references?: number;
  pairs?: number;
  partials?: number;
}

/** A labelled evaluation query (eval/queries.*.json). */
export interface EvalQuery {
  query: string;
  kind: string;
}

/**
 * Builds the workload over `papers`. Evaluation queries come first (they use real-corpus words, whose document share
 * the generator keeps), then queries typed from titles of generated papers: two or three of its title words, with
 * a transposition typo in one query out of five and the last word cut short (still typing) in one out of six.
 */
export function buildWorkload(papers: readonly Paper[], evalQueries: readonly EvalQuery[], options: WorkloadOptions = {}): BenchWorkload {
  if (papers.length === 0) throw new RangeError('buildWorkload: the corpus has no paper');
  const random = createRandom(hashString(`workload:${options.seed ?? 1}`));
  const count = (n: number | undefined, fallback: number) => n ?? fallback;

  const searches = evalQueries.map((q) => q.query);
  for (let i = 0; i < count(options.generatedSearches, 40); i++) searches.push(typedQuery(random, pick(random, papers).title));

  const evalQuestions = evalQueries.filter((q) => q.kind === 'question').map((q) => q.query);
  const questions: string[] = [];
  for (let i = 0; i < count(options.questions, 20); i++) {
    if (i < evalQuestions.length) questions.push(evalQuestions[i]!);
    else questions.push(`which papers study ${titleWords(pick(random, papers).title).slice(0, 3).join(' ').toLowerCase()}?`);
  }

  // Titles that the terminal syntax of /compare ("a | b", "a vs b") would split are left out of pairs.
  const quotable = papers.filter((p) => !/\||\svs\.?\s/i.test(p.title));
  const references: string[] = [];
  for (let i = 0; i < count(options.references, 20); i++) {
    const title = pick(random, quotable).title;
    const style = i % 3;
    references.push(style === 0 ? title : style === 1 ? title.toLowerCase() : title.split(' ').slice(0, 6).join(' '));
  }
  const pairs: [string, string][] = [];
  for (let i = 0; i < count(options.pairs, 20); i++) {
    const a = pick(random, quotable);
    let b = pick(random, quotable);
    if (b.id === a.id && quotable.length > 1) b = quotable[(quotable.indexOf(a) + 1) % quotable.length]!;
    pairs.push([a.title, b.title]);
  }
  const partials: string[] = [];
  for (let i = 0; i < count(options.partials, 20); i++) {
    const title = pick(random, papers).title;
    partials.push(title.slice(0, randomInt(random, 1, Math.min(24, title.length))));
  }
  return { searches, questions, references, pairs, partials };
}

/** Content words of a title, in order ("Deep Residual Learning" → Deep, Residual, Learning). */
export function titleWords(title: string): string[] {
  return (title.match(/[A-Za-z]+/g) ?? []).filter((w) => isContentWord(w.toLowerCase()));
}

function typedQuery(random: Random, title: string): string {
  const words = titleWords(title).map((w) => w.toLowerCase());
  if (words.length === 0) return title.toLowerCase();
  const start = randomInt(random, 0, Math.max(0, words.length - 2));
  const picked = words.slice(start, start + randomInt(random, 2, 3));
  const roll = random();
  if (roll < 0.2) {
    // Swap two inner letters of the longest word: "network" → "netwrok".
    const longest = picked.reduce((a, b) => (b.length > a.length ? b : a));
    const i = randomInt(random, 1, longest.length - 3);
    picked[picked.indexOf(longest)] = longest.slice(0, i) + longest[i + 1] + longest[i] + longest.slice(i + 2);
  } else if (roll < 0.2 + 1 / 6) {
    const last = picked[picked.length - 1]!;
    picked[picked.length - 1] = last.slice(0, Math.max(3, Math.ceil(last.length / 2)));
  }
  return picked.join(' ');
}
