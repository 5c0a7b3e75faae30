import { describe, expect, it } from 'vitest';
import { coveredShare, informativeness, judgeCoverage, requiredWeightCap, wordWeights } from '../../src/search/coverage.js';
import type { QueryTermMatch } from '../../src/search/keyword-index.js';

const exact = (term: string): QueryTermMatch => ({ surface: term, alternatives: [{ term, weight: 1, kind: 'exact' }] });
const unknown = (surface: string): QueryTermMatch => ({ surface, alternatives: [] });
const paper = (...terms: string[]) => {
  const set = new Set(terms);
  return { has: (t: string) => set.has(t) };
};

describe('informativeness', () => {
  it('is highest for a word no paper uses and falls as more papers use it', () => {
    expect(informativeness(0, 100)).toBeCloseTo(Math.log(1 + 100.5 / 0.5));
    expect(informativeness(1, 100)).toBeGreaterThan(informativeness(50, 100));
    expect(informativeness(100, 100)).toBeCloseTo(Math.log(1 + 0.5 / 100.5));
  });
});

describe('wordWeights', () => {
  it('weighs a word by its exact term, and a word without one as unknown', () => {
    const df: Record<string, number> = { network: 90, lotteri: 2 };
    const weights = wordWeights([exact('network'), exact('lotteri'), unknown('pizza')], (t) => df[t] ?? 0, 100);
    expect(weights[0]).toBeCloseTo(informativeness(90, 100));
    expect(weights[1]).toBeCloseTo(informativeness(2, 100));
    expect(weights[2]).toBeCloseTo(informativeness(0, 100));
  });
});

describe('coveredShare', () => {
  it('is the matched share of the informative weight', () => {
    expect(coveredShare([exact('a'), exact('b')], [1, 3], paper('b'))).toBeCloseTo(0.75);
    expect(coveredShare([exact('a'), exact('b')], [1, 3], paper('a', 'b'))).toBe(1);
    expect(coveredShare([], [], paper('a'))).toBe(0);
  });

  it('counts a typo alternative at its weight and an acronym only when the paper holds its whole long form', () => {
    const typo: QueryTermMatch = { surface: 'netwrok', alternatives: [{ term: 'network', weight: 0.8, kind: 'fuzzy' }] };
    expect(coveredShare([typo], [2], paper('network'))).toBeCloseTo(0.8);
    const gnn: QueryTermMatch = { surface: 'gnn', alternatives: [{ term: 'graph neural network', weight: 0.8, kind: 'acronym' }] };
    expect(coveredShare([gnn], [2], paper('graph', 'neural', 'network'))).toBeCloseTo(0.8);
    expect(coveredShare([gnn], [2], paper('graph', 'network'))).toBe(0);
  });
});

describe('requiredWeightCap', () => {
  it('is a number of unknown words\' worth of informativeness', () => {
    expect(requiredWeightCap(100, 2)).toBeCloseTo(2 * informativeness(0, 100));
    expect(requiredWeightCap(100, 1)).toBeLessThan(requiredWeightCap(1000, 1));
  });
});

describe('coveredShare with a cap', () => {
  // A long paraphrase: two rare corpus words matched, three words the corpus never uses.
  const words = [exact('street'), exact('imageri'), unknown('house'), unknown('photos'), unknown('reading')];
  const weights = [informativeness(1, 100), informativeness(1, 100), ...[0, 0, 0].map((df) => informativeness(df, 100))];

  it('asks a long query to match only up to the cap', () => {
    const uncapped = coveredShare(words, weights, paper('street', 'imageri'));
    expect(uncapped).toBeLessThan(0.5);
    const cap = requiredWeightCap(100, 2);
    expect(coveredShare(words, weights, paper('street', 'imageri'), cap)).toBeCloseTo((2 * informativeness(1, 100)) / cap);
    expect(judgeCoverage(words, weights, paper('street', 'imageri'), 0.58, cap).covered).toBe(true);
    expect(judgeCoverage(words, weights, paper('street', 'imageri'), 0.58).covered).toBe(false);
  });

  it('leaves a short query, below the cap, judged on its whole weight', () => {
    const short = [exact('lotteri'), unknown('scams')];
    const w = [informativeness(2, 100), informativeness(0, 100)];
    const cap = requiredWeightCap(100, 2);
    expect(coveredShare(short, w, paper('lotteri'), cap)).toBeCloseTo(coveredShare(short, w, paper('lotteri')));
    expect(judgeCoverage(short, w, paper('lotteri'), 0.58, cap).covered).toBe(false);
  });

  it('never exceeds 1', () => {
    expect(coveredShare([exact('a'), exact('b')], [3, 3], paper('a', 'b'), 1)).toBe(1);
  });
});

describe('judgeCoverage', () => {
  // "deep sea fishing": one frequent corpus word matched, two words the corpus does not know.
  const words = [exact('deep'), unknown('sea'), unknown('fishing')];
  const weights = [informativeness(80, 100), informativeness(0, 100), informativeness(0, 100)];

  it('does not count one frequent word as coverage', () => {
    expect(judgeCoverage(words, weights, paper('deep', 'network')).covered).toBe(false);
  });

  it('covers a query whose informative words the paper matches, even with a frequent word missing', () => {
    const q = [exact('lotteri'), exact('ticket'), exact('network')];
    const w = [informativeness(2, 100), informativeness(3, 100), informativeness(90, 100)];
    expect(judgeCoverage(q, w, paper('lotteri', 'ticket')).covered).toBe(true);
    expect(judgeCoverage(q, w, paper('network')).covered).toBe(false);
  });

  it('never covers an empty query', () => {
    expect(judgeCoverage([], [], paper('a')).covered).toBe(false);
  });
});
