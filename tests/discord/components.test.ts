import { describe, expect, it } from 'vitest';
import {
  actionRows,
  button,
  createResultSessions,
  decodeCustomId,
  encodeCustomId,
  isExpired,
  paperRef,
  resolvePaperRef,
} from '../../src/discord/components.js';
import { createPaperStore } from '../../src/corpus/store.js';
import { FIXTURE_PAPERS } from '../helpers/fake-app.js';
import { createManualClock } from './harness.js';

const issuedAt = new Date('2025-01-15T12:00:00Z');

describe('encodeCustomId / decodeCustomId', () => {
  it('round-trips command, action, owner, issue time (to the second) and arguments', () => {
    const id = encodeCustomId({ command: 'search', action: 'page', ownerId: '200000000000000001', issuedAt, args: ['k3y', '2'] });
    expect(id).toBe(`search:page:200000000000000001:${(issuedAt.getTime() / 1000).toString(36)}:k3y:2`);
    expect(decodeCustomId(id)).toEqual({ command: 'search', action: 'page', ownerId: '200000000000000001', issuedAt, args: ['k3y', '2'] });
  });

  it('refuses ids over 100 characters and parts containing the separator', () => {
    expect(() => encodeCustomId({ command: 'x', action: 'y', ownerId: '1', issuedAt, args: ['z'.repeat(100)] })).toThrow(/100/);
    expect(() => encodeCustomId({ command: 'x', action: 'y', ownerId: '1', issuedAt, args: ['a:b'] })).toThrow(/contains/);
  });

  it('returns undefined for foreign ids', () => {
    expect(decodeCustomId('some-other-bot-button')).toBeUndefined();
    expect(decodeCustomId('search:page:notanid:abc')).toBeUndefined();
  });
});

describe('isExpired', () => {
  it('is true only past the time-to-live', () => {
    expect(isExpired(issuedAt, new Date(issuedAt.getTime() + 1000), 1000)).toBe(false);
    expect(isExpired(issuedAt, new Date(issuedAt.getTime() + 1001), 1000)).toBe(true);
  });
});

describe('createResultSessions', () => {
  it('returns stored state until it has been unused for longer than the ttl', () => {
    const clock = createManualClock();
    const sessions = createResultSessions({ ttlMs: 1000, clock });
    const key = sessions.put({ query: 'q' });
    clock.advance(800);
    expect(sessions.get(key)).toEqual({ query: 'q' });
    clock.advance(800); // 800 ms since the last use
    expect(sessions.get(key)).toEqual({ query: 'q' });
    clock.advance(1001);
    expect(sessions.get(key)).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const sessions = createResultSessions({ ttlMs: 60_000, clock: createManualClock(), maxEntries: 2 });
    const first = sessions.put(1);
    const second = sessions.put(2);
    const third = sessions.put(3);
    expect(sessions.size).toBe(2);
    expect(sessions.get(first)).toBeUndefined();
    expect([sessions.get(second), sessions.get(third)]).toEqual([2, 3]);
  });
});

describe('paperRef / resolvePaperRef', () => {
  const store = createPaperStore(FIXTURE_PAPERS);

  it('uses short ids as they are and hashes long ones, both resolvable', () => {
    const [short, , long] = FIXTURE_PAPERS;
    expect(paperRef(short!)).toBe('1803.03635');
    const ref = paperRef(long!);
    expect(ref).toMatch(/^~[A-Za-z0-9]{12}$/);
    expect(resolvePaperRef(ref, store)?.id).toBe(long!.id);
    expect(resolvePaperRef('1803.03635', store)?.title).toBe('The Lottery Ticket Hypothesis');
    expect(resolvePaperRef('~nothinghere', store)).toBeUndefined();
  });
});

describe('button / actionRows', () => {
  it('cuts labels to 80 characters and packs five buttons per row, five rows at most', () => {
    expect((button('id', 'x'.repeat(100)) as { label?: string }).label?.length).toBeLessThanOrEqual(80);
    const rows = actionRows(Array.from({ length: 27 }, (_, i) => button(`b${i}`, `B${i}`)));
    expect(rows.map((r) => r.components.length)).toEqual([5, 5, 5, 5, 5]);
  });
});
