import { describe, expect, it } from 'vitest';
import { createRandom, createWeightedSampler, hashString, pick, randomInt, zipfWeights } from '../../test-support/random.js';

/** A "random" source replaying fixed numbers, to check inverse-CDF draws by hand. */
const replay = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

describe('hashString', () => {
  it('is the 32-bit FNV-1a hash', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });
});

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(createRandom(8)()).not.toBe(first[0]);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('randomInt', () => {
  it('maps [0, 1) onto both ends of the range', () => {
    expect(randomInt(replay(0), 6, 10)).toBe(6);
    expect(randomInt(replay(0.999), 6, 10)).toBe(10);
  });
});

describe('pick', () => {
  it('picks by position and refuses an empty list', () => {
    expect(pick(replay(0.5), ['a', 'b', 'c'])).toBe('b');
    expect(() => pick(replay(0), [])).toThrow(/empty/);
  });
});

describe('createWeightedSampler', () => {
  // Weights 1, 3, 0, 4 → cumulative 1, 4, 4, 8.
  const sampler = createWeightedSampler([1, 3, 0, 4]);

  it('draws by inverse CDF, never an index of weight 0', () => {
    expect(sampler.sample(replay(0))).toBe(0); // 0 < 1
    expect(sampler.sample(replay(0.125))).toBe(1); // 1 → second bucket
    expect(sampler.sample(replay(0.49))).toBe(1); // 3.92
    expect(sampler.sample(replay(0.5))).toBe(3); // 4 → skips the empty bucket
    expect(sampler.sample(replay(0.99))).toBe(3);
  });

  it('restricts draws to the tail or the head', () => {
    expect(sampler.sampleFrom(replay(0), 1)).toBe(1);
    expect(sampler.sampleFrom(replay(0.5), 2)).toBe(3); // tail mass is only index 3
    expect(sampler.sampleBelow(replay(0.99), 2)).toBe(1);
    expect(sampler.sampleBelow(replay(0), 2)).toBe(0);
  });

  it('rejects unusable weights, naming the problem', () => {
    expect(() => createWeightedSampler([])).toThrow(/at least one/);
    expect(() => createWeightedSampler([0, 0])).toThrow(/sum to 0/);
    expect(() => createWeightedSampler([1, -1])).toThrow(/weight 1/);
  });
});

describe('zipfWeights', () => {
  it('gives 1 / (rank + 1)^s', () => {
    expect([...zipfWeights(3, 1)]).toEqual([1, 1 / 2, 1 / 3]);
    expect(zipfWeights(2, 2)[1]).toBeCloseTo(0.25);
  });
});
