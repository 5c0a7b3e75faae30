/** Per-user cooldown: one piece of work per user per window, so a flood gets a polite "slow down" instead of load. */
import type { Clock } from '../shared/types.js';

export type CooldownCheck = { ok: true } | { ok: false; retryAfterMs: number };

export interface Cooldowns {
  /** Records a use by `userId` when allowed; otherwise says how long to wait (the window is not extended). */
  take(userId: string): CooldownCheck;
}

/** Creates the tracker; `seconds` 0 disables it. Old entries are pruned as they are met. */
export function createCooldowns(options: { seconds: number; clock: Clock; maxEntries?: number }): Cooldowns {
  const windowMs = options.seconds * 1000;
  const max = options.maxEntries ?? 10_000;
  const lastUse = new Map<string, number>();
  return {
    take(userId) {
      if (windowMs <= 0) return { ok: true };
      const now = options.clock.now().getTime();
      const last = lastUse.get(userId);
      if (last !== undefined && now - last < windowMs) return { ok: false, retryAfterMs: windowMs - (now - last) };
      lastUse.delete(userId);
      lastUse.set(userId, now);
      if (lastUse.size > max) {
        for (const [id, at] of lastUse) {
          if (now - at < windowMs && lastUse.size <= max) break;
          lastUse.delete(id);
        }
      }
      return { ok: true };
    },
  };
}

/** "Slow down" text for a refused use. */
export function describeCooldown(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You're going a little fast — please wait ${seconds} s and try again.`;
}
