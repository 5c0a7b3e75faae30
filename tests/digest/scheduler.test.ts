import { describe, expect, it } from 'vitest';
import { createDigestSettings, describeDigestStatus, formatDigestStatus, runIdFor, type DigestMessage, type Scheduler } from '../../src/digest/index.js';
import { openState, statePathFor } from '../../src/state/index.js';
import { fakeClock, tempDir, type FakeClock } from '../state/helpers.js';
import { recordingPost, setupScheduler } from './helpers.js';

/** Jumps the clock to each wake-up the scheduler asks for and ticks, until `until`. */
async function runUntil(scheduler: Scheduler, clock: FakeClock, until: string): Promise<void> {
  for (;;) {
    const wake = scheduler.nextWakeAt();
    if (!wake || wake.getTime() > Date.parse(until)) return;
    clock.set(wake);
    await scheduler.tick();
  }
}

/** Ticks every `stepMinutes` from the clock's time until `until`. */
async function tickEvery(scheduler: Scheduler, clock: FakeClock, stepMinutes: number, until: string): Promise<void> {
  while (clock.now().getTime() < Date.parse(until)) {
    clock.advance(stepMinutes * 60_000);
    await scheduler.tick();
  }
}

describe('createScheduler().tick', () => {
  it('posts at each guild’s local time across the 2026 DST changes of New York and Berlin', async () => {
    const clock = fakeClock('2026-03-06T00:00:00Z');
    const { post, sent } = recordingPost(clock);
    const { settings, scheduler } = setupScheduler({ clock, post });
    settings.setChannel('ny', 'c-ny');
    settings.setTime('ny', '09:00', 'America/New_York');
    settings.setChannel('berlin', 'c-berlin');
    settings.setTime('berlin', '09:00', 'Europe/Berlin');

    await runUntil(scheduler, clock, '2026-03-10T00:00:00Z');
    clock.set('2026-03-27T14:00:00Z');
    await scheduler.tick(); // catch-up of the Berlin/New York slots of the 27th, once each
    await runUntil(scheduler, clock, '2026-03-31T00:00:00Z');

    const times = (channel: string) => sent.filter((s) => s.channelId === channel).map((s) => s.at);
    expect(times('c-ny')).toEqual([
      '2026-03-06T14:00:00.000Z', // 09:00 EST
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z', // 09:00 EDT from 8 March
      '2026-03-09T13:00:00.000Z',
      '2026-03-27T14:00:00.000Z', // missed while the test jumped: caught up once
      '2026-03-28T13:00:00.000Z',
      '2026-03-29T13:00:00.000Z',
      '2026-03-30T13:00:00.000Z',
    ]);
    expect(times('c-berlin')).toEqual([
      '2026-03-06T08:00:00.000Z', // 09:00 CET
      '2026-03-07T08:00:00.000Z',
      '2026-03-08T08:00:00.000Z',
      '2026-03-09T08:00:00.000Z',
      '2026-03-27T14:00:00.000Z',
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z', // 09:00 CEST from 29 March
      '2026-03-30T07:00:00.000Z',
    ]);
    // Each digest holds the day's top papers of the guild's local date.
    expect(sent.find((s) => s.at === '2026-03-08T13:00:00.000Z')!.ids).toEqual([
      '2026-03-08-p1', '2026-03-08-p2', '2026-03-08-p3', '2026-03-08-p4', '2026-03-08-p5',
    ]);
  });

  it('posts a time skipped by spring-forward once, at 03:00, when ticking every 5 minutes', async () => {
    const clock = fakeClock('2026-03-07T12:00:00Z');
    const { post, sent } = recordingPost(clock);
    const { settings, scheduler } = setupScheduler({ clock, post });
    settings.setChannel('g', 'c');
    settings.setTime('g', '02:30', 'America/New_York');
    await tickEvery(scheduler, clock, 5, '2026-03-09T12:00:00Z');
    expect(sent.map((s) => s.at)).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z']);
  });

  it('posts a repeated time once on the fall-back day, when ticking every 5 minutes', async () => {
    const clock = fakeClock('2026-10-31T12:00:00Z');
    const { post, sent } = recordingPost(clock);
    const { settings, scheduler } = setupScheduler({ clock, post });
    settings.setChannel('g', 'c');
    settings.setTime('g', '01:30', 'America/New_York');
    await tickEvery(scheduler, clock, 5, '2026-11-02T12:00:00Z');
    expect(sent.map((s) => s.at)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('after downtime posts once, for the most recent missed slot only', async () => {
    const clock = fakeClock('2026-03-02T08:00:00Z');
    const { post, sent } = recordingPost(clock);
    const file = statePathFor(tempDir());
    const before = setupScheduler({ clock, post, file });
    before.settings.setChannel('g', 'c');
    before.state.close();

    // Down from 2 March 08:00 until 6 March 15:00: four slots passed.
    clock.set('2026-03-06T15:00:00Z');
    const after = setupScheduler({ clock, post, file });
    const report = await after.scheduler.tick();
    expect(report.created).toEqual([runIdFor('g', new Date('2026-03-06T09:00:00Z'))]);
    expect(sent.map((s) => [s.at, s.ids[0]])).toEqual([['2026-03-06T15:00:00.000Z', '2026-03-06-p1']]);

    clock.advance(60_000);
    expect(await after.scheduler.tick()).toEqual({ created: [], posted: [], retrying: [], failed: [], skipped: [] });
    await runUntil(after.scheduler, clock, '2026-03-07T12:00:00Z');
    expect(sent.map((s) => s.at)).toEqual(['2026-03-06T15:00:00.000Z', '2026-03-07T09:00:00.000Z']);
  });

  it('does not post for a slot that passed before the channel or time was set', async () => {
    const clock = fakeClock('2026-03-06T10:00:00Z');
    const { post, sent } = recordingPost(clock);
    const { settings, scheduler } = setupScheduler({ clock, post });
    settings.setChannel('g', 'c'); // 09:00 UTC already passed today
    await scheduler.tick();
    clock.set('2026-03-06T10:30:00Z');
    settings.setTime('g', '10:15'); // also already passed
    await scheduler.tick();
    expect(sent).toEqual([]);
    clock.set('2026-03-07T10:15:00Z');
    await scheduler.tick();
    expect(sent.map((s) => s.at)).toEqual(['2026-03-07T10:15:00.000Z']);
  });

  it('never posts a paper twice to a channel: the next digest takes the next papers', async () => {
    const clock = fakeClock('2026-03-06T08:00:00Z');
    const { post, sent } = recordingPost(clock);
    const { settings, scheduler } = setupScheduler({ clock, post });
    settings.setChannel('g', 'c');
    settings.setCount('g', 4);
    clock.set('2026-03-06T09:00:00Z');
    await scheduler.tick();
    settings.setTime('g', '12:00');
    clock.set('2026-03-06T12:00:00Z');
    await scheduler.tick();
    expect(sent.map((s) => s.ids)).toEqual([
      ['2026-03-06-p1', '2026-03-06-p2', '2026-03-06-p3', '2026-03-06-p4'],
      ['2026-03-06-p5', '2026-03-06-p6'],
    ]);
  });

  it('resumes a run interrupted mid-post after a restart: nothing lost, nothing posted twice', async () => {
    const file = statePathFor(tempDir());
    const clock = fakeClock('2026-03-06T08:00:00Z');
    // First process: the second message never completes (the process dies while sending it).
    let interrupted: DigestMessage | undefined;
    const crashing = recordingPost(clock, async (_channel, message, call) => {
      if (call !== 2) return;
      interrupted = message;
      await new Promise(() => undefined);
    });
    const first = setupScheduler({ clock, post: crashing.post, file, extra: { itemsPerMessage: 2 } });
    first.settings.setChannel('g', 'c');
    clock.set('2026-03-06T09:00:00Z');
    void first.scheduler.tick();
    await waitUntil(() => crashing.calls() === 2);
    expect(crashing.sent.map((s) => s.part)).toEqual([1]);

    // Restart a minute later with a fresh connection to the same file.
    clock.set('2026-03-06T09:01:00Z');
    const resumed = recordingPost(clock);
    const second = setupScheduler({ clock, post: resumed.post, file, extra: { itemsPerMessage: 2 } });
    const report = await second.scheduler.tick();
    expect(report).toMatchObject({ created: [], posted: [runIdFor('g', new Date('2026-03-06T09:00:00Z'))] });
    expect(resumed.sent.map((s) => [s.part, s.parts, s.ids])).toEqual([
      [2, 3, ['2026-03-06-p3', '2026-03-06-p4']],
      [3, 3, ['2026-03-06-p5']],
    ]);
    // The re-sent part carries the same key as the interrupted attempt, so Discord can drop a duplicate.
    expect(resumed.sent[0]!.key).toBe(interrupted!.idempotencyKey);
    expect(resumed.sent[0]!.key).not.toBe(crashing.sent[0]!.key);
    const all = [...crashing.sent, ...resumed.sent].flatMap((s) => s.ids);
    expect(all).toEqual(['2026-03-06-p1', '2026-03-06-p2', '2026-03-06-p3', '2026-03-06-p4', '2026-03-06-p5']);
    expect(second.state.posted.postedByRun(runIdFor('g', new Date('2026-03-06T09:00:00Z'))).size).toBe(5);
    // The source was asked once: the resumed run posts the papers chosen before the crash.
    expect(second.source.calls).toEqual([]);
    expect(await second.scheduler.tick()).toMatchObject({ posted: [], created: [] });
    second.state.close();
  });

  it('marks a post Discord rejects for good as failed once, reports it, and does not retry it', async () => {
    const clock = fakeClock('2026-03-06T08:00:00Z');
    const rejecting = recordingPost(clock, async () => {
      throw Object.assign(new Error('Missing Permissions'), { code: 50013, status: 403 });
    });
    const { settings, scheduler, state, logger } = setupScheduler({ clock, post: rejecting.post });
    settings.setChannel('g', 'c');
    clock.set('2026-03-06T09:00:00Z');
    const report = await scheduler.tick();
    const runId = runIdFor('g', new Date('2026-03-06T09:00:00Z'));
    expect(report.failed).toEqual([runId]);
    expect(state.runs.get(runId)).toMatchObject({ status: 'failed', attempts: 1, error: 'Missing Permissions (Discord code 50013, HTTP 403)' });
    expect(logger.lines.filter((l) => l.startsWith('error:'))).toEqual([
      `error: digest: run ${runId} for channel c failed: Missing Permissions (Discord code 50013, HTTP 403)`,
    ]);
    await tickEvery(scheduler, clock, 30, '2026-03-06T23:30:00Z');
    expect(rejecting.calls()).toBe(1);
    const status = describeDigestStatus({ settings: settings.get('g'), state, now: clock.now() });
    expect(status.recent[0]).toMatchObject({ status: 'failed', posted: 0, planned: 5, error: 'Missing Permissions (Discord code 50013, HTTP 403)' });
    expect(formatDigestStatus(status)).toContain('• 2026-03-06: FAILED (0/5 papers) — Missing Permissions (Discord code 50013, HTTP 403)');
    // The next day is a new slot and is tried again.
    clock.set('2026-03-07T09:00:00Z');
    await scheduler.tick();
    expect(rejecting.calls()).toBe(2);
  });

  it('retries a transient failure at most twice, at the planned times', async () => {
    const clock = fakeClock('2026-03-06T08:00:00Z');
    const flaky = recordingPost(clock, async (_c, _m, call) => {
      if (call <= 2) throw Object.assign(new Error('Service Unavailable'), { status: 503 });
    });
    const { settings, scheduler, state } = setupScheduler({ clock, post: flaky.post });
    settings.setChannel('g', 'c');
    const runId = runIdFor('g', new Date('2026-03-06T09:00:00Z'));
    clock.set('2026-03-06T09:00:00Z');
    expect((await scheduler.tick()).retrying).toEqual([runId]);
    expect(state.runs.get(runId)).toMatchObject({ status: 'retrying', attempts: 1, nextAttemptAt: '2026-03-06T09:01:00.000Z' });
    expect(scheduler.nextWakeAt()?.toISOString()).toBe('2026-03-06T09:01:00.000Z');
    clock.set('2026-03-06T09:00:30Z');
    await scheduler.tick();
    expect(flaky.calls()).toBe(1);
    clock.set('2026-03-06T09:01:00Z');
    await scheduler.tick();
    expect(state.runs.get(runId)).toMatchObject({ status: 'retrying', attempts: 2, nextAttemptAt: '2026-03-06T09:06:00.000Z' });
    clock.set('2026-03-06T09:06:00Z');
    expect((await scheduler.tick()).posted).toEqual([runId]);
    expect(flaky.sent).toHaveLength(1);
  });

  it('gives up on a transient failure after three attempts', async () => {
    const clock = fakeClock('2026-03-06T09:00:00Z');
    const down = recordingPost(clock, async () => {
      throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    });
    const { settings, scheduler, state } = setupScheduler({ clock, post: down.post });
    clock.set('2026-03-06T08:00:00Z');
    settings.setChannel('g', 'c');
    clock.set('2026-03-06T09:00:00Z');
    await tickEvery(scheduler, clock, 1, '2026-03-06T12:00:00Z');
    expect(down.calls()).toBe(3);
    expect(state.runs.get(runIdFor('g', new Date('2026-03-06T09:00:00Z')))).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: 'read ECONNRESET (ECONNRESET); gave up after 3 attempts',
    });
  });

  it('skips an open run when the digest is turned off before it is posted', async () => {
    const clock = fakeClock('2026-03-06T08:00:00Z');
    const flaky = recordingPost(clock, async () => {
      throw Object.assign(new Error('Bad Gateway'), { status: 502 });
    });
    const { settings, scheduler, state } = setupScheduler({ clock, post: flaky.post });
    settings.setChannel('g', 'c');
    clock.set('2026-03-06T09:00:00Z');
    await scheduler.tick();
    settings.disable('g');
    clock.set('2026-03-06T09:10:00Z');
    const report = await scheduler.tick();
    expect(report.skipped).toEqual([runIdFor('g', new Date('2026-03-06T09:00:00Z'))]);
    expect(state.runs.listOpen()).toEqual([]);
    expect(flaky.calls()).toBe(1);
  });

  it('skips the run when every paper was already posted', async () => {
    const clock = fakeClock('2026-03-06T08:00:00Z');
    const { post, sent } = recordingPost(clock);
    const { settings, scheduler, state } = setupScheduler({ clock, post });
    settings.setChannel('g', 'c');
    state.posted.record('c', null, [1, 2, 3, 4, 5, 6].map((i) => ({ id: `2026-03-06-p${i}`, title: `Paper ${i} of 2026-03-06` })));
    clock.set('2026-03-06T09:00:00Z');
    const report = await scheduler.tick();
    // The fake setup has no corpus to fall back on.
    expect(report.skipped).toHaveLength(1);
    expect(sent).toEqual([]);
  });
});

describe('createScheduler().start', () => {
  it('ticks at once, then sleeps until the next slot but never longer than the cap; stop() ends the loop', async () => {
    const clock = fakeClock('2026-03-06T08:59:30Z');
    const delays: number[] = [];
    const cleared: unknown[] = [];
    const timers = {
      setTimeout: (_fn: () => void, ms: number) => {
        delays.push(ms);
        return delays.length;
      },
      clearTimeout: (handle: unknown) => {
        cleared.push(handle);
      },
    };
    const { post } = recordingPost(clock);
    const { settings, scheduler } = setupScheduler({ clock, post, extra: { timers, maxSleepMs: 60_000 } });
    clock.set('2026-03-06T08:00:00Z');
    settings.setChannel('g', 'c');
    clock.set('2026-03-06T08:59:30Z');
    scheduler.start();
    await scheduler.tick();
    await new Promise((resolve) => setImmediate(resolve));
    expect(delays).toEqual([30_000]);
    await scheduler.stop();
    expect(cleared).toEqual([1]);
  });
});

describe('createDigestSettings', () => {
  it('validates time, zone and count with messages for the user', () => {
    const state = openState(':memory:', { clock: fakeClock('2026-03-06T08:00:00Z'), logger: { debug() {}, info() {}, warn() {}, error() {} } });
    const settings = createDigestSettings({ state, defaults: { time: '09:00', timeZone: 'UTC', count: 5 } });
    expect(settings.get('g')).toMatchObject({ channelId: null, time: '09:00', timeZone: 'UTC', count: 5, enabled: false });
    expect(settings.setTime('g', '7:05', 'Europe/Berlin')).toMatchObject({ time: '07:05', timeZone: 'Europe/Berlin' });
    expect(() => settings.setTime('g', '7pm')).toThrow('"7pm" is not a time of day; use 24-hour HH:MM, e.g. 09:00 or 17:30');
    expect(() => settings.setTime('g', '07:00', 'Berlin')).toThrow(/"Berlin" is not a time zone/);
    expect(() => settings.setCount('g', 11)).toThrow('the number of papers must be a whole number from 1 to 10');
    expect(settings.setChannel('g', 'c')).toMatchObject({ enabled: true, channelId: 'c', time: '07:05' });
    expect(settings.disable('g')).toMatchObject({ enabled: false, channelId: 'c' });
  });
});

/** Waits (on the event loop, not on a clock) until a condition holds. */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i += 1) await new Promise((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error('condition not reached');
}


