import type { DigestRunRecord, State } from '../state/index.js';
import type { Clock, Logger } from '../shared/types.js';
import { parsePlan, planDigest, splitDigest, ITEMS_PER_MESSAGE, type DigestPlan } from './message.js';
import { latestRunAt, localDate, nextRunAt } from './schedule.js';
import type { DigestSettings } from './settings.js';
import type { ClassifyPostError, PostDigest, PostFailure, SelectDigest } from './types.js';

export { nextRunAt } from './schedule.js';

/** What one tick did, by run id. */
export interface TickReport {
  created: string[];
  posted: string[];
  retrying: string[];
  failed: string[];
  skipped: string[];
}

/** Transient post failures: total attempts and the waits between them. */
export interface RetryPolicy {
  /** Attempts in all, first included. Default 3. */
  maxAttempts: number;
  /** Wait before attempt 2, 3, …; the last value repeats. Default 1 min, 5 min. */
  delaysMs: number[];
}

/** Timer functions, injectable so the loop can run on a fake clock. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerDeps {
  state: Pick<State, 'runs' | 'posted' | 'transaction'>;
  /** Effective settings per guild (stored over defaults). */
  settings: { get(guildId: string): DigestSettings; listEnabled(): DigestSettings[] };
  clock: Clock;
  logger: Logger;
  post: PostDigest;
  /** Whether a failure of `post` is permanent (give up) or transient (retry), and how to describe it. */
  classifyError: ClassifyPostError;
  select: SelectDigest;
  itemsPerMessage?: number;
  retry?: Partial<RetryPolicy>;
  /** Longest sleep of the timer loop, so clock jumps and settings changes are noticed. Default 60 s. */
  maxSleepMs?: number;
  timers?: Timers;
}

export interface Scheduler {
  /**
   * Creates the run of every guild whose most recent slot has none yet (so a bot that was down posts once, for
   * the latest missed slot only), then works through open runs: new, resumed after a crash, or due for a retry.
   * Concurrent calls share one pass.
   */
  tick(): Promise<TickReport>;
  /** Ticks now, then again at each due slot (sleeping at most `maxSleepMs`). */
  start(): void;
  /** Stops the loop and waits for a tick in progress. */
  stop(): Promise<void>;
  /** When the loop next has something to do, if anything is scheduled. */
  nextWakeAt(): Date | undefined;
}

/** `<guild>@<slot ISO>`: one run per guild and slot, whatever happens. */
export function runIdFor(guildId: string, slot: Date): string {
  return `${guildId}@${slot.toISOString()}`;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { state, settings, clock, logger } = deps;
  const retry: RetryPolicy = { maxAttempts: deps.retry?.maxAttempts ?? 3, delaysMs: deps.retry?.delaysMs ?? [60_000, 300_000] };
  const maxSleepMs = deps.maxSleepMs ?? 60_000;
  const timers: Timers = deps.timers ?? {
    setTimeout: (fn, ms) => {
      const handle = setTimeout(fn, ms);
      handle.unref?.();
      return handle;
    },
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
  const inFlight = new Set<string>();
  let ticking: Promise<TickReport> | undefined;
  let running = false;
  let timer: unknown;
  // Each start() begins a new generation, so a loop left over from before a stop() ends quietly.
  let generation = 0;

  const fail = (runId: string, failure: PostFailure, report: TickReport): void => {
    const run = state.runs.get(runId)!;
    const attempts = run.attempts + 1;
    if (failure.permanent || attempts >= retry.maxAttempts) {
      const error = failure.permanent ? failure.reason : `${failure.reason}; gave up after ${attempts} attempts`;
      state.runs.setStatus(runId, 'failed', { error, attempts });
      logger.error(`digest: run ${runId} for channel ${run.channelId} failed: ${error}`);
      report.failed.push(runId);
      return;
    }
    const wait = retry.delaysMs[Math.min(attempts - 1, retry.delaysMs.length - 1)] ?? 60_000;
    const nextAttemptAt = new Date(clock.now().getTime() + wait).toISOString();
    state.runs.setStatus(runId, 'retrying', { error: failure.reason, attempts, nextAttemptAt });
    logger.warn(`digest: run ${runId} failed (attempt ${attempts} of ${retry.maxAttempts}), retrying at ${nextAttemptAt}: ${failure.reason}`);
    report.retrying.push(runId);
  };

  const skip = (runId: string, why: string, report: TickReport): void => {
    state.runs.setStatus(runId, 'skipped', { error: why });
    logger.info(`digest: run ${runId} skipped: ${why}`);
    report.skipped.push(runId);
  };

  /** Selects (once) and posts what the run has not posted yet; progress is recorded per message. */
  const execute = async (run: DigestRunRecord, report: TickReport): Promise<void> => {
    let plan: DigestPlan | undefined;
    if (run.plan !== null) {
      plan = parsePlan(run.plan);
      if (!plan) return fail(run.runId, { permanent: true, reason: 'the stored digest of this run is unreadable' }, report);
      if (run.status !== 'running') state.runs.setStatus(run.runId, 'running', { error: run.error, attempts: run.attempts });
    } else {
      state.runs.setStatus(run.runId, 'running', { error: run.error, attempts: run.attempts });
      try {
        const selection = await deps.select({ date: run.date, count: run.count, channelId: run.channelId });
        if (selection.items.length === 0) return skip(run.runId, 'no paper left that was not posted here already', report);
        plan = planDigest(selection);
      } catch (error) {
        return fail(run.runId, { permanent: false, reason: `choosing the papers failed: ${(error as Error).message}` }, report);
      }
      // Saved before the first post, so a restart resumes with exactly these papers.
      state.runs.savePlan(run.runId, plan);
    }
    const done = state.posted.postedByRun(run.runId);
    for (const message of splitDigest(plan, run.runId, deps.itemsPerMessage ?? ITEMS_PER_MESSAGE)) {
      if (message.items.every((item) => done.has(item.paper.id))) continue;
      try {
        await deps.post(run.channelId, message);
      } catch (error) {
        return fail(run.runId, deps.classifyError(error), report);
      }
      state.transaction(() => {
        state.posted.record(
          run.channelId,
          run.runId,
          message.items.map((item) => ({ id: item.paper.id, title: item.paper.title })),
        );
      });
    }
    state.runs.setStatus(run.runId, 'posted', { error: null });
    logger.info(`digest: run ${run.runId} posted ${plan.items.length} paper(s) to channel ${run.channelId}`);
    report.posted.push(run.runId);
  };

  const pass = async (): Promise<TickReport> => {
    const report: TickReport = { created: [], posted: [], retrying: [], failed: [], skipped: [] };
    const now = clock.now();
    for (const guild of settings.listEnabled()) {
      if (!guild.channelId) continue;
      let slot: Date;
      try {
        slot = latestRunAt(guild, now);
      } catch (error) {
        logger.error(`digest: guild ${guild.guildId} has unusable settings: ${(error as Error).message}`);
        continue;
      }
      // A slot from before the schedule was set (or changed) is not owed.
      if (slot.getTime() <= guild.scheduleSince.getTime()) continue;
      const { created } = state.runs.create({
        runId: runIdFor(guild.guildId, slot),
        guildId: guild.guildId,
        channelId: guild.channelId,
        slot: slot.toISOString(),
        date: localDate(slot, guild.timeZone),
        count: guild.count,
      });
      if (created) report.created.push(runIdFor(guild.guildId, slot));
    }
    for (const run of state.runs.listOpen()) {
      if (inFlight.has(run.runId)) continue;
      const guild = settings.get(run.guildId);
      const slot = new Date(run.slot);
      if (!guild.enabled || !guild.channelId) {
        skip(run.runId, 'the digest was turned off before this post', report);
        continue;
      }
      if (slot.getTime() <= guild.scheduleSince.getTime()) {
        skip(run.runId, 'the digest settings changed before this post', report);
        continue;
      }
      if (slot.getTime() < latestRunAt(guild, now).getTime()) {
        skip(run.runId, 'a later scheduled post replaces it', report);
        continue;
      }
      if (run.status === 'retrying' && run.nextAttemptAt !== null && Date.parse(run.nextAttemptAt) > now.getTime()) continue;
      inFlight.add(run.runId);
      try {
        await execute(run, report);
      } catch (error) {
        // State errors (disk full, …): leave the run open; the next tick tries again.
        logger.error(`digest: run ${run.runId} interrupted`, { error });
      } finally {
        inFlight.delete(run.runId);
      }
    }
    return report;
  };

  const tick = (): Promise<TickReport> => {
    ticking ??= pass().finally(() => {
      ticking = undefined;
    });
    return ticking;
  };

  const nextWakeAt = (): Date | undefined => {
    const now = clock.now();
    const times: number[] = [];
    for (const guild of settings.listEnabled()) {
      try {
        times.push(nextRunAt(guild, now).getTime());
      } catch {
        // reported by the tick
      }
    }
    for (const run of state.runs.listOpen()) {
      if (run.status === 'retrying' && run.nextAttemptAt) times.push(Date.parse(run.nextAttemptAt));
    }
    return times.length > 0 ? new Date(Math.min(...times)) : undefined;
  };

  const loop = async (own: number): Promise<void> => {
    timer = undefined;
    try {
      await tick();
    } catch (error) {
      logger.error('digest: scheduler pass failed', { error });
    }
    if (!running || own !== generation) return;
    const wake = nextWakeAt();
    const wait = wake ? wake.getTime() - clock.now().getTime() : maxSleepMs;
    timer = timers.setTimeout(() => void loop(own), Math.min(maxSleepMs, Math.max(1000, wait)));
  };

  return {
    tick,
    start() {
      if (running) return;
      running = true;
      generation += 1;
      void loop(generation);
    },
    async stop() {
      running = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      await ticking?.catch(() => undefined);
    },
    nextWakeAt,
  };
}
