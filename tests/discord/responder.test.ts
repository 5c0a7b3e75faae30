import { MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createResponder, toEditOptions, toReplyOptions } from '../../src/discord/responder.js';
import { recordingInvocation } from './invocations.js';

describe('toReplyOptions', () => {
  it('disables every ping, marks ephemeral replies and fits the content', () => {
    const options = toReplyOptions({ content: 'x'.repeat(3000), ephemeral: true });
    expect(options.allowedMentions).toEqual({ parse: [] });
    expect(options.flags).toBe(MessageFlags.Ephemeral);
    expect((options.content as string).length).toBeLessThanOrEqual(2000);
  });
});

describe('toEditOptions', () => {
  it('replaces the whole message: absent parts are cleared', () => {
    expect(toEditOptions({ embeds: [{ title: 't' }] })).toEqual({ content: '', embeds: [{ title: 't' }], components: [], allowedMentions: { parse: [] } });
  });
});

describe('createResponder', () => {
  it('replies first, then follows up', async () => {
    const invocation = recordingInvocation();
    const responder = createResponder(invocation);
    await responder.respond({ content: 'one' });
    await responder.respond({ content: 'two' });
    expect(invocation.calls.map((c) => c.method)).toEqual(['reply', 'followUp']);
    expect(responder.state).toBe('answered');
  });

  it('edits the deferred reply', async () => {
    const invocation = recordingInvocation();
    const responder = createResponder(invocation);
    await responder.defer();
    await responder.defer();
    await responder.respond({ content: 'done' });
    expect(invocation.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply']);
    expect(invocation.calls[1]?.options?.content).toBe('done');
  });

  it('turns a public deferral into a private answer by deleting it and following up', async () => {
    const invocation = recordingInvocation();
    const responder = createResponder(invocation);
    await responder.defer();
    await responder.respond({ content: 'oops', ephemeral: true });
    expect(invocation.calls.map((c) => c.method)).toEqual(['deferReply', 'deleteReply', 'followUp']);
    expect(invocation.calls[2]?.options?.flags).toBe(MessageFlags.Ephemeral);
  });

  it('serialises a deferral racing a reply so Discord never sees two acknowledgements', async () => {
    const invocation = recordingInvocation();
    const responder = createResponder(invocation);
    await Promise.all([responder.defer(), responder.respond({ content: 'answer' })]);
    expect(invocation.calls.map((c) => c.method)).toEqual(['deferReply', 'editReply']);
  });

  it('updates or strips the buttons of a pressed message', async () => {
    const pressed = recordingInvocation();
    await createResponder(pressed).update({ content: 'page 2' });
    expect(pressed.calls).toEqual([{ method: 'update', options: { content: 'page 2', embeds: [], components: [], allowedMentions: { parse: [] } } }]);
    const expired = recordingInvocation();
    await createResponder(expired).removeComponents();
    expect(expired.calls).toEqual([{ method: 'update', options: { components: [] } }]);
  });

  it('keeps working after a failed step', async () => {
    const invocation = recordingInvocation({ fail: ['deferReply'] });
    const responder = createResponder(invocation);
    await expect(responder.defer()).rejects.toThrow('deferReply failed');
    await responder.respond({ content: 'still here' });
    expect(invocation.calls.map((c) => c.method)).toEqual(['reply']);
  });
});
