import { DateTime } from 'luxon';
import type { TrendingSource } from '../trending/hf-source.js';
import type { Logger } from '../shared/types.js';
import type { Paper } from '../corpus/types.js';
import { extractContribution } from './extract.js';
import { DEFAULT_TOPICS, tagTopic, type CoversQuery, type TopicLabel } from './topics.js';
import type { DigestItem, DigestSelection, SelectDigest } from './types.js';

export interface DigestSelectorDeps {
  /** Every known paper (corpus and ingested), in a stable order; the fallback picks from these. */
  papers: () => readonly Paper[];
  /** Null when no trending source is configured: every digest is then a corpus digest. */
  source: TrendingSource | null;
  isPosted: (channelId: string, paper: Pick<Paper, 'id' | 'title'>) => boolean;
  /**
   * When given, a day's trending papers are ingested before selection (searchable, persisted) and the returned
   * store versions are used, so ids match the store. A dry run leaves it out.
   */
  ingest?: (papers: readonly Paper[], origin: string) => Promise<Paper[]>;
  logger: Logger;
  /** Earlier days to try when the requested day has nothing new (the list fills during the day). Default 1. */
  lookbackDays?: number;
  topics?: readonly TopicLabel[];
  /** Search's coverage judgement (the app's `covers`): a paper gets a topic tag when it covers the topic's keywords. */
  covers: CoversQuery;
}

/**
 * Chooses a digest: the top trending papers of the date (by upvotes) not yet posted to the channel; if that day has
 * nothing new, the day before (up to `lookbackDays`); if the source is unreachable or has nothing, the best corpus papers
 * not yet posted (upvotes, then recency, then corpus order), with `fallback: true` and a reason for the post.
 */
export function createDigestSelector(deps: DigestSelectorDeps): SelectDigest {
  const lookback = deps.lookbackDays ?? 1;
  const topics = deps.topics ?? DEFAULT_TOPICS;
  const toItem = (paper: Paper, upvotes: number | undefined): DigestItem => {
    const topic = tagTopic(paper, deps.covers, topics);
    return {
      paper,
      ...(upvotes !== undefined ? { upvotes } : {}),
      extract: extractContribution(paper.abstract),
      ...(topic ? { topic } : {}),
    };
  };

  return async ({ date, count, channelId }) => {
    const fresh = (paper: Paper) => channelId === undefined || !deps.isPosted(channelId, paper);
    let why: string;
    if (!deps.source) {
      why = 'no trending source is configured';
    } else {
      why = '';
      for (let back = 0; back <= lookback; back += 1) {
        const day = shiftDate(date, -back);
        let fetched: Paper[];
        try {
          fetched = (await deps.source.fetchDay(day)).papers;
        } catch (error) {
          deps.logger.warn(`digest: ${deps.source.name} unreachable, using corpus papers`, { error });
          why = `${deps.source.name} could not be reached (${(error as Error).message})`;
          break;
        }
        let papers = fetched;
        if (deps.ingest && fetched.length > 0) {
          try {
            papers = await deps.ingest(fetched, `huggingface:${day}`);
          } catch (error) {
            deps.logger.error(`digest: ingesting the papers of ${day} failed; posting them anyway`, { error });
          }
        }
        const picked = papers
          .map((paper, index) => ({ paper, upvotes: fetched[index]?.upvotes ?? paper.upvotes }))
          .filter(({ paper }) => fresh(paper))
          .slice(0, count);
        if (picked.length > 0) {
          return {
            date: day,
            items: picked.map(({ paper, upvotes }) => toItem(paper, upvotes)),
            origin: 'trending',
            fallback: false,
            ...(day !== date ? { reason: `Nothing new on the ${date} list yet, so these trended on ${day}.` } : {}),
          };
        }
        if (!why) why = fetched.length === 0 ? `${deps.source.name} lists no papers for ${date}` : `every trending paper of ${date} was already posted here`;
      }
    }
    const items = rankFallback(deps.papers())
      .filter(fresh)
      .slice(0, count)
      .map((paper) => toItem(paper, paper.upvotes));
    return {
      date,
      items,
      origin: 'corpus',
      fallback: true,
      reason: `${capitalise(why)}, so these are the best corpus papers not posted here yet.`,
    };
  };
}

/** Upvotes (unknown last), then publication date (newest first, unknown last), then the given order. */
export function rankFallback(papers: readonly Paper[]): Paper[] {
  return papers
    .map((paper, index) => ({ paper, index, published: paper.publishedAt ? Date.parse(paper.publishedAt) : Number.NaN }))
    .sort(
      (a, b) =>
        (b.paper.upvotes ?? -1) - (a.paper.upvotes ?? -1) ||
        (Number.isNaN(b.published) ? -Infinity : b.published) - (Number.isNaN(a.published) ? -Infinity : a.published) ||
        a.index - b.index,
    )
    .map((entry) => entry.paper);
}

/** YYYY-MM-DD plus `days`. */
export function shiftDate(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
