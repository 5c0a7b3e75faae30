import { describe, expect, it } from 'vitest';
import { PaperLookupError } from '../../src/answers/types.js';
import type { Command, SharedContext } from '../../src/discord/command.js';
import { createResultSessions, encodeCustomId } from '../../src/discord/components.js';
import { createCooldowns } from '../../src/discord/cooldown.js';
import { UserFacingError } from '../../src/discord/errors.js';
import { buildSlashCommand } from '../../src/discord/options.js';
import { createRouter } from '../../src/discord/router.js';
import { createLogger } from '../../src/shared/log.js';
import { createFakeApp } from '../helpers/fake-app.js';
import { createManualClock } from './harness.js';
import { recordingAutocomplete, recordingInvocation } from './invocations.js';

const ALICE = '200000000000000001';
const BOB = '200000000000000002';
const EPHEMERAL = 64;

function command(name: string, parts: Partial<Command>): Command {
  return { data: buildSlashCommand({ name, description: name }), execute: async () => {}, ...parts };
}

function setup(options: { cooldownSeconds?: number; autoDeferMs?: number; extra?: Command[] } = {}) {
  const clock = createManualClock();
  const logs: string[] = [];
  const app = createFakeApp({ clock });
  const list: Command[] = [
    command('echo', {
      execute: async (invocation, ctx) => ctx.respond({ content: `echo from ${ctx.surface} for ${ctx.user.username}` }),
      buttons: { go: async (press, ctx) => ctx.update({ content: `pressed ${press.args.join(',')}` }) },
      autocomplete: async (invocation) => {
        await invocation.respond([{ name: 'choice', value: invocation.options.getFocused(true).value }]);
      },
    }),
    command('boom', {
      execute: async () => {
        throw new Error('database is on fire');
      },
      autocomplete: async () => {
        throw new Error('suggestions broke');
      },
    }),
    command('lookup', { execute: async (_i, ctx) => void ctx.app.answers.resolve('no such paper') }),
    command('refuse', {
      execute: async () => {
        throw new UserFacingError('Nothing to compare.');
      },
    }),
    command('silent', {}),
    command('heavy', { shouldDefer: () => true, execute: async (_i, ctx) => ctx.respond({ content: 'heavy result' }) }),
    command('info', { cooldown: false, execute: async (_i, ctx) => ctx.respond({ content: 'info' }) }),
    ...(options.extra ?? []),
  ];
  const commands = new Map(list.map((c) => [c.data.name, c]));
  const shared: SharedContext = {
    app,
    logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }),
    clock,
    sessions: createResultSessions({ ttlMs: 60_000, clock }),
    buttonTtlMs: 60_000,
    commands,
  };
  const router = createRouter({
    commands,
    shared,
    cooldowns: createCooldowns({ seconds: options.cooldownSeconds ?? 0, clock }),
    autoDeferMs: options.autoDeferMs ?? 10_000,
  });
  const buttonId = (ownerId = ALICE, issuedAt = clock.now(), action = 'go') =>
    encodeCustomId({ command: 'echo', action, ownerId, issuedAt, args: ['a', 'b'] });
  return { router, logs, clock, buttonId };
}

describe('createRouter: runCommand', () => {
  it('runs the handler with a context naming the surface and user', async () => {
    const { router } = setup();
    const invocation = recordingInvocation({ commandName: 'echo' });
    await router.runCommand(invocation, 'local');
    expect(invocation.calls).toEqual([{ method: 'reply', options: { content: 'echo from local for alice', allowedMentions: { parse: [] } } }]);
  });

  it('answers an unknown command privately', async () => {
    const { router, logs } = setup();
    const invocation = recordingInvocation({ commandName: 'gone' });
    await router.runCommand(invocation, 'discord');
    expect(invocation.calls[0]?.options).toMatchObject({ content: "I don't know /gone (any more). Type / to see the commands I have.", flags: EPHEMERAL });
    expect(logs.some((l) => l.startsWith('warn: unknown command'))).toBe(true);
  });

  it('turns a thrown error into a private generic message and logs it with context', async () => {
    const { router, logs } = setup();
    const invocation = recordingInvocation({ commandName: 'boom' });
    await router.runCommand(invocation, 'discord');
    expect(invocation.calls[0]?.options).toMatchObject({
      content: 'Something went wrong while running /boom. The error was logged; please try again in a moment.',
      flags: EPHEMERAL,
    });
    const line = logs.find((l) => l.startsWith('error: /boom failed'));
    expect(line).toContain(`user="${ALICE}"`);
    expect(line).toContain('error="database is on fire"');
  });

  it('shows lookup and user-facing errors as they are, without an error log', async () => {
    const { router, logs } = setup();
    const lookup = recordingInvocation({ commandName: 'lookup' });
    await router.runCommand(lookup, 'discord');
    expect(lookup.calls[0]?.options?.content).toBe('No paper in the corpus matches “no such paper”. Try a few words of its title.');
    const refuse = recordingInvocation({ commandName: 'refuse' });
    await router.runCommand(refuse, 'discord');
    expect(refuse.calls[0]?.options?.content).toBe('Nothing to compare.');
    expect(logs.filter((l) => l.startsWith('error:'))).toEqual([]);
  });

  it('answers for a handler that forgot to, and logs the bug', async () => {
    const { router, logs } = setup();
    const invocation = recordingInvocation({ commandName: 'silent' });
    await router.runCommand(invocation, 'discord');
    expect(invocation.calls[0]?.options?.content).toBe('Nothing to show for that.');
    expect(logs.some((l) => l.startsWith('error: /silent finished without answering'))).toBe(true);
  });

  it('defers first when the command asks for it', async () => {
    const { router } = setup();
    const invocation = recordingInvocation({ commandName: 'heavy' });
    await router.runCommand(invocation, 'discord');
    expect(invocation.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply']);
  });

  it('applies the per-user cooldown, except to commands that opt out', async () => {
    const { router, clock } = setup({ cooldownSeconds: 5 });
    const first = recordingInvocation({ commandName: 'echo' });
    const second = recordingInvocation({ commandName: 'echo' });
    const bob = recordingInvocation({ commandName: 'echo', userId: BOB });
    const info = recordingInvocation({ commandName: 'info' });
    for (const i of [first, second, bob, info]) await router.runCommand(i, 'discord');
    expect(second.calls[0]?.options).toMatchObject({ content: "You're going a little fast — please wait 5 s and try again.", flags: EPHEMERAL });
    expect([first, bob, info].map((i) => i.calls[0]?.options?.flags)).toEqual([undefined, undefined, undefined]);
    clock.advance(5000);
    const later = recordingInvocation({ commandName: 'echo' });
    await router.runCommand(later, 'discord');
    expect(later.calls[0]?.options?.flags).toBeUndefined();
  });

  it('answers "restarting" once it stops accepting work', async () => {
    const { router } = setup();
    router.stopAccepting();
    const invocation = recordingInvocation({ commandName: 'echo' });
    await router.runCommand(invocation, 'discord');
    expect(invocation.calls[0]?.options?.content).toMatch(/restarting/);
  });
});

describe('createRouter: runAutocomplete', () => {
  it('passes the request to the command', async () => {
    const { router } = setup();
    const { invocation, responses } = recordingAutocomplete('echo', 'q', 'lot');
    await router.runAutocomplete(invocation);
    expect(responses).toEqual([[{ name: 'choice', value: 'lot' }]]);
  });

  it('answers with no choices when the handler fails or does not exist', async () => {
    const { router, logs } = setup();
    const failing = recordingAutocomplete('boom', 'q', 'x');
    await router.runAutocomplete(failing.invocation);
    const missing = recordingAutocomplete('silent', 'q', 'x');
    await router.runAutocomplete(missing.invocation);
    expect([failing.responses, missing.responses]).toEqual([[[]], [[]]]);
    expect(logs.some((l) => l.startsWith('error: autocomplete failed'))).toBe(true);
  });
});

describe('createRouter: runButton', () => {
  it('runs the button handler of its command for the owner', async () => {
    const { router, buttonId } = setup();
    const press = recordingInvocation({ customId: buttonId() });
    await router.runButton(press, 'discord');
    expect(press.calls[0]).toMatchObject({ method: 'update', options: { content: 'pressed a,b' } });
  });

  it('refuses other users privately, without touching the message', async () => {
    const { router, buttonId } = setup();
    const press = recordingInvocation({ customId: buttonId(), userId: BOB });
    await router.runButton(press, 'discord');
    expect(press.calls).toHaveLength(1);
    expect(press.calls[0]).toMatchObject({ method: 'reply', options: { flags: EPHEMERAL } });
    expect(press.calls[0]?.options?.content).toMatch(/^These buttons belong to whoever ran \/echo/);
  });

  it('expires old buttons: strips them and explains privately', async () => {
    const { router, buttonId, clock } = setup();
    const id = buttonId();
    clock.advance(60_001);
    const press = recordingInvocation({ customId: id });
    await router.runButton(press, 'discord');
    expect(press.calls).toEqual([
      { method: 'update', options: { components: [] } },
      { method: 'followUp', options: { content: 'This result expired. Run /echo again.', flags: EPHEMERAL, allowedMentions: { parse: [] } } },
    ]);
  });

  it('strips buttons it cannot handle', async () => {
    const { router, buttonId } = setup();
    for (const customId of ['not-ours', buttonId(ALICE, undefined, 'nope')]) {
      const press = recordingInvocation({ customId });
      await router.runButton(press, 'discord');
      expect(press.calls.map((c) => c.method)).toEqual(['update', 'followUp']);
    }
  });
});

describe('createRouter: drain', () => {
  it('waits for work in flight and reports whether it finished', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = command('slow', { execute: async (_i, ctx) => gate.then(() => ctx.respond({ content: 'late' })) });
    const { router } = setup({ extra: [slow] });
    const invocation = recordingInvocation({ commandName: 'slow' });
    void router.runCommand(invocation, 'discord');
    expect(router.pending).toBe(1);
    expect(await router.drain(10)).toBe(false);
    release();
    expect(await router.drain(1000)).toBe(true);
    expect(invocation.calls[0]?.options?.content).toBe('late');
  });

  it('defers by itself when a handler is slow', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let deferredSeen!: () => void;
    const seen = new Promise<void>((resolve) => (deferredSeen = resolve));
    const slow = command('slow', { execute: async (_i, ctx) => gate.then(() => ctx.respond({ content: 'late' })) });
    const { router } = setup({ extra: [slow], autoDeferMs: 5 });
    const invocation = recordingInvocation({ commandName: 'slow' });
    const original = invocation.deferReply;
    invocation.deferReply = async (o) => {
      await original(o);
      deferredSeen();
    };
    const done = router.runCommand(invocation, 'discord');
    await seen;
    release();
    await done;
    expect(invocation.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply']);
  });
});

describe('PaperLookupError through the router', () => {
  it('lists the candidates of an ambiguous reference', async () => {
    const ambiguous = command('amb', {
      execute: async (_i, ctx) => {
        throw new PaperLookupError({ kind: 'ambiguous', query: 'net*works', candidates: ctx.app.store.all().slice(0, 2) });
      },
    });
    const { router } = setup({ extra: [ambiguous] });
    const invocation = recordingInvocation({ commandName: 'amb' });
    await router.runCommand(invocation, 'discord');
    expect(invocation.calls[0]?.options?.content).toBe(
      '“net\\*works” matches several papers. Which one did you mean?\n• The Lottery Ticket Hypothesis\n• Graph Networks for Molecules\nTip: pick a title from the autocomplete list.',
    );
  });
});

