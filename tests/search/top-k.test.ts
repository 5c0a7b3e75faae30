import { describe, expect, it } from 'vitest';
import { createTopK } from '../../src/search/top-k.js';

const hits = (top: ReturnType<typeof createTopK<string>>) => top.sorted().map(({ item, score }) => ({ id: item, score }));

describe('createTopK', () => {
  it('keeps the k best items, best first', () => {
    const top = createTopK<string>(3);
    for (const [id, score] of [['a', 1], ['b', 5], ['c', 3], ['d', 4], ['e', 2]] as const) top.offer(id, score);
    expect(hits(top)).toEqual([
      { id: 'b', score: 5 },
      { id: 'd', score: 4 },
      { id: 'c', score: 3 },
    ]);
  });

  it('breaks score ties by id ascending, whatever the insertion order', () => {
    const top = createTopK<string>(2);
    for (const id of ['c', 'a', 'd', 'b']) top.offer(id, 1);
    expect(hits(top).map((h) => h.id)).toEqual(['a', 'b']);
  });

  it('breaks ties with the given order', () => {
    const names = ['zeta', 'alpha', 'mid'];
    const top = createTopK<number>(2, (a, b) => names[a]! < names[b]!);
    for (const slot of [0, 1, 2]) top.offer(slot, 7);
    expect(top.sorted().map((e) => e.item)).toEqual([1, 2]);
  });

  it('returns everything when fewer than k items were offered, and nothing for k = 0', () => {
    const top = createTopK<string>(10);
    top.offer('x', 2);
    expect(hits(top)).toEqual([{ id: 'x', score: 2 }]);
    const none = createTopK<string>(0);
    none.offer('x', 2);
    expect(hits(none)).toEqual([]);
  });

  it('reports the score to beat: −∞ until k items are kept, then the worst kept score', () => {
    const top = createTopK<string>(2);
    expect(top.threshold).toBe(Number.NEGATIVE_INFINITY);
    top.offer('a', 3);
    expect(top.threshold).toBe(Number.NEGATIVE_INFINITY);
    top.offer('b', 5);
    expect(top.threshold).toBe(3);
    top.offer('c', 4);
    expect(top.threshold).toBe(4);
    expect(top.size).toBe(2);
    expect(createTopK<string>(0).threshold).toBe(Number.POSITIVE_INFINITY);
  });

  it('ignores NaN scores', () => {
    const top = createTopK<string>(2);
    top.offer('a', Number.NaN);
    expect(top.size).toBe(0);
  });

  it('agrees with a full sort on a larger input', () => {
    const all = Array.from({ length: 200 }, (_, i) => ({ id: `d${String(i).padStart(3, '0')}`, score: (i * 37) % 23 }));
    const top = createTopK<string>(15);
    for (const h of all) top.offer(h.id, h.score);
    const expected = [...all].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, 15);
    expect(hits(top)).toEqual(expected);
  });
});
