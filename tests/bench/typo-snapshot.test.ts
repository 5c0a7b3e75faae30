import { describe, expect, it } from 'vitest';
import { createTypoIndex } from '../../src/search/typo.js';

const WORDS = ['densely', 'dense', 'density', 'connected', 'network', 'networks', 'representations', 'prune', 'pruning'];

describe('TypoIndex.exportSnapshot / createTypoIndex(snapshot)', () => {
  it('restores an index with the same answers, which keeps accepting words', () => {
    const original = createTypoIndex();
    for (const w of WORDS) original.add(w);
    const restored = createTypoIndex(original.exportSnapshot());
    expect(restored.size).toBe(WORDS.length);
    for (const q of ['densly', 'netwrok', 'representashions', 'prunning']) expect(restored.fuzzy(q, 2)).toEqual(original.fuzzy(q, 2));
    expect(restored.withPrefix('pr', 10)).toEqual(['prune', 'pruning']);
    restored.add('prudent');
    expect(restored.withPrefix('pru', 10)).toEqual(['prudent', 'prune', 'pruning']);
    expect(restored.fuzzy('prudnet', 1)).toEqual([{ word: 'prudent', distance: 1 }]);
  });

  it('finds words added after the deletion keys were built, before and after the next build', () => {
    const index = createTypoIndex();
    for (let i = 0; i < 600; i++) index.add(`word${String(i).padStart(3, '0')}x`);
    expect(index.fuzzy('word123', 1)).toEqual([{ word: 'word123x', distance: 1 }]);
    index.add('latecomer');
    expect(index.fuzzy('latecomr', 1)).toEqual([{ word: 'latecomer', distance: 1 }]);
    for (let i = 0; i < 300; i++) index.add(`late${String(i).padStart(3, '0')}y`);
    expect(index.fuzzy('late042', 1)).toEqual([{ word: 'late042y', distance: 1 }]);
  });

  it('refuses an inconsistent snapshot', () => {
    const index = createTypoIndex();
    index.add('network');
    const snapshot = index.exportSnapshot();
    expect(() => createTypoIndex({ ...snapshot, sorted: new Uint32Array(0) })).toThrow(/inconsistent/);
  });
});
