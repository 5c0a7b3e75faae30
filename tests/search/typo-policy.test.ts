import { describe, expect, it } from 'vitest';
import { commonWords, correctionBudget, isCommonWord, isPlausibleCorrection, isSameWordForm, isTransposition, mayComplete } from '../../src/search/typo-policy.js';

const common = new Set(['rome', 'bold', 'pizza', 'network']);

describe('commonWords', () => {
  it('holds everyday English words, lower-cased, and not misspellings', () => {
    const words = commonWords();
    for (const w of ['pizza', 'rome', 'bold', 'recipe']) expect(words.has(w)).toBe(true);
    for (const w of ['netwrok', 'distilation', 'knowlege', 'densly']) expect(words.has(w)).toBe(false);
  });
});

describe('isCommonWord', () => {
  it('looks the word up in the given list', () => {
    expect(isCommonWord('rome', common)).toBe(true);
    expect(isCommonWord('netwrok', common)).toBe(false);
  });
});

describe('correctionBudget', () => {
  it('allows no correction of a word under four letters or with digits', () => {
    expect(correctionBudget('gnm')).toBe(0);
    expect(correctionBudget('res50')).toBe(0);
  });

  it('allows one edit up to seven letters and two from eight', () => {
    expect(correctionBudget('rome')).toBe(1);
    expect(correctionBudget('netwrok')).toBe(1);
    expect(correctionBudget('distilation')).toBe(2);
  });
});

describe('isPlausibleCorrection', () => {
  it('never corrects a common word into another ("rome" → "role", "bold" → "hold"), only into its own forms', () => {
    expect(isPlausibleCorrection('rome', 'role', 1, common)).toBe(false);
    expect(isPlausibleCorrection('bold', 'hold', 1, common)).toBe(false);
    const withVerb = new Set([...common, 'diagnosing']);
    expect(isPlausibleCorrection('diagnosing', 'diagnosis', 2, withVerb)).toBe(true);
    expect(isPlausibleCorrection('diagnosing', 'diagnostic', 2, withVerb)).toBe(true);
  });

  it('for a short word, accepts an insertion, deletion or transposition that keeps the first letter', () => {
    expect(isPlausibleCorrection('hnts', 'hints', 1, common)).toBe(true);
    expect(isPlausibleCorrection('gpus', 'gpu', 1, common)).toBe(true);
    expect(isPlausibleCorrection('ntes', 'nets', 1, common)).toBe(true);
    expect(isPlausibleCorrection('zole', 'role', 1, common)).toBe(false);
    expect(isPlausibleCorrection('xole', 'xolt', 1, common)).toBe(false);
    expect(isPlausibleCorrection('hnts', 'ants', 1, common)).toBe(false);
  });

  it('for a longer word, accepts any edit within the budget', () => {
    expect(isPlausibleCorrection('noize', 'noise', 1, common)).toBe(true);
    expect(isPlausibleCorrection('netwrok', 'network', 1, common)).toBe(true);
    expect(isPlausibleCorrection('netwrok', 'nework', 2, common)).toBe(false);
    expect(isPlausibleCorrection('distilation', 'distillation', 1, common)).toBe(true);
  });
});

describe('isSameWordForm', () => {
  it('needs a long shared beginning', () => {
    expect(isSameWordForm('recognising', 'recognizing')).toBe(true);
    expect(isSameWordForm('rome', 'role')).toBe(false);
    expect(isSameWordForm('network', 'netflix')).toBe(false);
  });
});

describe('mayComplete', () => {
  it('completes an unknown partial word but not a common word', () => {
    expect(mayComplete('netw', common)).toBe(true);
    expect(mayComplete('pizza', common)).toBe(false);
    expect(mayComplete('ne', common)).toBe(false);
  });
});

describe('isTransposition', () => {
  it('is true only for two swapped neighbours', () => {
    expect(isTransposition('ntes', 'nets')).toBe(true);
    expect(isTransposition('nets', 'nets')).toBe(false);
    expect(isTransposition('abcd', 'badc')).toBe(false);
    expect(isTransposition('abc', 'abcd')).toBe(false);
  });
});
