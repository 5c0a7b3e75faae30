import { describe, expect, it } from 'vitest';
import { parseTrendingPage } from '../../src/corpus/parse-page.js';

const ABSTRACT_A = 'We study the first problem in depth and report strong results on two benchmarks.';
const ABSTRACT_B = 'A second abstract that is long enough to count as prose for the parser.';

describe('parseTrendingPage', () => {
  it('strips the page chrome and the Subscribe text glued to the first title', () => {
    const text = [
      'Get trending papers in your email inbox once a day!',
      'Get trending papers in your email inbox!',
      'SubscribeFirst Paper Title',
      ABSTRACT_A,
      'Second Paper',
      ABSTRACT_B,
    ].join('\n');
    const { records, problems } = parseTrendingPage(text);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { record: { title: 'First Paper Title', abstract: ABSTRACT_A }, line: 3 },
      { record: { title: 'Second Paper', abstract: ABSTRACT_B }, line: 5 },
    ]);
  });

  it('keeps a title that merely starts with "Subscribe" as a word', () => {
    const { records } = parseTrendingPage(`Subscribers and Followers\n${ABSTRACT_A}\n`);
    expect(records[0]?.record.title).toBe('Subscribers and Followers');
  });

  it('reports a title without abstract and keeps the rest', () => {
    const { records, problems } = parseTrendingPage(`Paper One\n${ABSTRACT_A}\nDangling Title\n`);
    expect(records.map((r) => r.record.title)).toEqual(['Paper One']);
    expect(problems).toEqual([{ line: 3, message: expect.stringContaining('no abstract') }]);
  });

  it('re-synchronises when an abstract line is missing', () => {
    const { records, problems } = parseTrendingPage(`Lost Abstract Title\nNext Title\n${ABSTRACT_B}\n`);
    expect(records).toEqual([{ record: { title: 'Next Title', abstract: ABSTRACT_B }, line: 2 }]);
    expect(problems[0]?.line).toBe(2);
  });

  it('skips a prose line where a title was expected', () => {
    const prose = 'x'.repeat(400);
    const { records, problems } = parseTrendingPage(`${prose}\nReal Title\n${ABSTRACT_A}`);
    expect(records.map((r) => r.record.title)).toEqual(['Real Title']);
    expect(problems[0]).toMatchObject({ line: 1 });
  });
});
