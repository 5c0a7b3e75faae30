import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswers } from '../../src/answers/index.js';
import { joinNotes, summaryOrder } from '../../src/answers/summarize.js';
import { classifySentences } from '../../src/search/roles.js';
import { AnswerInputError } from '../../src/answers/errors.js';
import { PaperLookupError, type Answers } from '../../src/answers/types.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { createPaperStore, type PaperStore } from '../../src/corpus/store.js';
import { silentLogger } from '../../src/shared/log.js';
import { sentenceTexts } from '../../src/text/sentences.js';
import { expectVerbatimQuotes, fakeSearch, fixtureAnswers, recordingLogger } from './helpers.js';

describe('summarizePaper', () => {
  it('keyword-only: leads with the contribution sentence, then the main result, verbatim, by TF-IDF', async () => {
    const { answers, store } = fixtureAnswers({ semantic: null });
    const summary = await answers.summarizePaper('Stabilizing the Lottery Ticket Hypothesis');
    expect(summary.method).toBe('tfidf');
    expect(summary.paper).toEqual({ id: 'lottery-stable', title: 'Stabilizing the Lottery Ticket Hypothesis', url: 'https://example.org/lottery-stable' });
    expectVerbatimQuotes(store, summary.sentences);
    expect(summary.sentences.map((s) => s.text).slice(0, 2)).toEqual([
      'We introduce late rewinding, which resets pruned weights to their values early in training.',
      'With rewinding, pruning finds winning tickets in large networks on ImageNet.',
    ]);
    expect(summary.sentences).toHaveLength(3);
  });

  it('leaves out the sentence that shares nothing with the rest', async () => {
    const papers = [
      {
        id: 'p',
        title: 'Pruning sparse networks',
        abstract:
          'Pruning removes weights from sparse networks. The weather was sunny yesterday. Sparse networks keep accuracy after pruning. We propose a pruning rule for sparse networks.',
        authors: [],
        url: 'u',
        source: 's',
      },
    ];
    for (const semantic of [null, 'fake'] as const) {
      const { answers } = fixtureAnswers({ semantic, papers });
      const summary = await answers.summarizePaper('p');
      expect(summary.method).toBe(semantic ? 'embedding' : 'tfidf');
      expect(summary.sentences.map((s) => s.text)).not.toContain('The weather was sunny yesterday.');
      expect(summary.sentences).toHaveLength(3);
    }
  });

  it('uses sentence embeddings when the semantic side is available', async () => {
    const { answers, store, semantic } = fixtureAnswers({ semantic: 'fake' });
    const summary = await answers.summarizePaper('gnn', { sentences: 2 });
    expect(summary.method).toBe('embedding');
    expect(semantic!.embedCalls).toBe(1);
    expect(summary.sentences).toHaveLength(2);
    expectVerbatimQuotes(store, summary.sentences);
  });

  it('falls back to TF-IDF with a warning when embedding fails', async () => {
    const logger = recordingLogger();
    const { answers } = fixtureAnswers({ semantic: 'failing', logger });
    const summary = await answers.summarizePaper('gnn');
    expect(summary.method).toBe('tfidf');
    expect(summary.sentences).toHaveLength(3);
    expect(logger.warnings.join('\n')).toMatch(/embedding .* failed, using TF-IDF/);
  });

  it('returns every sentence of a short abstract, and validates the count', async () => {
    const { answers } = fixtureAnswers({ semantic: null });
    const summary = await answers.summarizePaper('tensors', { sentences: 5 });
    expect(new Set(summary.sentences.map((s) => s.text))).toEqual(new Set(['Tensors are arrays with many indices.', 'Such arrays appear in physics.', 'They are often drawn as boxes']));
    await expect(answers.summarizePaper('tensors', { sentences: 0 })).rejects.toThrow(AnswerInputError);
    await expect(answers.summarizePaper('tensors', { sentences: 2.5 })).rejects.toThrow(/sentences: expected a whole number/);
  });

  it('throws PaperLookupError for an ambiguous or unknown reference', async () => {
    const { answers } = fixtureAnswers({ semantic: null });
    await expect(answers.summarizePaper('lottery ticket')).rejects.toBeInstanceOf(PaperLookupError);
    await expect(answers.summarizePaper('zzzz qqqq')).rejects.toBeInstanceOf(PaperLookupError);
  });
});

describe('summarizePaper over the real corpus', () => {
  let store: PaperStore;
  let answers: Answers;
  beforeAll(async () => {
    store = createPaperStore((await loadCorpus('corpus')).papers);
    answers = createAnswers({ store, search: fakeSearch(store).search, semantic: () => null, logger: silentLogger });
  });

  it('summarizes "How Powerful are Graph Neural Networks?" with 3 distinct sentences of its abstract, contribution first', async () => {
    const summary = await answers.summarizePaper('How Powerful are Graph Neural Networks?');
    expect(summary.paper.title).toBe('How Powerful are Graph Neural Networks?');
    expect(summary.sentences).toHaveLength(3);
    expectVerbatimQuotes(store, summary.sentences);
    const all = sentenceTexts(store.get(summary.paper.id)!.abstract);
    const positions = summary.sentences.map((s) => all.indexOf(s.text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(summary.sentences[0]!.text).toMatch(/^Here, we present a theoretical framework/);
    expect(summary.sentences.some((s) => /Weisfeiler-Lehman/.test(s.text))).toBe(true);
    expect(new Set(positions).size).toBe(3);
  });
});

describe('summaryOrder', () => {
  it('puts the best contribution first, the best result second, then the rest by centrality', () => {
    const roled = classifySentences([
      'Graphs are everywhere.',
      'Experiments show a 5% gain.',
      'We propose a graph model.',
      'The model stacks layers.',
    ]);
    expect(summaryOrder(roled, [0.9, 0.1, 0.2, 0.5])).toEqual([2, 1, 3, 0]);
  });

  it('quotes a fragment that leans on its neighbours last', () => {
    const roled = classifySentences(['Can deep networks be made shallow without losing accuracy?', 'We show that it is.', 'We propose parallel subnetworks.', 'We show that a network with 12 layers reaches 80% accuracy.']);
    expect(summaryOrder(roled, [0.1, 0.9, 0.5, 0.5])).toEqual([2, 3, 0, 1]);
  });

  it('leads with the main result when no sentence states a contribution', () => {
    const roled = classifySentences(['Deep networks are popular.', 'Tests did not confirm the hypothesis; results show shallow nets win by 3%.']);
    expect(summaryOrder(roled, [0.5, 0.5])[0]).toBe(1);
  });
});

describe('summarizeTopic', () => {
  it('chooses sentences across papers with markers into the citations', async () => {
    const { answers, store, calls } = fixtureAnswers({ semantic: null });
    const summary = await answers.summarizeTopic('lottery tickets pruning', { sentences: 4 });
    expect(calls[0]).toMatchObject({ query: 'lottery tickets pruning' });
    expect(summary.weak).toBe(false);
    expect(summary.sentences.length).toBeGreaterThanOrEqual(2);
    expect(summary.sentences.length).toBeLessThanOrEqual(4);
    expectVerbatimQuotes(store, summary.sentences, summary.citations);
    expect(summary.citations.map((c) => c.id).sort()).toEqual(['lottery-lowrank', 'lottery-stable']);
    // Markers are numbered in order of first appearance.
    expect(summary.sentences[0]!.marker).toBe(1);
  });

  it('never quotes more than two sentences of one paper, nor the same sentence twice', async () => {
    const { answers } = fixtureAnswers({ semantic: 'fake' });
    const summary = await answers.summarizeTopic('residual networks', { sentences: 6 });
    const perPaper = new Map<string, number>();
    for (const s of summary.sentences) perPaper.set(s.paperId, (perPaper.get(s.paperId) ?? 0) + 1);
    expect(Math.max(...perPaper.values())).toBeLessThanOrEqual(2);
    expect(new Set(summary.sentences.map((s) => s.text)).size).toBe(summary.sentences.length);
  });

  it('flags a topic the corpus does not cover, quoting nothing', async () => {
    const { answers } = fixtureAnswers({ semantic: null });
    const summary = await answers.summarizeTopic('chocolate cake recipes for networks');
    expect(summary.weak).toBe(true);
    expect(summary.sentences).toEqual([]);
    expect(summary.note).toBe('nothing in the corpus covers this well; these are the closest papers.');
  });
});


describe('joinNotes', () => {
  it('joins the present notes as sentences', () => {
    expect(joinNotes('keyword results only', undefined, ' ', 'Nothing found.')).toBe('keyword results only. Nothing found.');
    expect(joinNotes()).toBe('');
  });
});
