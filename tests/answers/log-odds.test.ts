import { describe, expect, it } from 'vitest';
import { logOddsZ, sumCounts, total } from '../../src/answers/log-odds.js';

const m = (o: Record<string, number>) => new Map(Object.entries(o));

describe('total', () => {
  it('adds the counts', () => {
    expect(total(m({ a: 2, b: 3 }))).toBe(5);
    expect(total(new Map())).toBe(0);
  });
});

describe('sumCounts', () => {
  it('adds count maps word by word', () => {
    expect(sumCounts([m({ a: 1, b: 2 }), m({ b: 3, c: 1 })])).toEqual(m({ a: 1, b: 5, c: 1 }));
  });
});

describe('logOddsZ', () => {
  const prior = m({ network: 1000, graph: 50, hyperbolic: 2, the: 5000 });

  it('is positive for a word typical of a, negative for one typical of b, about zero when both use it alike', () => {
    const a = m({ hyperbolic: 6, network: 4 });
    const b = m({ graph: 6, network: 4 });
    const z = logOddsZ(a, b, prior);
    expect(z.get('hyperbolic')!).toBeGreaterThan(1);
    expect(Math.abs(z.get('network')!)).toBeLessThan(0.5);
    expect(logOddsZ(b, a, prior).get('graph')!).toBeGreaterThan(1);
    expect(z.has('graph')).toBe(false);
  });

  it('shrinks a single occurrence: one use of a word is less sure than several', () => {
    const z1 = logOddsZ(m({ hyperbolic: 1, network: 9 }), m({ network: 10 }), prior).get('hyperbolic')!;
    const z5 = logOddsZ(m({ hyperbolic: 5, network: 5 }), m({ network: 10 }), prior).get('hyperbolic')!;
    expect(z5).toBeGreaterThan(z1);
  });

  it('needs more evidence for a word the whole corpus uses (informative prior)', () => {
    const a = m({ network: 3, graph: 3, x: 4 });
    const b = m({ x: 10 });
    const z = logOddsZ(a, b, prior);
    expect(z.get('graph')!).toBeGreaterThan(z.get('network')!);
  });
});
