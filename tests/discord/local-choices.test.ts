import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/corpus/types.js';
import { formatChoices, pickChoice, type PendingChoice } from '../../src/local/choices.js';

const paper = (title: string): Paper => ({ id: title.toLowerCase(), title, abstract: '', authors: [], url: '', source: '' });

function choice(titles: string[], total: number): PendingChoice {
  const option = { name: 'paper', type: 3, value: 'ticket' };
  return { name: 'paper', data: [option], option, query: 'ticket', candidates: titles.map(paper), total };
}

describe('formatChoices', () => {
  it('numbers the candidates and says how to answer', () => {
    expect(formatChoices(choice(['One Ticket', 'Two Tickets'], 2))).toBe(
      '“ticket” matches several papers:\n  1) One Ticket\n  2) Two Tickets\nType a number (1–2) to choose, or anything else to go on.',
    );
  });

  it('counts the papers that fit beyond the numbered ones', () => {
    expect(formatChoices(choice(['One Ticket', 'Two Tickets'], 5))).toContain('  2) Two Tickets\n  … and 3 more (type more of the title to narrow them down)\n');
  });
});

describe('pickChoice', () => {
  it('returns the numbered paper, and nothing for other input', () => {
    const pending = choice(['One Ticket', 'Two Tickets'], 2);
    expect(pickChoice(pending, ' 2 ')?.title).toBe('Two Tickets');
    expect(pickChoice(pending, '3')).toBeUndefined();
    expect(pickChoice(pending, 'two')).toBeUndefined();
  });
});
