import { describe, expect, it } from 'vitest';
import { createTypoIndex } from '../../../src/search/typo.js';
import { defaultAnalyzer } from '../../../src/search/keyword/analysis.js';
import { appendDocument, createDocumentTable } from '../../../src/search/keyword/documents.js';
import { createAcronymLexicon, matchQuery } from '../../../src/search/keyword/matching.js';

const OPTIONS = { fuzzyWeight1: 0.8, fuzzyWeight2: 0.6, prefixWeight: 0.7, acronymWeight: 0.8, maxFuzzyAlternatives: 3, maxPrefixAlternatives: 5, relatedWeight: 0.6, maxRelatedAlternatives: 3 };

describe('createAcronymLexicon', () => {
  it('answers the long form most documents define, ties alphabetical, and forgets withdrawn definitions', () => {
    const lexicon = createAcronymLexicon();
    const rl = (...longForm: string[]) => ({ acronym: 'rl', longForm });
    lexicon.count([rl('reinforc', 'learn')], 1);
    lexicon.count([rl('represent', 'learn')], 1);
    expect(lexicon.longFormOf('rl')).toBe('reinforc learn');
    lexicon.count([rl('represent', 'learn')], 1);
    expect(lexicon.longFormOf('rl')).toBe('represent learn');
    lexicon.count([rl('represent', 'learn'), rl('represent', 'learn'), rl('reinforc', 'learn')], -1);
    expect(lexicon.longFormOf('rl')).toBeUndefined();
  });
});

describe('matchQuery', () => {
  const table = createDocumentTable();
  const typos = createTypoIndex();
  for (const [id, words] of [['a', ['pruning', 'networks']], ['b', ['attention', 'network']]] as const) {
    const tokens = defaultAnalyzer.analyze(words.join(' '));
    for (const t of tokens) typos.add(t.surface);
    appendDocument(table, id, tokens.map((t) => t.term), []);
  }
  const acronyms = createAcronymLexicon();
  acronyms.count([{ acronym: 'pn', longForm: ['prune', 'network'] }], 1);
  const context = { table, typos, acronyms, analyzer: defaultAnalyzer, options: OPTIONS };

  it('matches known words exactly, with the learnt long form of an acronym', () => {
    expect(matchQuery('network', context)).toEqual([{ surface: 'network', alternatives: [{ term: 'network', weight: 1, kind: 'exact' }] }]);
    expect(matchQuery('PN ', context)[0]!.alternatives).toEqual([{ term: 'prune network', weight: 0.8, kind: 'acronym' }]);
  });

  it('corrects an unknown word within its edit budget, and completes a last word being typed', () => {
    expect(matchQuery('prunning ', context)[0]!.alternatives).toEqual([{ term: 'prune', weight: 0.8, kind: 'fuzzy' }]);
    expect(matchQuery('atten', context)[0]!.alternatives).toEqual([{ term: 'attent', weight: 0.7, kind: 'prefix' }]);
    expect(matchQuery('atten ', context)[0]!.alternatives).toEqual([]);
  });

  it('meets an unknown word through related corpus words, weighted by how informative they are', () => {
    const table2 = createDocumentTable();
    const typos2 = createTypoIndex();
    // "photo" in one paper of four, "train" in all four, "geometr" (geometric) in one.
    const docs = [['photo', 'train'], ['train', 'geometric'], ['train'], ['train']];
    docs.forEach((words, i) => {
      const tokens = defaultAnalyzer.analyze(words.join(' '));
      for (const t of tokens) typos2.add(t.surface);
      appendDocument(table2, `d${i}`, tokens.map((t) => t.term), []);
    });
    const lexicon: Record<string, { word: string; relation: 'synonym' | 'derived' }[]> = {
      photographs: [{ word: 'photo', relation: 'synonym' }, { word: 'pizza', relation: 'synonym' }],
      schools: [{ word: 'train', relation: 'synonym' }],
      train: [{ word: 'photo', relation: 'synonym' }, { word: 'geometric', relation: 'derived' }],
    };
    const related = (word: string) => lexicon[word] ?? [];
    const ctx = { table: table2, typos: typos2, acronyms: createAcronymLexicon(), analyzer: defaultAnalyzer, options: OPTIONS, related };
    const idf = (df: number) => Math.log(1 + (4 - df + 0.5) / (df + 0.5));

    const [photographs] = matchQuery('photographs ', ctx);
    expect(photographs!.alternatives).toEqual([{ term: 'photo', weight: expect.closeTo((0.6 * idf(1)) / idf(0), 10), kind: 'related' }]);
    // A related word every paper uses says little: it weighs far less.
    const [schools] = matchQuery('schools ', ctx);
    expect(schools!.alternatives[0]!.weight).toBeLessThan(0.1 * photographs!.alternatives[0]!.weight);
    // A known word meets only forms of its own root, never synonyms.
    const [train] = matchQuery('train ', ctx);
    expect(train!.alternatives.map((a) => [a.term, a.kind])).toEqual([
      ['train', 'exact'],
      ['geometr', 'related'],
    ]);
    // Without a lexicon, or with the weight at 0, nothing is added.
    expect(matchQuery('photographs ', { ...ctx, related: undefined })[0]!.alternatives).toEqual([]);
    expect(matchQuery('photographs ', { ...ctx, options: { ...OPTIONS, relatedWeight: 0 } })[0]!.alternatives).toEqual([]);
  });

  it('looks related words up for the first 32 words of a long query only', () => {
    const asked: string[] = [];
    const related = (word: string) => (asked.push(word), []);
    const words = Array.from({ length: 40 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
    expect(matchQuery(words.join(' '), { ...context, related })).toHaveLength(40);
    expect(asked).toHaveLength(32);
  });
});
