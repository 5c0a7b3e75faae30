import { beforeAll, describe, expect, it } from 'vitest';
import { meanOffDiagonal } from '../../src/answers/compare.js';
import { AnswerInputError, createAnswers } from '../../src/answers/index.js';
import { PaperLookupError, type Answers, type Comparison } from '../../src/answers/types.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { createPaperStore, type PaperStore } from '../../src/corpus/store.js';
import { silentLogger } from '../../src/shared/log.js';
import { expectVerbatimQuotes, fakeSearch, fixtureAnswers } from './helpers.js';

/** Every cell quotes its own column's paper, and no sentence fills two rows of one column. */
function expectAlignedRows(store: PaperStore, comparison: Comparison): void {
  expect(comparison.rows.map((r) => r.aspect)).toEqual(['problem', 'method', 'result']);
  comparison.papers.forEach((paper, column) => {
    const cells = comparison.rows.map((r) => r.cells[column] ?? null);
    for (const cell of cells) if (cell) expect(cell.paperId).toBe(paper.id);
    expectVerbatimQuotes(store, cells);
    const texts = cells.filter((c) => c !== null).map((c) => c!.text);
    expect(new Set(texts).size).toBe(texts.length);
  });
}

describe('compare', () => {
  it('compares two papers: similarity, shared and distinctive words, aligned rows, related papers', async () => {
    const { answers, store } = fixtureAnswers({ semantic: null });
    const c = await answers.compare(['resnet', 'wide residual']);
    expect(c.papers.map((p) => p.id)).toEqual(['resnet', 'wide']);
    expect(c.pairwise[0]![0]).toBe(1);
    expect(c.pairwise[0]![1]).toBe(c.pairwise[1]![0]);
    expect(c.similarity).toBe(c.pairwise[0]![1]);
    expect(c.similarity).toBeGreaterThan(0);
    expect(c.similarity).toBeLessThan(1);
    // Shared words are readable surface forms present in both abstracts, not stems.
    expect(c.sharedTerms.some((t) => /residual/.test(t))).toBe(true);
    expect(c.sharedTerms).not.toContain('residu');
    for (const word of c.sharedTerms) {
      expect(`${store.get('resnet')!.title} ${store.get('resnet')!.abstract}`.toLowerCase()).toContain(word);
      expect(`${store.get('wide')!.title} ${store.get('wide')!.abstract}`.toLowerCase()).toContain(word);
    }
    expect(c.distinctiveTerms.wide!.some((t) => t.split(' ').includes('wide'))).toBe(true);
    expect(c.distinctiveTerms.resnet).not.toContain('residual');
    expectAlignedRows(store, c);
    expect(c.rows[0]!.cells[0]!.text).toBe('Deeper neural networks are more difficult to train.');
    expect(c.rows[1]!.cells[1]!.text).toBe('We propose wide residual networks that decrease depth and increase the width of residual blocks.');
    expect(c.rows[2]!.cells[0]!.text).toBe('Our residual networks achieve 3.6% error on ImageNet image recognition and outperform plain networks.');
    expect(c.related.map((r) => r.id)).not.toContain('resnet');
    expect(c.related.map((r) => r.id)).not.toContain('wide');
  });

  it('leaves a row empty ("not stated") when the abstract does not state it', async () => {
    const { answers, store } = fixtureAnswers({ semantic: null });
    const c = await answers.compare(['tensors', 'gnn']);
    expect(c.rows.find((r) => r.aspect === 'method')!.cells[0]).toBeNull();
    expect(c.rows.find((r) => r.aspect === 'result')!.cells[0]).toBeNull();
    expectAlignedRows(store, c);
  });

  it('compares up to four papers with a full matrix, using stored vectors when available', async () => {
    const { answers, store } = fixtureAnswers({ semantic: 'fake' });
    const c = await answers.compare(['lottery-stable', 'lottery-lowrank', 'resnet', 'gnn']);
    expect(c.pairwise).toHaveLength(4);
    for (const row of c.pairwise) expect(row).toHaveLength(4);
    const pairs = [c.pairwise[0]![1]!, c.pairwise[0]![2]!, c.pairwise[0]![3]!, c.pairwise[1]![2]!, c.pairwise[1]![3]!, c.pairwise[2]![3]!];
    expect(c.similarity).toBeCloseTo(pairs.reduce((a, b) => a + b, 0) / 6);
    // The two lottery-ticket papers are the closest pair.
    expect(c.pairwise[0]![1]).toBe(Math.max(...pairs));
    expectAlignedRows(store, c);
    expect(c.related.every((r) => !['lottery-stable', 'lottery-lowrank', 'resnet', 'gnn'].includes(r.id))).toBe(true);
    expect(c.related.length).toBeGreaterThan(0);
  });

  it('rejects fewer than two, more than four, or repeated papers, and unresolved references', async () => {
    const { answers } = fixtureAnswers({ semantic: null });
    await expect(answers.compare(['resnet'])).rejects.toThrow(AnswerInputError);
    await expect(answers.compare(['resnet', 'wide', 'gnn', 'sparse', 'distill'])).rejects.toThrow(/needs 2 to 4 papers, got 5/);
    await expect(answers.compare(['resnet', 'Residual Learning for Deep Image Recognition'])).rejects.toThrow(/named more than once/);
    await expect(answers.compare(['resnet', 'lottery ticket'])).rejects.toBeInstanceOf(PaperLookupError);
  });
});

describe('compare over the real corpus', () => {
  let store: PaperStore;
  let answers: Answers;
  beforeAll(async () => {
    store = createPaperStore((await loadCorpus('corpus')).papers);
    answers = createAnswers({ store, search: fakeSearch(store).search, semantic: () => null, logger: silentLogger });
  });

  it('compares "Deep Residual Learning for Image Recognition" with "Wide Residual Networks"', async () => {
    const c = await answers.compare(['Deep Residual Learning for Image Recognition', 'Wide Residual Networks']);
    expect(c.papers.map((p) => p.title)).toEqual(['Deep Residual Learning for Image Recognition', 'Wide Residual Networks']);
    expectAlignedRows(store, c);
    for (const row of c.rows) expect(row.cells.every((cell) => cell !== null)).toBe(true);
    expect(c.sharedTerms.some((t) => /residual/.test(t))).toBe(true);
  });
});

describe('compare rows', () => {
  it('says "not stated" (null) rather than filling a row with a sentence of another role', async () => {
    const papers = [
      { id: 'a', title: 'Skip Gates', abstract: 'However, deep networks are hard to train. We propose skip gates. Experiments show a 5% gain.', authors: [], url: 'u', source: 's' },
      { id: 'b', title: 'Tensor Notes', abstract: 'We describe tensor notation for networks.', authors: [], url: 'u', source: 's' },
    ];
    const { answers } = fixtureAnswers({ semantic: null, papers });
    const c = await answers.compare(['a', 'b']);
    const cell = (aspect: string, column: number) => c.rows.find((r) => r.aspect === aspect)!.cells[column]?.text ?? null;
    expect([cell('problem', 0), cell('method', 0), cell('result', 0)]).toEqual([
      'However, deep networks are hard to train.',
      'We propose skip gates.',
      'Experiments show a 5% gain.',
    ]);
    expect([cell('problem', 1), cell('method', 1), cell('result', 1)]).toEqual([null, 'We describe tensor notation for networks.', null]);
  });
});

describe('meanOffDiagonal', () => {
  it('averages the pairs above the diagonal', () => {
    expect(meanOffDiagonal([[1, 0.2, 0.4], [0.2, 1, 0.6], [0.4, 0.6, 1]])).toBeCloseTo(0.4);
    expect(meanOffDiagonal([[1]])).toBe(0);
  });
});
