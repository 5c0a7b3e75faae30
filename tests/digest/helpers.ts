import { createDigestSelector, createDigestSettings, createScheduler, type DigestMessage, type PostDigest, type Scheduler, type SchedulerDeps } from '../../src/digest/index.js';
import { classifyPostError } from '../../src/discord/post-errors.js';
import { openState, type State } from '../../src/state/index.js';
import type { TrendingSource } from '../../src/trending/index.js';
import type { Logger } from '../../src/shared/types.js';
import type { Paper } from '../../src/corpus/types.js';
import { captureLogger, type FakeClock } from '../state/helpers.js';

/** Six made-up trending papers per day, upvotes 60, 50, … so the order is known. */
export function papersOf(date: string): Paper[] {
  return Array.from({ length: 6 }, (_, i) => ({
    id: `${date}-p${i + 1}`,
    title: `Paper ${i + 1} of ${date}`,
    abstract: `Background sentence ${i + 1}. We propose method ${i + 1} for ${date}. It works well.`,
    authors: ['A. Author'],
    url: `https://example.org/${date}/${i + 1}`,
    upvotes: 60 - i * 10,
    source: 'fake',
  }));
}

/** A trending source serving `papersOf(date)`, or failing while `down` is set. */
export function fakeSource(): TrendingSource & { down: boolean; calls: string[] } {
  const source = {
    name: 'Fake daily papers',
    down: false,
    calls: [] as string[],
    async fetchDay(date: string) {
      source.calls.push(date);
      if (source.down) throw new Error('connect ECONNREFUSED');
      return { date, papers: papersOf(date), skipped: [], url: `fake:${date}` };
    },
  };
  return source;
}

/** One posted message as a test sees it. */
export interface SentMessage {
  at: string;
  channelId: string;
  part: number;
  parts: number;
  key: string;
  ids: string[];
  message: DigestMessage;
}

/** A `post` that records every message with the clock time, delegating to `behaviour` (default: succeed). */
export function recordingPost(clock: FakeClock, behaviour?: (channelId: string, message: DigestMessage, call: number) => Promise<void>) {
  const sent: SentMessage[] = [];
  let calls = 0;
  const post: PostDigest = async (channelId, message) => {
    calls += 1;
    if (behaviour) await behaviour(channelId, message, calls);
    sent.push({
      at: clock.now().toISOString(),
      channelId,
      part: message.part,
      parts: message.parts,
      key: message.idempotencyKey,
      ids: message.items.map((i) => i.paper.id),
      message,
    });
  };
  return { post, sent, calls: () => calls };
}

export interface SchedulerSetup {
  state: State;
  settings: ReturnType<typeof createDigestSettings>;
  scheduler: Scheduler;
  source: ReturnType<typeof fakeSource>;
  logger: Logger & { lines: string[] };
}

/** A scheduler over a state file (or memory), a fake source and the given post. */
export function setupScheduler(options: {
  file?: string;
  clock: FakeClock;
  post: PostDigest;
  source?: ReturnType<typeof fakeSource>;
  extra?: Partial<SchedulerDeps>;
}): SchedulerSetup {
  const logger = captureLogger();
  const state = openState(options.file ?? ':memory:', { clock: options.clock, logger });
  const settings = createDigestSettings({ state, defaults: { time: '09:00', timeZone: 'UTC', count: 5 } });
  const source = options.source ?? fakeSource();
  const select = createDigestSelector({
    papers: () => [],
    source,
    isPosted: (channelId, paper) => state.posted.isPosted(channelId, paper),
    logger,
    lookbackDays: 0,
    covers: () => false,
  });
  const scheduler = createScheduler({ state, settings, clock: options.clock, logger, post: options.post, classifyError: classifyPostError, select, ...options.extra });
  return { state, settings, scheduler, source, logger };
}
