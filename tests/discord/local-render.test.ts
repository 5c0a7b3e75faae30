import { ButtonStyle, ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { buttonHints, plainText, renderEmbed, renderReply } from '../../src/local/render.js';

describe('plainText', () => {
  it('turns links into "text <url>" and drops emphasis and escapes', () => {
    expect(plainText('**[1]** [A \\[B\\]](https://x.org) is *nice* and f\\_x')).toBe('[1] A [B] <https://x.org> is nice and f_x');
    expect(plainText('@\u200beveryone')).toBe('@everyone');
  });
});

describe('buttonHints', () => {
  it('lists enabled buttons by lower-cased label', () => {
    const rows = [
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, custom_id: 'a', label: 'Summarize 1', style: ButtonStyle.Primary },
          { type: ComponentType.Button, custom_id: 'b', label: 'Previous', style: ButtonStyle.Secondary, disabled: true },
          { type: ComponentType.Button, url: 'https://x.org', label: 'Open', style: ButtonStyle.Link },
        ],
      },
    ];
    expect(buttonHints(rows)).toEqual([{ hint: 'summarize 1', customId: 'a' }]);
  });
});

describe('renderEmbed', () => {
  it('shows title, url, indented description, fields and footer', () => {
    expect(
      renderEmbed({ title: '1. Paper', url: 'https://x.org', description: '> quote\n*score 0.5*', fields: [{ name: 'Sources', value: 'a\nb' }], footer: { text: 'keyword · 3 ms' } }),
    ).toBe('■ 1. Paper\n  https://x.org\n  > quote\n  score 0.5\n  Sources:\n    a\n    b\n  — keyword · 3 ms');
  });
});

describe('renderReply', () => {
  it('marks private replies and appends button hints', () => {
    const text = renderReply({
      content: 'Heads up',
      flags: 64,
      components: [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, custom_id: 'n', label: 'Next', style: ButtonStyle.Secondary }] }],
    });
    expect(text).toBe('(only you) Heads up\n\n[next]');
  });
});
