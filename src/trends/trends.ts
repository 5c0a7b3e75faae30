/**
 * Trends over dated papers: the terms rising in the last N days against the N days before (weighted log-odds with
 * the whole corpus as the informative prior), papers per day, and with a topic, matching papers per day.
 */
import { tokenize, tokenizeQuery } from '../search/tokenize.js';
import type { Paper } from '../corpus/types.js';
import { logOddsZ } from '../answers/log-odds.js';
import { countPerDay, dayOf, dayOfIso, daysEnding } from './series.js';
import { countTerms } from './terms.js';

export const TREND_DAYS = { min: 7, max: 90, default: 7 } as const;
/** Fewer dated papers than this in either window is too little to compare. */
export const MIN_PAPERS_PER_WINDOW = 5;
/** A rising term must appear in at least this many recent papers. */
export const MIN_TERM_PAPERS = 3;
/** |z| above this: unlikely to be chance at the 5% level. */
export const Z_THRESHOLD = 1.96;

export interface RisingTerm {
  term: string;
  z: number;
  /** Papers containing it in the last N days / in the N days before. */
  recent: number;
  previous: number;
}

export interface TrendsRequest {
  days: number;
  topic?: string;
  /** The last day counted is the day of `now` (UTC). */
  now: Date;
  /** Most rising terms returned. */
  limit?: number;
}

export type Trends =
  | {
      enough: true;
      days: number;
      /** Both windows, oldest first: `days` × 2 calendar days. */
      dates: string[];
      /** Dated papers per day over `dates`. */
      perDay: number[];
      recentPapers: number;
      previousPapers: number;
      rising: RisingTerm[];
      topic?: { query: string; perDay: number[]; recent: number; previous: number };
    }
  | { enough: false; days: number; recentPapers: number; previousPapers: number; reason: string };

/** Computes trends over `papers` (those without a usable `publishedAt` are the background only). */
export function computeTrends(papers: readonly Paper[], request: TrendsRequest): Trends {
  const { days } = request;
  if (!Number.isInteger(days) || days < TREND_DAYS.min || days > TREND_DAYS.max) {
    throw new RangeError(`days must be a whole number from ${TREND_DAYS.min} to ${TREND_DAYS.max} (got ${days})`);
  }
  const dates = daysEnding(dayOf(request.now), days * 2);
  const firstRecent = dates[days]!;
  const first = dates[0]!;
  const last = dates.at(-1)!;
  const recent: Paper[] = [];
  const previous: Paper[] = [];
  const dayByPaper = new Map<Paper, string>();
  for (const paper of papers) {
    const day = dayOfIso(paper.publishedAt);
    if (!day || day < first || day > last) continue;
    dayByPaper.set(paper, day);
    (day >= firstRecent ? recent : previous).push(paper);
  }
  if (recent.length < MIN_PAPERS_PER_WINDOW || previous.length < MIN_PAPERS_PER_WINDOW) {
    return {
      enough: false,
      days,
      recentPapers: recent.length,
      previousPapers: previous.length,
      reason: `too little dated data: ${recent.length} paper(s) dated in the last ${days} days and ${previous.length} in the ${days} before; trends need at least ${MIN_PAPERS_PER_WINDOW} in each`,
    };
  }

  const surfaces = new Map<string, Map<string, number>>();
  const recentCounts = countTerms(recent, surfaces);
  const previousCounts = countTerms(previous);
  const background = countTerms(papers);
  // The prior weighs as much as one window: the whole corpus's rates, shrinking terms seen in only a few papers.
  const priorSize = Math.max(1, (recentCounts.total + previousCounts.total) / 2);
  const z = logOddsZ(recentCounts.counts, previousCounts.counts, background.counts, priorSize, background.total);
  const rising = [...z]
    .map(([term, score]) => ({ term, z: score, recent: recentCounts.counts.get(term) ?? 0, previous: previousCounts.counts.get(term) ?? 0 }))
    .filter((s) => s.z > Z_THRESHOLD && s.recent >= MIN_TERM_PAPERS)
    .sort((a, b) => b.z - a.z || a.term.localeCompare(b.term))
    .slice(0, request.limit ?? 10)
    .map((s) => ({ ...s, term: mostFrequent(surfaces.get(s.term)) ?? s.term }));

  const trends: Trends = {
    enough: true,
    days,
    dates,
    perDay: countPerDay([...dayByPaper.values()], dates),
    recentPapers: recent.length,
    previousPapers: previous.length,
    rising,
  };
  const query = request.topic?.trim();
  if (query) {
    const wanted = tokenizeQuery(query);
    const matching = [...dayByPaper].filter(([paper]) => matchesAll(paper, wanted));
    const perDay = countPerDay(
      matching.map(([, day]) => day),
      dates,
    );
    trends.topic = {
      query,
      perDay,
      recent: perDay.slice(days).reduce((a, b) => a + b, 0),
      previous: perDay.slice(0, days).reduce((a, b) => a + b, 0),
    };
  }
  return trends;
}

/** True when the paper's title or abstract contains every analysed term of the topic. */
function matchesAll(paper: Paper, terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  const own = new Set(tokenize(`${paper.title} ${paper.abstract}`));
  return terms.every((t) => own.has(t));
}

function mostFrequent(forms: Map<string, number> | undefined): string | undefined {
  let best: string | undefined;
  let count = -1;
  for (const [form, n] of forms ?? []) {
    if (n > count) {
      best = form;
      count = n;
    }
  }
  return best;
}
