import { describe, expect, it } from 'vitest';
import { addRatios, createMiniSearchMode, MINISEARCH_DEFAULT, MINISEARCH_TUNED, type Row } from '../../scripts/eval.js';
import { makePaper } from '../helpers/papers.js';

const paper = makePaper;
const PAPERS = [paper('lottery', 'The Lottery Ticket Hypothesis', 'Sparse subnetworks train in isolation.'), paper('graphs', 'Graph Attention Networks', 'Attention over neighbourhoods.')];

describe('createMiniSearchMode', () => {
  it('uses MiniSearch as it comes (no fuzzy or prefix matching) unless tuned', async () => {
    const defaults = createMiniSearchMode(PAPERS, false);
    const tuned = createMiniSearchMode(PAPERS, true);
    expect(await defaults('lottery', 10)).toEqual(['lottery']);
    expect(await defaults('lotery', 10)).toEqual([]);
    expect(await defaults('lott', 10)).toEqual([]);
    expect(await tuned('lotery', 10)).toEqual(['lottery']);
    expect(await tuned('lott', 10)).toEqual(['lottery']);
  });
});

describe('addRatios', () => {
  const row = (set: 'dev' | 'heldout', mode: string, ndcg10: number): Row => ({ set, mode, queries: 1, ndcg10, recall5: 0, byKind: {}, msPerQuery: 0, perQuery: [] });

  it('divides each row\'s nDCG@10 by both MiniSearch baselines of its own set', () => {
    const rows = addRatios([row('dev', MINISEARCH_DEFAULT, 0.8), row('dev', MINISEARCH_TUNED, 0.5), row('dev', 'engine keyword', 0.92), row('heldout', 'engine keyword', 0.9)]);
    expect(rows[2]!.ratioToMiniSearchDefault).toBeCloseTo(1.15);
    expect(rows[2]!.ratioToMiniSearchTuned).toBeCloseTo(1.84);
    expect(rows[0]!.ratioToMiniSearchDefault).toBe(1);
    // No baseline measured on the held-out set: no ratio rather than a wrong one.
    expect(rows[3]!.ratioToMiniSearchDefault).toBeUndefined();
  });
});
