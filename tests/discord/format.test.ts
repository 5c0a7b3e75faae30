import { describe, expect, it } from 'vitest';
import {
  collapseWhitespace,
  escapeCorpusText,
  escapeUserText,
  formatElapsed,
  formatUptime,
  markdownLink,
  neutralizeMentions,
  plural,
  quoteBlock,
} from '../../src/discord/format.js';

describe('escapeUserText', () => {
  it('escapes emphasis, headings, lists and masked links', () => {
    expect(escapeUserText('**bold** _it_')).toBe('\\*\\*bold\\*\\* \\_it\\_');
    expect(escapeUserText('# Title')).toBe('\\# Title');
    expect(escapeUserText('[click](https://evil.example)')).toBe('\\[click](https://evil.example)');
  });

  it('breaks mention syntax and collapses line breaks', () => {
    expect(escapeUserText('hi @everyone\n<@123> <@&4> <#5>')).toBe('hi @\u200beveryone <\u200b@123> <\u200b@&4> <\u200b#5>');
  });
});

describe('escapeCorpusText', () => {
  it('escapes inline markdown but not headings', () => {
    expect(escapeCorpusText('f_theta and *x*')).toBe('f\\_theta and \\*x\\*');
  });
});

describe('neutralizeMentions', () => {
  it('leaves ordinary @ and < alone', () => {
    expect(neutralizeMentions('a@b.c and 3 < 4')).toBe('a@b.c and 3 < 4');
  });
});

describe('collapseWhitespace', () => {
  it('joins lines and trims', () => {
    expect(collapseWhitespace('  a\n\n b\t c ')).toBe('a b c');
  });
});

describe('quoteBlock', () => {
  it('quotes every line', () => {
    expect(quoteBlock('a\nb')).toBe('> a\n> b');
  });
});

describe('markdownLink', () => {
  it('escapes brackets in the text and parentheses in the url', () => {
    expect(markdownLink('A [B]', 'https://x.org/a_(b)')).toBe('[A \\[B\\]](https://x.org/a_(b%29)');
  });
});

describe('formatElapsed', () => {
  it('uses ms below a second and seconds above', () => {
    expect(formatElapsed(12.4)).toBe('12 ms');
    expect(formatElapsed(2400)).toBe('2.4 s');
  });
});

describe('formatUptime', () => {
  it('shows the two largest units', () => {
    expect(formatUptime(42_000)).toBe('42 s');
    expect(formatUptime(125_000)).toBe('2 min 5 s');
    expect(formatUptime((2 * 3600 + 5 * 60) * 1000)).toBe('2 h 5 min');
    expect(formatUptime((3 * 86_400 + 4 * 3600) * 1000)).toBe('3 d 4 h');
  });
});

describe('plural', () => {
  it('agrees with the count', () => {
    expect(plural(1, 'paper')).toBe('1 paper');
    expect(plural(0, 'paper')).toBe('0 papers');
  });
});
