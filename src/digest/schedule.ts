import { DateTime } from 'luxon';

/** When a guild's digest runs: local HH:MM in an IANA zone. */
export interface ScheduleSettings {
  /** HH:MM, 24-hour. */
  time: string;
  timeZone: string;
}

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Parses "9:05" / "09:05" into hour and minute; undefined when not a 24-hour time. */
export function parseTimeOfDay(time: string): { hour: number; minute: number } | undefined {
  const match = HHMM.exec(time.trim());
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/** True for a zone the runtime knows (IANA names such as Europe/Berlin, or UTC). */
export function isValidTimeZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/**
 * The first run strictly after `after`. One slot per local calendar day, so a repeated hour (fall-back) runs once;
 * a local time that does not exist that day (spring-forward gap) runs at the first valid instant after the gap.
 */
export function nextRunAt(settings: ScheduleSettings, after: Date): Date {
  const { hour, minute, zone } = parseSettings(settings);
  const today = DateTime.fromJSDate(after, { zone }).startOf('day');
  for (let day = -1; day <= 2; day += 1) {
    const slot = slotOn(today.plus({ days: day }), hour, minute, zone);
    if (slot > after.getTime()) return new Date(slot);
  }
  throw new Error(`no digest slot found after ${after.toISOString()} for ${settings.time} ${settings.timeZone}`);
}

/** The most recent run at or before `at` (the slot a restarted bot may still owe). */
export function latestRunAt(settings: ScheduleSettings, at: Date): Date {
  const { hour, minute, zone } = parseSettings(settings);
  const today = DateTime.fromJSDate(at, { zone }).startOf('day');
  for (let day = 1; day >= -2; day -= 1) {
    const slot = slotOn(today.plus({ days: day }), hour, minute, zone);
    if (slot <= at.getTime()) return new Date(slot);
  }
  throw new Error(`no digest slot found before ${at.toISOString()} for ${settings.time} ${settings.timeZone}`);
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}

function parseSettings(settings: ScheduleSettings): { hour: number; minute: number; zone: string } {
  const time = parseTimeOfDay(settings.time);
  if (!time) throw new RangeError(`digest time "${settings.time}" is not HH:MM (24-hour)`);
  if (!isValidTimeZone(settings.timeZone)) throw new RangeError(`digest time zone "${settings.timeZone}" is not an IANA time zone`);
  return { ...time, zone: settings.timeZone };
}

/**
 * The instant (ms) at which the wall clock of `zone` first reads hour:minute on `day`.
 * Ambiguous (repeated) times take the earlier instant; skipped times take the end of the gap.
 */
function slotOn(day: DateTime, hour: number, minute: number, zone: string): number {
  // The wall time written as if it were UTC, to compare with `instant + offset`.
  const wall = Date.UTC(day.year, day.month - 1, day.day, hour, minute);
  const wallAt = (t: number) => t + DateTime.fromMillis(t, { zone }).offset * 60_000;
  const guess = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone }).toMillis();
  // Offsets in force around the guess; an instant whose wall time equals the target is a real occurrence.
  const offsets = new Set([-3, 0, 3].map((h) => DateTime.fromMillis(guess + h * 3_600_000, { zone }).offset));
  const occurrences = [...offsets].map((o) => wall - o * 60_000).filter((t) => wallAt(t) === wall);
  if (occurrences.length > 0) return Math.min(...occurrences);
  // In a gap: binary-search the first instant whose wall time is at or past the target.
  let lo = guess - 3 * 3_600_000;
  let hi = guess;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (wallAt(mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi - (hi % 1000);
}
