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
    // One note, printed once (the search's own).
    expect(answer.note).toBe('nothing in the corpus covers this well; these are the closest papers.');
    expect(answer.papers.length).toBeGreaterThan(0);
  });

  it("follows the search's coverage judgement: a weak search quotes nothing even when words match", async () => {
    const store = createPaperStore(fixturePapers());
    const inner = fakeSearch(store).search;
    const search = async (query: string): Promise<SearchResponse> => ({ ...(await inner(query)), weak: true });
    const answers = createAnswers({ store, search, semantic: () => null, logger: silentLogger });
    const answer = await answers.ask('How much memory do low-rank lottery tickets save?');
    expect(answer.covered).toBe(false);
    expect(answer.sentences).toEqual([]);
  });

  it('quotes only sentences that carry the question\'s informative words, not one shared word', async () => {
    const papers = [
      { id: 'sparse', title: 'Sparse Attention for Long Sequences', abstract: 'Sparse attention scales to long sequences. Our model beats the dense baseline on speed.', authors: [], url: 'u', source: 's' },
      { id: 'trees', title: 'Tree Embeddings', abstract: 'Trees embed well in curved spaces. Our model beats flat embeddings.', authors: [], url: 'u', source: 's' },
    ];
    const { answers } = fixtureAnswers({ semantic: null, papers });
    const answer = await answers.ask('Which models handle long sequences with sparse attention?');
    expect(answer.covered).toBe(true);
    expect(answer.sentences.map((q) => q.text)).toContain('Sparse attention scales to long sequences.');
    expect(answer.sentences.every((q) => q.paperId === 'sparse')).toBe(true);
  });

  it('passes the requested mode to the search and reports the mode used', async () => {
    const { answers, calls } = fixtureAnswers({ semantic: null });
    const answer = await answers.ask('sparse attention', { mode: 'semantic' });
    expect(calls[0]!.options).toMatchObject({ mode: 'semantic' });
    expect(answer.mode).toBe('keyword');
  });
});
