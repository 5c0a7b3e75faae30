import type { State } from '../state/index.js';
import { createSubscriptions, type NotifyUser, type SubscriptionSearch, type SubscriptionService } from '../subscriptions/index.js';
import {
  createIngester,
  type IngestReport,
  type Ingester,
  type PaperSink,
  type SkippedItem,
  type TrendingSource,
} from '../trending/index.js';
import type { Clock, Logger } from '../shared/types.js';
import type { Paper } from '../corpus/types.js';
import { planDigest, splitDigest } from './message.js';
import { localDate } from './schedule.js';
import { createScheduler, type Scheduler, type SchedulerDeps, type TickReport } from './scheduler.js';
import { createDigestSelector, shiftDate } from './select.js';
import type { CoversQuery } from './topics.js';
import { createDigestSettings, type DigestDefaults, type DigestSettingsService } from './settings.js';
import { describeDigestStatus, type DigestStatus } from './status.js';
import type { ClassifyPostError, DigestMessage, DigestRequest, DigestSelection, PostDigest } from './types.js';

/** The settings the digest service reads (a subset of the app config). */
export interface DigestServiceConfig {
  digest: DigestDefaults;
  trending: { ingestOnStart: boolean };
  search: { minRelevance: number };
}

export interface DigestServiceOptions {
  /** The running app: papers are added to it, subscriptions search it, topic tags use its coverage judgement. */
  app: PaperSink & SubscriptionSearch & { covers: CoversQuery };
  /** The open state database (the caller closes it). */
  state: State;
  config: DigestServiceConfig;
  clock: Clock;
  logger: Logger;
  /** Where trending papers come from (null: corpus digests only). */
  source: TrendingSource | null;
  /** Scheduler tuning (retries, loop sleep, timers, papers per message). */
  scheduler?: Partial<Pick<SchedulerDeps, 'retry' | 'maxSleepMs' | 'timers' | 'itemsPerMessage'>>;
  /** How often to ingest today's trending papers while running (0 = only on start and before digests). Default 6 h. */
  ingestEveryMs?: number;
}

/** What the bot starts with: how to post digests and how to reach users. */
export interface DigestStartOptions {
  post: PostDigest;
  /** Tells permanent post failures from transient ones (the poster's adapter knows its error codes). */
  classifyError: ClassifyPostError;
  /** DM a subscriber; when absent or failing, matches wait as pending. */
  notify?: NotifyUser;
}

/** Daily digests, live ingestion and subscriptions around one app and one state database. */
export interface DigestService {
  readonly state: State;
  readonly source: TrendingSource | null;
  readonly settings: DigestSettingsService;
  readonly subscriptions: SubscriptionService;
  readonly ingester: Ingester;
  /** Fetches and ingests the trending papers of a day (YYYY-MM-DD). Throws TrendingSourceError when unreachable. */
  ingestDay(date: string): Promise<IngestReport & { skipped: SkippedItem[] }>;
  /** Ingests papers from elsewhere (e.g. a JSON file). */
  ingestPapers(papers: readonly Paper[], origin: string): Promise<IngestReport>;
  /** Chooses a digest (ingesting the day's trending papers first). */
  selectDigest(request: DigestRequest): Promise<DigestSelection>;
  /** The messages a guild's digest would post now; posts nothing, records nothing as posted. */
  preview(guildId: string): Promise<DigestMessage[]>;
  status(guildId: string): DigestStatus;
  /** Starts posting: the scheduler (with catch-up of a missed slot), ingestion on start and periodically. */
  start(options: DigestStartOptions): void;
  /** One scheduler pass now (after start). */
  tick(): Promise<TickReport>;
  /** Resolves when the ingestion begun by `start` has finished and the scheduler loop runs (never rejects). */
  readonly startupIngest: Promise<void>;
  stop(): Promise<void>;
  /** Stops; the state database stays open (its owner closes it). */
  close(): Promise<void>;
}

/**
 * Wires source, ingestion, selection, settings and subscriptions around the app and an open state database (the
 * composition root restores the papers ingested earlier before this). Nothing runs until `start`.
 */
export function createDigestService(options: DigestServiceOptions): DigestService {
  const { app, config, clock, logger, state, source } = options;
  const ingester = createIngester({ app, state, logger });
  const subscriptions = createSubscriptions({ app, state, logger, defaultThreshold: config.search.minRelevance });
  ingester.onIngested(async (report) => {
    if (report.added.length === 0) return;
    const matched = await subscriptions.matchNewPapers(report.added);
    if (matched.matches > 0) logger.info(`subscriptions: ${matched.notified} notified, ${matched.pending} pending after ${report.origin}`);
  });
  const settings = createDigestSettings({ state, defaults: config.digest });
  const selectDigest = createDigestSelector({
    papers: () => app.store.all(),
    source,
    isPosted: (channelId, paper) => state.posted.isPosted(channelId, paper),
    ingest: async (papers, origin) => (await ingester.ingest(papers, origin)).papers,
    logger,
    covers: (query, paper) => app.covers(query, paper),
  });

  let scheduler: Scheduler | undefined;
  let ingestTimer: NodeJS.Timeout | undefined;
  let startupIngest: Promise<void> = Promise.resolve();

  const ingestDay = async (date: string) => {
    if (!source) throw new Error('no trending source is configured');
    const day = await source.fetchDay(date);
    const report = await ingester.ingest(day.papers, `huggingface:${date}`);
    return { ...report, skipped: day.skipped };
  };
  // Today's list fills during the day; yesterday's is complete. Errors are logged: the bot works without them.
  const ingestRecent = async () => {
    const today = localDate(clock.now(), 'UTC');
    for (const date of [shiftDate(today, -1), today]) {
      try {
        await ingestDay(date);
      } catch (error) {
        logger.warn(`ingest: trending papers of ${date} unavailable`, { error });
      }
    }
  };

  const service: DigestService = {
    state,
    source,
    settings,
    subscriptions,
    ingester,
    ingestDay,
    ingestPapers: (papers, origin) => ingester.ingest(papers, origin),
    selectDigest,
    async preview(guildId) {
      const s = settings.get(guildId);
      const selection = await selectDigest({
        date: localDate(clock.now(), s.timeZone),
        count: s.count,
        ...(s.channelId ? { channelId: s.channelId } : {}),
      });
      return selection.items.length === 0 ? [] : splitDigest(planDigest(selection), `preview:${guildId}`, options.scheduler?.itemsPerMessage);
    },
    status: (guildId) => describeDigestStatus({ settings: settings.get(guildId), state, now: clock.now() }),
    start({ post, classifyError, notify }) {
      if (scheduler) return;
      subscriptions.setNotifier(notify);
      const current = createScheduler({ state, settings, clock, logger, post, classifyError, select: selectDigest, ...options.scheduler });
      scheduler = current;
      // Ingest first, so a catch-up post already sees today's papers; then the loop (unless stopped meanwhile).
      const first = config.trending.ingestOnStart && source ? ingestRecent() : Promise.resolve();
      startupIngest = first.then(() => {
        if (scheduler === current) current.start();
      });
      const every = options.ingestEveryMs ?? 6 * 3_600_000;
      if (every > 0 && source) {
        ingestTimer = setInterval(() => void ingestRecent(), every);
        ingestTimer.unref();
      }
    },
    tick() {
      if (!scheduler) throw new Error('the digest service is not started');
      return scheduler.tick();
    },
    get startupIngest() {
      return startupIngest;
    },
    async stop() {
      if (ingestTimer) clearInterval(ingestTimer);
      ingestTimer = undefined;
      const current = scheduler;
      scheduler = undefined;
      await current?.stop();
      subscriptions.setNotifier(undefined);
      await startupIngest;
    },
    async close() {
      await service.stop();
    },
  };
  return service;
}
