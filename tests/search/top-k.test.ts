import { describe, expect, it } from 'vitest';
import { createTopK } from '../../src/search/top-k.js';

describe('createTopK', () => {
  it('keeps the k best hits, best first', () => {
    const top = createTopK(3);
    for (const [id, score] of [['a', 1], ['b', 5], ['c', 3], ['d', 4], ['e', 2]] as const) top.push({ id, score });
    expect(top.sorted()).toEqual([
      { id: 'b', score: 5 },
      { id: 'd', score: 4 },
      { id: 'c', score: 3 },
    ]);
  });

  it('breaks score ties by id ascending, whatever the insertion order', () => {
    const top = createTopK(2);
    for (const id of ['c', 'a', 'd', 'b']) top.push({ id, score: 1 });
    expect(top.sorted().map((h) => h.id)).toEqual(['a', 'b']);
  });

  it('returns everything when fewer than k hits were pushed, and nothing for k = 0', () => {
    const top = createTopK(10);
    top.push({ id: 'x', score: 2 });
    expect(top.sorted()).toEqual([{ id: 'x', score: 2 }]);
    const none = createTopK(0);
    none.push({ id: 'x', score: 2 });
    expect(none.sorted()).toEqual([]);
  });

  it('agrees with a full sort on a larger input', () => {
    const hits = Array.from({ length: 200 }, (_, i) => ({ id: `d${String(i).padStart(3, '0')}`, score: (i * 37) % 23 }));
    const top = createTopK(15);
    for (const h of hits) top.push(h);
    const expected = [...hits].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, 15);
    expect(top.sorted()).toEqual(expected);
  });
});
