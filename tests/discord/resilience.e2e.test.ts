/**
 * End to end: failures and timing. A handler that throws, a slow handler (deferred by the router's timer), the
 * per-user cooldown, and a shutdown that lets a reply in flight finish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_USERS } from '../fake-discord/server.js';
import { checkAllPayloads, finalReply, startHarness, withAnswers } from './harness.js';
import type { Harness } from './harness.js';

const EPHEMERAL = 64;
const question = [{ name: 'question', type: 3, value: 'which papers cover pruning?' }];

/** A promise with its resolve function, to hold a handler until the test lets it go. */
function latch() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { release, released };
}

let h: Harness | undefined;

afterEach(async () => {
  if (h) checkAllPayloads(h.fake);
  await h?.stop();
  h = undefined;
});

describe('a handler that throws', () => {
  it('gets a private, generic error message, is logged with context, and the bot keeps serving', async () => {
    h = await startHarness({
      wrapApp: (app) =>
        withAnswers(app, {
          similar: async () => {
            throw new Error('vector index offline');
          },
        }),
    });
    const reply = await finalReply(h.fake, h.fake.sendCommand('similar', [{ name: 'paper', type: 3, value: 'lottery ticket hypothesis' }]));
    expect(reply.flags).toBe(EPHEMERAL);
    expect(reply.content).toBe('Something went wrong while running /similar. The error was logged; please try again in a moment.');
    expect(reply.content).not.toContain('vector index offline');
    const logged = h.logs.find((line) => line.startsWith('error: /similar failed'));
    expect(logged).toContain('user="200000000000000001"');
    expect(logged).toContain('error="vector index offline"');

    const after = await finalReply(h.fake, h.fake.sendCommand('about'));
    expect((after.embeds as { title: string }[])[0]?.title).toBe('Paper Scout');
  });

  it('after a deferral, the public "thinking" message is replaced by a private error', async () => {
    const gate = latch();
    h = await startHarness({
      autoDeferMs: 20,
      wrapApp: (app) =>
        withAnswers(app, {
          ask: async () => {
            await gate.released;
            throw new Error('model crashed');
          },
        }),
    });
    const handle = h.fake.sendCommand('ask', question);
    expect(((await handle.callback()).body as { type: number }).type).toBe(5);
    gate.release();
    await handle.request('webhook-delete');
    const followUp = (await handle.request('webhook-followup')).body as { content: string; flags: number };
    expect(followUp.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(followUp.content).toMatch(/^Something went wrong while running \/ask/);
  });
});

describe('a slow handler', () => {
  it('is deferred by the router before Discord gives up, then its answer edits the reply', async () => {
    const gate = latch();
    h = await startHarness({
      autoDeferMs: 20,
      wrapApp: (app) =>
        withAnswers(app, {
          ask: async (q, o) => {
            await gate.released;
            return app.answers.ask(q, o);
          },
        }),
    });
    const handle = h.fake.sendCommand('ask', question);
    expect(((await handle.callback()).body as { type: number }).type).toBe(5);
    gate.release();
    const edit = (await handle.request('webhook-edit')).body as { embeds: { title: string }[] };
    expect(edit.embeds[0]?.title).toBe('which papers cover pruning?');
    expect(handle.requests().filter((r) => r.kind === 'callback')).toHaveLength(1);
  });
});

describe('cooldown', () => {
  it('answers a flood politely, per user', async () => {
    h = await startHarness({ env: { COOLDOWN_SECONDS: '30' } });
    const search = [{ name: 'query', type: 3, value: 'pruning' }];
    const first = await finalReply(h.fake, h.fake.sendCommand('search', search));
    expect(first.flags ?? 0).toBe(0);
    const second = await finalReply(h.fake, h.fake.sendCommand('search', search));
    expect(second.flags).toBe(EPHEMERAL);
    expect(second.content).toBe("You're going a little fast — please wait 30 s and try again.");
    const other = await finalReply(h.fake, h.fake.sendCommand('search', search, DEFAULT_USERS.bob));
    expect(other.flags ?? 0).toBe(0);
    // /about is exempt; after the window the user may search again.
    expect((await finalReply(h.fake, h.fake.sendCommand('about'))).flags ?? 0).toBe(0);
    h.clock.advance(30_000);
    expect((await finalReply(h.fake, h.fake.sendCommand('search', search))).flags ?? 0).toBe(0);
  });
});

describe('shutdown', () => {
  it('finishes a reply in flight before disconnecting', async () => {
    const gate = latch();
    const started = latch();
    h = await startHarness({
      wrapApp: (app) =>
        withAnswers(app, {
          ask: async (q, o) => {
            started.release();
            await gate.released;
            return app.answers.ask(q, o);
          },
        }),
    });
    const handle = h.fake.sendCommand('ask', question);
    await started.released;
    const stopping = h.bot.stop({ drainMs: 5000 });
    expect(h.bot.router.pending).toBe(1);
    gate.release();
    await stopping;
    const reply = await finalReply(h.fake, handle);
    expect((reply.embeds as { title: string }[])[0]?.title).toBe('which papers cover pruning?');
    expect(h.bot.router.pending).toBe(0);
  });
});
