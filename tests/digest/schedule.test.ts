import { describe, expect, it } from 'vitest';
import { isValidTimeZone, latestRunAt, localDate, nextRunAt, parseTimeOfDay } from '../../src/digest/index.js';

const ny = (time: string) => ({ time, timeZone: 'America/New_York' });
const berlin = (time: string) => ({ time, timeZone: 'Europe/Berlin' });
const next = (settings: { time: string; timeZone: string }, after: string) => nextRunAt(settings, new Date(after)).toISOString();

/** The runs between two instants, following nextRunAt from `from`. */
function runsBetween(settings: { time: string; timeZone: string }, from: string, to: string): string[] {
  const out: string[] = [];
  let at = new Date(from);
  for (;;) {
    at = nextRunAt(settings, at);
    if (at.getTime() > Date.parse(to)) return out;
    out.push(at.toISOString());
  }
}

describe('nextRunAt', () => {
  it('runs at the local time of the zone, with the offset of the season', () => {
    expect(next(ny('09:00'), '2026-03-06T12:00:00Z')).toBe('2026-03-06T14:00:00.000Z'); // EST, UTC-5
    expect(next(ny('09:00'), '2026-03-06T14:00:00Z')).toBe('2026-03-07T14:00:00.000Z');
    expect(next(ny('09:00'), '2026-03-09T12:00:00Z')).toBe('2026-03-09T13:00:00.000Z'); // EDT, UTC-4
    expect(next(berlin('09:00'), '2026-03-27T12:00:00Z')).toBe('2026-03-28T08:00:00.000Z'); // CET, UTC+1
    expect(next(berlin('09:00'), '2026-03-29T06:00:00Z')).toBe('2026-03-29T07:00:00.000Z'); // CEST, UTC+2
  });

  it('is strictly after `after`, so a slot is never returned twice', () => {
    expect(next({ time: '09:00', timeZone: 'UTC' }, '2026-03-06T09:00:00Z')).toBe('2026-03-07T09:00:00.000Z');
    expect(next({ time: '09:00', timeZone: 'UTC' }, '2026-03-06T08:59:59.999Z')).toBe('2026-03-06T09:00:00.000Z');
  });

  it('runs a time skipped by spring-forward at the first valid instant, once (New York, 8 March 2026)', () => {
    expect(runsBetween(ny('02:30'), '2026-03-07T00:00:00Z', '2026-03-09T23:59:00Z')).toEqual([
      '2026-03-07T07:30:00.000Z', // 02:30 EST
      '2026-03-08T07:00:00.000Z', // 02:30 does not exist; 03:00 EDT is the first valid instant
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
  });

  it('runs a time skipped by spring-forward at the first valid instant, once (Berlin, 29 March 2026)', () => {
    expect(runsBetween(berlin('02:30'), '2026-03-28T00:00:00Z', '2026-03-30T23:59:00Z')).toEqual([
      '2026-03-28T01:30:00.000Z', // 02:30 CET
      '2026-03-29T01:00:00.000Z', // 03:00 CEST
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('runs a repeated time once on the fall-back day, at its first occurrence (New York, 1 November 2026)', () => {
    expect(runsBetween(ny('01:30'), '2026-10-31T00:00:00Z', '2026-11-02T23:59:00Z')).toEqual([
      '2026-10-31T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T05:30:00.000Z', // 01:30 EDT; 01:30 EST an hour later is not a second run
      '2026-11-02T06:30:00.000Z', // 01:30 EST
    ]);
  });

  it('runs a repeated time once on the fall-back day (Berlin, 25 October 2026)', () => {
    expect(runsBetween(berlin('02:30'), '2026-10-24T00:00:00Z', '2026-10-26T23:59:00Z')).toEqual([
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z', // 02:30 CEST; 02:30 CET (01:30Z) is the same local time again
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('handles a half-hour DST gap (Lord Howe Island, 4 October 2026)', () => {
    expect(next({ time: '02:15', timeZone: 'Australia/Lord_Howe' }, '2026-10-03T12:00:00Z')).toBe('2026-10-03T15:30:00.000Z'); // 02:30 +11
  });

  it('rejects a bad time or zone naming the value', () => {
    expect(() => nextRunAt({ time: '25:00', timeZone: 'UTC' }, new Date())).toThrow('digest time "25:00" is not HH:MM (24-hour)');
    expect(() => nextRunAt({ time: '09:00', timeZone: 'Mars/Olympus' }, new Date())).toThrow('"Mars/Olympus" is not an IANA time zone');
  });
});

describe('latestRunAt', () => {
  it('is the most recent slot at or before the instant', () => {
    expect(latestRunAt(ny('09:00'), new Date('2026-03-06T14:00:00Z')).toISOString()).toBe('2026-03-06T14:00:00.000Z');
    expect(latestRunAt(ny('09:00'), new Date('2026-03-06T13:59:59Z')).toISOString()).toBe('2026-03-05T14:00:00.000Z');
    expect(latestRunAt(berlin('02:30'), new Date('2026-03-29T05:00:00Z')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });
});

describe('localDate', () => {
  it('is the calendar date in the zone', () => {
    expect(localDate(new Date('2026-03-06T03:00:00Z'), 'America/New_York')).toBe('2026-03-05');
    expect(localDate(new Date('2026-03-06T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-07');
  });
});

describe('parseTimeOfDay', () => {
  it('reads 24-hour times', () => {
    expect(parseTimeOfDay('9:05')).toEqual({ hour: 9, minute: 5 });
    expect(parseTimeOfDay('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(parseTimeOfDay('24:00')).toBeUndefined();
    expect(parseTimeOfDay('9am')).toBeUndefined();
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Berlin')).toBe(false);
  });
});
