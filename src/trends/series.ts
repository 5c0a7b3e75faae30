/** Daily series: calendar days, counts per day, and a one-line text sparkline. */

const DAY_MS = 86_400_000;

/** The UTC calendar day (YYYY-MM-DD) of an instant. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `count` consecutive days ending with `last` (inclusive), oldest first. */
export function daysEnding(last: string, count: number): string[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => dayOf(new Date(end - (count - 1 - i) * DAY_MS)));
}

/** The day of an ISO date or date-time (first 10 characters), or undefined when it is not a date. */
export function dayOfIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : dayOf(new Date(time));
}

/** How many of `dates` fall on each of `days`. */
export function countPerDay(dates: readonly string[], days: readonly string[]): number[] {
  const index = new Map(days.map((d, i) => [d, i]));
  const counts = days.map(() => 0);
  for (const date of dates) {
    const i = index.get(date);
    if (i !== undefined) counts[i]! += 1;
  }
  return counts;
}

const BARS = '▁▂▃▄▅▆▇█';

/** `▁▃█▅` — each value scaled to the series maximum (all-zero series are a flat line). */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? BARS[0] : BARS[Math.min(BARS.length - 1, Math.round((v / max) * (BARS.length - 1)))])).join('');
}
