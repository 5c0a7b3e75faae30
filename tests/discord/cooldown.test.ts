import { describe, expect, it } from 'vitest';
import { createCooldowns, describeCooldown } from '../../src/discord/cooldown.js';
import { createManualClock } from './harness.js';

describe('createCooldowns', () => {
  it('allows one use per window per user and says how long to wait', () => {
    const clock = createManualClock();
    const cooldowns = createCooldowns({ seconds: 3, clock });
    expect(cooldowns.take('a')).toEqual({ ok: true });
    clock.advance(1000);
    expect(cooldowns.take('a')).toEqual({ ok: false, retryAfterMs: 2000 });
    expect(cooldowns.take('b')).toEqual({ ok: true });
    clock.advance(2000);
    expect(cooldowns.take('a')).toEqual({ ok: true });
  });

  it('a refused use does not extend the window', () => {
    const clock = createManualClock();
    const cooldowns = createCooldowns({ seconds: 3, clock });
    cooldowns.take('a');
    clock.advance(2500);
    cooldowns.take('a');
    clock.advance(500);
    expect(cooldowns.take('a').ok).toBe(true);
  });

  it('is off with 0 seconds', () => {
    const cooldowns = createCooldowns({ seconds: 0, clock: createManualClock() });
    expect([cooldowns.take('a'), cooldowns.take('a')]).toEqual([{ ok: true }, { ok: true }]);
  });
});

describe('describeCooldown', () => {
  it('rounds up to whole seconds, at least one', () => {
    expect(describeCooldown(1200)).toBe("You're going a little fast — please wait 2 s and try again.");
    expect(describeCooldown(10)).toContain('wait 1 s');
  });
});
