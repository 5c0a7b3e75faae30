import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { DISCORD_LIMITS, fitEmbed, fitEmbeds, fitLines, measureEmbed, truncateText } from '../../src/discord/limits.js';
import { findLimitViolations } from '../fake-discord/assertions.js';

describe('truncateText', () => {
  it('leaves text that fits untouched', () => {
    expect(truncateText('Short text.', 11)).toBe('Short text.');
  });

  it('cuts after the last sentence that fits when that keeps most of the room', () => {
    const text = 'First sentence is here. Second one is a bit longer and will not fit.';
    expect(truncateText(text, 30)).toBe('First sentence is here. …');
  });

  it('cuts at a word boundary when no sentence end is close enough', () => {
    expect(truncateText('alpha beta gamma delta epsilon', 20)).toBe('alpha beta gamma…');
  });

  it('hard-cuts a single long word and never exceeds the limit', () => {
    const out = truncateText('x'.repeat(50), 10);
    expect(out).toBe(`${'x'.repeat(8)}…`);
    expect(out.length).toBeLessThanOrEqual(10);
  });

  it('does not split a surrogate pair', () => {
    const out = truncateText(`${'a'.repeat(7)}😀😀😀`, 10);
    expect(out).toBe(`${'a'.repeat(7)}…`);
  });

  it('returns an ellipsis or nothing for tiny limits', () => {
    expect(truncateText('abcdef', 2)).toBe('…');
    expect(truncateText('abcdef', 0)).toBe('');
  });
});

describe('fitLines', () => {
  it('keeps whole lines and says how many were left out', () => {
    const lines = ['alpha', 'bravo', 'charlie', 'delta'];
    expect(fitLines(lines, 17)).toBe('alpha\n…and 3 more');
    expect(fitLines(lines, 23)).toBe('alpha\nbravo\n…and 2 more');
  });

  it('returns everything when it fits', () => {
    expect(fitLines(['a', 'b'], 3)).toBe('a\nb');
  });

  it('shortens a first line that alone is too long', () => {
    const out = fitLines(['word '.repeat(40), 'second'], 60);
    expect(out.length).toBeLessThanOrEqual(60);
    expect(out.endsWith('…and 1 more')).toBe(true);
  });
});

describe('measureEmbed', () => {
  it('counts title, description, fields, footer and author', () => {
    expect(measureEmbed({ title: 'ab', description: 'cde', fields: [{ name: 'f', value: 'gh' }], footer: { text: 'ij' }, author: { name: 'k' } })).toBe(11);
  });
});

describe('fitEmbed', () => {
  it('caps each part at its own limit and fills empty field values', () => {
    const fitted = fitEmbed({
      title: 't'.repeat(300),
      description: 'd '.repeat(3000),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `n${i}`, value: i === 0 ? '' : 'v '.repeat(600) })),
      footer: { text: 'f'.repeat(3000) },
    });
    expect(fitted.title?.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(fitted.title?.endsWith('t…')).toBe(true);
    expect(fitted.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(fitted.fields).toHaveLength(25);
    expect(fitted.fields?.[0]?.value).toBe('\u200b');
    expect(Math.max(...fitted.fields!.map((f) => f.value.length))).toBeLessThanOrEqual(1024);
    expect(fitted.footer!.text.length).toBeLessThanOrEqual(2048);
  });
});

describe('fitEmbeds', () => {
  it('brings ten full embeds under the 6000-character total and keeps at most ten', () => {
    const big: APIEmbed = { title: 'Title', description: 'Sentence number one. '.repeat(200) };
    const fitted = fitEmbeds(Array.from({ length: 12 }, () => big));
    expect(fitted).toHaveLength(10);
    expect(fitted.reduce((sum, e) => sum + measureEmbed(e), 0)).toBeLessThanOrEqual(6000);
    expect(findLimitViolations({ embeds: fitted })).toEqual([]);
    expect(fitted[0]?.title).toBe('Title');
  });

  it('shortens the longest texts first, leaving short ones whole', () => {
    const fitted = fitEmbeds([
      { title: 'A', description: 'short' },
      { title: 'B', description: 'long words here. '.repeat(400) },
    ]);
    expect(fitted[0]?.description).toBe('short');
    expect(fitted[1]?.description?.endsWith('…')).toBe(true);
  });
});
