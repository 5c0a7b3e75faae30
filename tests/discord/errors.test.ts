import { describe, expect, it } from 'vitest';
import { AnswerInputError } from '../../src/answers/errors.js';
import { PaperLookupError } from '../../src/answers/types.js';
import { describeError, OptionError } from '../../src/discord/errors.js';
import type { Paper } from '../../src/corpus/types.js';

const paper = (title: string): Paper => ({ id: title, title, abstract: 'x', authors: [], url: 'https://example.org', source: 'test' });

describe('describeError', () => {
  it('shows a request the core cannot serve as is, escaped, and not as a failure', () => {
    const described = describeError(new AnswerInputError('compare: "*A*" is named twice'), '/compare');
    expect(described).toEqual({ message: 'compare: "\\*A\\*" is named twice', unexpected: false });
  });

  it('lists the candidates of an ambiguous paper reference', () => {
    const error = new PaperLookupError({ kind: 'ambiguous', query: 'lottery', candidates: [paper('One Ticket'), paper('Two Tickets')] });
    const described = describeError(error, '/paper');
    expect(described.unexpected).toBe(false);
    expect(described.message).toContain('• One Ticket');
    expect(described.message).toContain('• Two Tickets');
  });

  it('shows five candidates and counts the rest', () => {
    const candidates = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((t) => paper(`Paper ${t}`));
    const described = describeError(new PaperLookupError({ kind: 'ambiguous', query: 'paper', candidates }), '/paper');
    expect(described.message).toContain('• Paper E\n… and 2 more\n');
    expect(described.message).not.toContain('Paper F');
  });

  it('counts the papers that fit beyond the candidates the lookup returned', () => {
    const candidates = ['A', 'B', 'C'].map((t) => paper(`Paper ${t}`));
    const described = describeError(new PaperLookupError({ kind: 'ambiguous', query: 'paper', candidates, total: 14 }), '/paper');
    expect(described.message).toContain('• Paper C\n… and 11 more\n');
  });

  it('passes option errors through', () => {
    expect(describeError(new OptionError('limit must be 1 to 8'), '/search')).toEqual({ message: 'limit must be 1 to 8', unexpected: false });
  });

  it('hides the details of anything unexpected and flags it for the log', () => {
    const described = describeError(new TypeError('x is undefined'), '/ask');
    expect(described.unexpected).toBe(true);
    expect(described.message).toMatch(/Something went wrong while running \/ask/);
    expect(described.message).not.toContain('undefined');
  });
});
