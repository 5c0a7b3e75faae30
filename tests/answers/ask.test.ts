import { describe, expect, it } from 'vitest';
import { createAnswers } from '../../src/answers/index.js';
import { createPaperStore } from '../../src/corpus/store.js';
import { silentLogger } from '../../src/shared/log.js';
import type { SearchResponse } from '../../src/search/types.js';
import { expectVerbatimQuotes, fakeSearch, fixtureAnswers, fixturePapers } from './helpers.js';

describe('ask', () => {
  it('quotes the sentences that answer the question, matching content words rather than question words', async () => {
    const { answers, store } = fixtureAnswers({ semantic: null });
    const answer = await answers.ask('How much memory do low-rank lottery tickets save?');
    expect(answer.covered).toBe(true);
    expect(answer.sentences[0]).toMatchObject({
      text: 'Low-rank tickets reduce memory by 40% while matching the accuracy of the dense network.',
      paperId: 'lottery-lowrank',
      marker: 1,
    });
    expectVerbatimQuotes(store, answer.sentences, answer.citations);
    expect(answer.papers[0]!.id).toBe('lottery-lowrank');
    expect(answer.sentences.length).toBeLessThanOrEqual(3);
  });

  it('answers from several papers with markers in order of first citation', async () => {
    const { answers, store } = fixtureAnswers({ semantic: 'fake' });
    const answer = await answers.ask('Which papers study residual networks for image recognition?', { sentences: 4 });
    expect(answer.covered).toBe(true);
    expectVerbatimQuotes(store, answer.sentences, answer.citations);
    expect(new Set(answer.sentences.map((s) => s.paperId))).toEqual(new Set(['resnet', 'wide']));
    const firstMarkers = [...new Set(answer.sentences.map((s) => s.marker))];
    expect(firstMarkers).toEqual(firstMarkers.map((_, i) => i + 1));
  });

  it('says the corpus does not cover a question the search finds only weak matches for', async () => {
    const { answers } = fixtureAnswers({ semantic: null });
    const answer = await answers.ask('What is the capital of France according to these networks?');
    expect(answer.covered).toBe(false);
    expect(answer.sentences).toEqual([]);
    expect(answer.note).toMatch(/does not cover this question/);
    expect(answer.papers.length).toBeGreaterThan(0);
  });

  it('keyword-only, does not answer when the papers share only a minor word with the question', async () => {
    const store = createPaperStore(fixturePapers());
    const inner = fakeSearch(store).search;
    // A search that calls a one-word match strong: the answer builder must still see the question is not covered.
    const search = async (query: string): Promise<SearchResponse> => ({ ...(await inner(query)), weak: false });
    const answers = createAnswers({ store, search, semantic: () => null, logger: silentLogger });
    const answer = await answers.ask('Which chocolate cake recipe gives the best accuracy?');
    expect(answer.covered).toBe(false);
    expect(answer.sentences).toEqual([]);
  });

  it('passes the requested mode to the search and reports the mode used', async () => {
    const { answers, calls } = fixtureAnswers({ semantic: null });
    const answer = await answers.ask('sparse attention', { mode: 'semantic' });
    expect(calls[0]!.options).toMatchObject({ mode: 'semantic' });
    expect(answer.mode).toBe('keyword');
  });
});
