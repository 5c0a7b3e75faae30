import { describe, expect, it } from 'vitest';
import { PaperLookupError } from '../../src/answers/types.js';
import { fixtureAnswers } from './helpers.js';

describe('similar', () => {
  it('keyword-only: searches with the paper\'s top terms, excludes the paper, and says what they share', async () => {
    const { answers, calls } = fixtureAnswers({ semantic: null });
    const result = await answers.similar('Stabilizing the Lottery Ticket Hypothesis', { limit: 3 });
    expect(result.paper.id).toBe('lottery-stable');
    expect(calls[0]!.options).toMatchObject({ mode: 'keyword', limit: 3 });
    expect(calls[0]!.options!.exclude!.has('lottery-stable')).toBe(true);
    expect(result.results.map((r) => r.paper.id)).not.toContain('lottery-stable');
    expect(result.results[0]!.paper.id).toBe('lottery-lowrank');
    expect(result.results[0]!.evidence).toMatch(/^shares: .*lottery/);
    expect(result.results.length).toBeLessThanOrEqual(3);
  });

  it('uses the stored vectors when the semantic side has them', async () => {
    const { answers, calls } = fixtureAnswers({ semantic: 'fake' });
    const result = await answers.similar('wide');
    expect(calls).toHaveLength(0);
    expect(result.results[0]!.paper.id).toBe('resnet');
    expect(result.results.map((r) => r.paper.id)).not.toContain('wide');
    const scores = result.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.results[0]!.evidence).toContain('residual');
  });

  it('throws PaperLookupError for an ambiguous reference and rejects a bad limit', async () => {
    const { answers } = fixtureAnswers({ semantic: null });
    await expect(answers.similar('lottery ticket')).rejects.toBeInstanceOf(PaperLookupError);
    await expect(answers.similar('wide', { limit: 0 })).rejects.toThrow(/limit: expected a whole number from 1 to 25/);
  });
});
