import { describe, expect, it } from 'vitest';
import { bm25fTermScore, idf, maxTermScore, pseudoTf } from '../../../src/search/bm25.js';
import { appendDocument, createDocumentTable } from '../../../src/search/keyword/documents.js';
import { averageLengths, createQueryScorer, documentPseudoTf } from '../../../src/search/keyword/scoring.js';

const P = { k1: 1.2, titleWeight: 3, titleB: 0.6, textB: 0.75 };
const table = createDocumentTable();
appendDocument(table, 'a', ['graph', 'attent'], ['graph', 'node', 'node']);
appendDocument(table, 'b', ['vision'], ['graph', 'pixel']);
appendDocument(table, 'c', ['speech'], ['audio']);
const avg = { title: 4 / 3, text: 6 / 3 };
const fields = (num: number, titleTf: number, textTf: number) => [
  { tf: titleTf, length: table.titleLengths[num]!, avgLength: avg.title, weight: P.titleWeight, b: P.titleB },
  { tf: textTf, length: table.textLengths[num]!, avgLength: avg.text, weight: 1, b: P.textB },
];
const exact = (term: string) => ({ surface: term, alternatives: [{ term, weight: 1, kind: 'exact' as const }] });

describe('averageLengths', () => {
  it('averages each field over the live documents', () => {
    expect(averageLengths(table)).toEqual(avg);
  });
});

describe('documentPseudoTf', () => {
  it('is the BM25F pseudo frequency of a term in one document', () => {
    // Document a, "graph": once in the title, once in the abstract.
    expect(documentPseudoTf(table, P, 0, 1, 1, avg)).toBeCloseTo(pseudoTf(fields(0, 1, 1)), 10);
    expect(documentPseudoTf(table, P, 1, 0, 1, avg)).toBeCloseTo(pseudoTf(fields(1, 0, 1)), 10);
  });
});

describe('createQueryScorer', () => {
  it('scores a document as bm25.ts does, per word, and reports the ceiling and coverage', () => {
    const prepared = createQueryScorer(table, P)([exact('graph'), exact('node')]);
    const expectedA = bm25fTermScore(fields(0, 1, 1), idf(2, 3), P) + bm25fTermScore(fields(0, 0, 2), idf(1, 3), P);
    expect(prepared.score(0)).toBeCloseTo(expectedA, 10);
    expect(prepared.lastCoverage).toBe(1);
    expect(prepared.score(1)).toBeCloseTo(bm25fTermScore(fields(1, 0, 1), idf(2, 3), P), 10);
    expect(prepared.lastCoverage).toBe(0.5);
    expect(prepared.score(2)).toBe(0);
    expect(prepared.ceiling).toBeCloseTo(maxTermScore(idf(2, 3), P) + maxTermScore(idf(1, 3), P), 10);
    prepared.release();
  });

  it('scores a long form as the weighted mean of its terms, and a word as its best alternative', () => {
    const prepared = createQueryScorer(table, P)([
      { surface: 'ga', alternatives: [{ term: 'graph attent', weight: 0.8, kind: 'acronym' }] },
      { surface: 'nodes', alternatives: [{ term: 'node', weight: 0.6, kind: 'fuzzy' }, { term: 'pixel', weight: 0.8, kind: 'fuzzy' }] },
    ]);
    const graph = bm25fTermScore(fields(0, 1, 1), idf(2, 3), P);
    const attent = bm25fTermScore(fields(0, 1, 0), idf(1, 3), P);
    const node = bm25fTermScore(fields(0, 0, 2), idf(1, 3), P);
    expect(prepared.score(0)).toBeCloseTo((0.8 * (graph + attent)) / 2 + 0.6 * node, 10);
    expect(prepared.lastCoverage).toBeCloseTo((0.8 + 0.6) / 2, 10);
    prepared.release();
  });
});
