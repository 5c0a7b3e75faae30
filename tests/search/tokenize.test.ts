import { describe, expect, it } from 'vitest';
import { analyze, analyzeQuery, isNaturalLanguage, normalizeText, splitCamelCase, stemWord, tokenize, tokenizeQuery } from '../../src/search/tokenize.js';

describe('normalizeText', () => {
  it('removes diacritics and lower-cases', () => {
    expect(normalizeText('Poincaré Ünïcödé')).toBe('poincare unicode');
  });
});

describe('stemWord', () => {
  it('Porter-stems plain words and leaves numbers and alphanumerics alone', () => {
    expect(stemWord('networks')).toBe('network');
    expect(stemWord('pruning')).toBe('prune');
    expect(stemWord('resnet50')).toBe('resnet50');
    expect(stemWord('2014')).toBe('2014');
  });
});

describe('tokenize', () => {
  it('drops stop words and stems', () => {
    expect(tokenize('The pruning of the networks')).toEqual(['prune', 'network']);
  });

  it('folds diacritics so accented and plain spellings agree', () => {
    expect(tokenize('Poincaré ResNet')[0]).toBe(tokenize('poincare')[0]);
  });

  it('keeps hyphenated compounds as parts and joined', () => {
    expect(tokenize('super-resolution')).toEqual(['super', 'resolut', 'superresolut']);
  });

  it('splits ResNet-50 into sensible parts and keeps the joined model name', () => {
    const terms = tokenize('ResNet-50');
    expect(terms).toContain('resnet');
    expect(terms).toContain('50');
    expect(terms).toContain('resnet50');
    expect(terms).toContain('net');
  });

  it('splits camelCase names but not acronym plurals', () => {
    expect(tokenize('LazyGNN')).toEqual(['lazygnn', 'lazi', 'gnn']);
    expect(tokenize('CNNs')).toEqual(['cnn']);
  });

  it('drops the possessive and single characters, keeps duplicates for term frequency', () => {
    expect(tokenize("Brenier's theorem a b theorem")).toEqual(['brenier', 'theorem', 'theorem']);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' -- ?! ')).toEqual([]);
  });
});

describe('analyze', () => {
  it('keeps the unstemmed surface form of each term', () => {
    expect(analyze('Densely connected')).toEqual([
      { term: 'dens', surface: 'densely' },
      { term: 'connect', surface: 'connected' },
    ]);
  });
});

describe('isNaturalLanguage', () => {
  it('recognises questions and requests, not keyword lists', () => {
    expect(isNaturalLanguage('which papers study pruning')).toBe(true);
    expect(isNaturalLanguage('network pruning?')).toBe(true);
    expect(isNaturalLanguage('Explain dropout')).toBe(true);
    expect(isNaturalLanguage('network pruning study')).toBe(false);
  });
});

describe('tokenizeQuery', () => {
  it('removes question and request words', () => {
    expect(tokenizeQuery('which papers study network pruning?')).toEqual(['network', 'prune']);
    expect(tokenizeQuery('are there any papers about recommender systems?')).toEqual(['recommend', 'system']);
    expect(tokenizeQuery('what is grokking?')).toEqual(['grok']);
    expect(tokenizeQuery('explain deeply supervised networks')).toEqual(['deepli', 'supervis', 'network']);
    expect(tokenizeQuery('how do wide networks compare to deep networks?')).toEqual(['wide', 'network', 'compar', 'deep']);
  });

  it('keeps filler words in a keyword query, where they may be the topic', () => {
    expect(tokenizeQuery('empirical study')).toEqual(['empir', 'studi']);
  });

  it('keeps filler words when they are all the question has', () => {
    expect(tokenizeQuery('which papers?')).toEqual(['paper']);
  });

  it('removes duplicate terms', () => {
    expect(tokenizeQuery('network in network')).toEqual(['network']);
  });
});

describe('analyzeQuery', () => {
  it('reports surfaces of the kept words', () => {
    expect(analyzeQuery('what is grokking?')).toEqual([{ term: 'grok', surface: 'grokking' }]);
  });
});

describe('splitCamelCase', () => {
  it('splits at case changes and letter/digit boundaries', () => {
    expect(splitCamelCase('NASRec')).toEqual(['nas', 'rec']);
    expect(splitCamelCase('ResNet')).toEqual(['res', 'net']);
    expect(splitCamelCase('GPT4')).toEqual(['gpt', '4']);
  });

  it('returns nothing for plain words and acronym plurals', () => {
    expect(splitCamelCase('network')).toEqual([]);
    expect(splitCamelCase('GNNs')).toEqual([]);
  });
});
