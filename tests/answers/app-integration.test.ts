import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/app.js';
import { loadConfig } from '../../src/app/config.js';
import { silentLogger } from '../../src/shared/log.js';
import { sentenceTexts } from '../../src/text/sentences.js';
import { createFakeEmbedder } from '../helpers/fake-embedder.js';
import { expectVerbatimQuotes } from './helpers.js';

// The real corpus through the composition root, keyword-only (no model).
let app: App;
beforeAll(async () => {
  app = await createApp(loadConfig({ EMBEDDINGS: 'off' }), { embedder: null, logger: silentLogger });
});
afterAll(async () => {
  await app.close();
});

describe('answers through createApp (embedder: null)', () => {
  it('summarizes "How Powerful are Graph Neural Networks?" leading with its contribution (the Weisfeiler-Lehman result)', async () => {
    const summary = await app.answers.summarizePaper('How Powerful are Graph Neural Networks?');
    expect(summary.method).toBe('tfidf');
    expect(summary.sentences).toHaveLength(3);
    expectVerbatimQuotes(app.store, summary.sentences);
    expect(summary.sentences[0]!.text).toMatch(/^Here, we present a theoretical framework/);
    expect(summary.sentences.some((s) => /as powerful as the Weisfeiler-Lehman graph isomorphism test/.test(s.text))).toBe(true);
  });

  it('summarizes a topic with quotes cited by marker', async () => {
    const summary = await app.answers.summarizeTopic('graph neural networks oversmoothing depth');
    expect(summary.weak).toBe(false);
    expect(summary.sentences.length).toBeGreaterThan(0);
    expectVerbatimQuotes(app.store, summary.sentences, summary.citations);
  });

  it('answers a covered question with quotes, and a foreign one with a note and nearest papers', async () => {
    const answer = await app.answers.ask('How can deep networks be trained without vanishing gradients?');
    expect(answer.covered).toBe(true);
    expect(answer.sentences.length).toBeGreaterThan(0);
    expectVerbatimQuotes(app.store, answer.sentences, answer.citations);
    expect(answer.sentences.some((s) => /vanishing gradient/i.test(s.text))).toBe(true);

    const foreign = await app.answers.ask('What is the best recipe for chocolate cake?');
    expect(foreign.covered).toBe(false);
    expect(foreign.sentences).toEqual([]);
    // The one not-covered note, once.
    expect(foreign.note?.match(/covers this well/g)).toHaveLength(1);
  });

  it('compares "Deep Residual Learning for Image Recognition" with "Wide Residual Networks"', async () => {
    const c = await app.answers.compare(['Deep Residual Learning for Image Recognition', 'Wide Residual Networks']);
    expect(c.papers.map((p) => p.title)).toEqual(['Deep Residual Learning for Image Recognition', 'Wide Residual Networks']);
    expect(c.rows.map((r) => r.aspect)).toEqual(['problem', 'method', 'result']);
    for (const row of c.rows) {
      row.cells.forEach((cell, i) => {
        expect(cell).not.toBeNull();
        expect(cell!.paperId).toBe(c.papers[i]!.id);
      });
      expectVerbatimQuotes(app.store, row.cells);
    }
    expect(c.related.map((r) => r.id)).not.toContain(c.papers[0]!.id);
    expect(c.related.length).toBeGreaterThan(0);
  });

  it('finds papers similar to a paper, itself excluded', async () => {
    const result = await app.answers.similar('Stabilizing the Lottery Ticket Hypothesis');
    expect(result.results.map((r) => r.paper.title)).toContain(
      'Low-rank lottery tickets: finding efficient low-rank neural networks via matrix differential equations',
    );
    expect(result.results.map((r) => r.paper.id)).not.toContain(result.paper.id);
  });

  it('resolves and autocompletes papers added live', async () => {
    expect(app.answers.lookup('Dropout as a Bayesian Approximation').kind).toBe('unknown');
    await app.addPapers([
      {
        id: '1506.02142',
        arxivId: '1506.02142',
        title: 'Dropout as a Bayesian Approximation: Representing Model Uncertainty in Deep Learning',
        abstract: 'Deep learning tools lack a way to represent uncertainty. We cast dropout training as approximate Bayesian inference.',
        authors: ['Yarin Gal'],
        url: 'https://arxiv.org/abs/1506.02142',
        source: 'test',
      },
    ]);
    expect(app.answers.resolve('dropout bayesian approximation').id).toBe('1506.02142');
    expect(app.answers.resolve('arXiv:1506.02142').id).toBe('1506.02142');
    expect(app.answers.autocomplete('dropout as')[0]?.value).toBe('1506.02142');
    const summary = await app.answers.summarizePaper('1506.02142', { sentences: 1 });
    expectVerbatimQuotes(app.store, summary.sentences);
  });

  it('puts a paper first in autocomplete once a merge gives it the most upvotes', async () => {
    const offered = new Set(app.answers.autocomplete('', 25).map((s) => s.value));
    const top = app.store.get(app.answers.autocomplete('', 1)[0]!.value)!.upvotes ?? 0;
    const quiet = app.store.all().find((p) => !offered.has(p.id))!;
    const size = app.store.size;
    const { merged } = await app.addPapers([{ ...quiet, id: 'same-paper-from-the-feed', authors: [], upvotes: top + 1 }]);
    expect(merged.map((p) => p.id)).toEqual([quiet.id]);
    expect(app.store.size).toBe(size);
    expect(app.answers.autocomplete('', 3)[0]?.value).toBe(quiet.id);
  });
});

describe('answers through createApp with an embedder', () => {
  it('use sentence embeddings and stored paper vectors, still quoting verbatim', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'paper-scout-answers-'));
    const embedder = createFakeEmbedder({}, { dimension: 32 });
    const semanticApp = await createApp(loadConfig({ DATA_DIR: dataDir }), { embedder, logger: silentLogger, onProgress: () => {} });
    await semanticApp.semanticReady;
    try {
      expect(semanticApp.status().semantic.state).toBe('ready');
      const summary = await semanticApp.answers.summarizePaper('How Powerful are Graph Neural Networks?');
      expect(summary.method).toBe('embedding');
      expectVerbatimQuotes(semanticApp.store, summary.sentences);

      const answer = await semanticApp.answers.ask('lottery ticket pruning');
      expect(answer.mode).toBe('hybrid');
      expectVerbatimQuotes(semanticApp.store, answer.sentences, answer.citations);

      const c = await semanticApp.answers.compare(['Deep Residual Learning for Image Recognition', 'Wide Residual Networks']);
      for (const row of c.rows) expectVerbatimQuotes(semanticApp.store, row.cells);
      expect(c.related).toHaveLength(5);
      expect(c.related.map((r) => r.title)).not.toContain('Wide Residual Networks');

      const similar = await semanticApp.answers.similar('Wide Residual Networks', { limit: 4 });
      expect(similar.results).toHaveLength(4);
      expect(similar.results.map((r) => r.paper.id)).not.toContain(similar.paper.id);
    } finally {
      await semanticApp.close();
    }
  });
});
