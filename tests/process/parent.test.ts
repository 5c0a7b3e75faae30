import { describe, expect, it } from 'vitest';
import { watchParent } from '../../src/process/parent.js';

describe('watchParent', () => {
  it('calls back once when the parent pid changes, not before', async () => {
    let parent = 10;
    let calls = 0;
    const stop = watchParent(() => (calls += 1), { intervalMs: 5, parentPid: () => parent });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toBe(0);
    parent = 1;
    await new Promise((resolve) => setTimeout(resolve, 30));
    parent = 2;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toBe(1);
    stop();
  });
});
