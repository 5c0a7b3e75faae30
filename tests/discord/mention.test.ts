import { describe, expect, it } from 'vitest';
import { createMentionInvocation, extractMentionQuestion } from '../../src/discord/mention.js';
import type { MentionMessage } from '../../src/discord/mention.js';

const BOT = '100000000000000001';

describe('extractMentionQuestion', () => {
  it('strips the bot mention in both forms, wherever it is', () => {
    expect(extractMentionQuestion(`<@${BOT}> which papers cover pruning?`, BOT)).toBe('which papers cover pruning?');
    expect(extractMentionQuestion(`so <@!${BOT}>, what about GNNs?`, BOT)).toBe('so , what about GNNs?');
  });

  it('is undefined when the bot is not mentioned, empty when nothing was asked', () => {
    expect(extractMentionQuestion('<@123456789012345678> hi', BOT)).toBeUndefined();
    expect(extractMentionQuestion(`<@${BOT}>   `, BOT)).toBe('');
  });
});

describe('createMentionInvocation', () => {
  function fakeMessage() {
    const sent: { op: string; options?: unknown }[] = [];
    const message: MentionMessage = {
      author: { id: '200000000000000001', username: 'alice' } as MentionMessage['author'],
      channel: { sendTyping: async () => void sent.push({ op: 'typing' }) },
      reply: async (options) => {
        sent.push({ op: 'reply', options });
        return {
          edit: async (o) => void sent.push({ op: 'edit', options: o }),
          delete: async () => void sent.push({ op: 'delete' }),
        };
      },
    };
    return { message, sent };
  }

  it('exposes the text as the one option of the command', () => {
    const invocation = createMentionInvocation(fakeMessage().message, 'ask', 'question', 'why?');
    expect(invocation.commandName).toBe('ask');
    expect(invocation.options.data).toEqual([{ name: 'question', type: 3, value: 'why?' }]);
  });

  it('defers with the typing indicator and replies without pinging the author', async () => {
    const { message, sent } = fakeMessage();
    const invocation = createMentionInvocation(message, 'ask', 'question', 'why?');
    await invocation.deferReply();
    await invocation.editReply({ content: 'because', flags: 64 } as never);
    await invocation.editReply({ content: 'because, really' });
    expect(sent).toEqual([
      { op: 'typing' },
      { op: 'reply', options: { content: 'because', allowedMentions: { parse: [], repliedUser: false } } },
      { op: 'edit', options: { content: 'because, really', allowedMentions: { parse: [], repliedUser: false } } },
    ]);
    expect([invocation.deferred, invocation.replied]).toEqual([true, true]);
  });
});
