import { describe, expect, it } from 'vitest';
import { appendDocument, compactDocuments, createDocumentTable, documentFrequency, exportDocuments, removeDocument } from '../../../src/search/keyword/documents.js';

const entriesOf = (table: ReturnType<typeof createDocumentTable>, num: number) => {
  const out: [string, number, number][] = [];
  for (let k = table.docStart[num]!; k < table.docStart[num + 1]!; k++) out.push([table.terms[table.docTerms[k]!]!, table.docTitleTf[k]!, table.docTextTf[k]!]);
  return out;
};

describe('appendDocument', () => {
  it('stores per-term title and abstract frequencies in term id order, and the field lengths', () => {
    const table = createDocumentTable();
    expect(appendDocument(table, 'a', ['graph', 'net'], ['net', 'net', 'node'])).toBe(0);
    expect(appendDocument(table, 'b', ['node'], [])).toBe(1);
    expect(entriesOf(table, 0)).toEqual([
      ['graph', 1, 0],
      ['net', 1, 2],
      ['node', 0, 1],
    ]);
    expect(entriesOf(table, 1)).toEqual([['node', 1, 0]]);
    expect([table.titleLengths[0], table.textLengths[0], table.titleLengthSum, table.textLengthSum]).toEqual([2, 3, 3, 3]);
    expect(documentFrequency(table, 'node')).toBe(2);
    expect(documentFrequency(table, 'unknown')).toBe(0);
  });
});

describe('removeDocument', () => {
  it('takes the document out of the statistics and leaves its number dead', () => {
    const table = createDocumentTable();
    appendDocument(table, 'a', ['graph'], ['node']);
    appendDocument(table, 'b', ['node'], []);
    expect(removeDocument(table, 'a')).toBe(0);
    expect(removeDocument(table, 'a')).toBeUndefined();
    expect(table.ids).toEqual([undefined, 'b']);
    expect(documentFrequency(table, 'node')).toBe(1);
    expect(documentFrequency(table, 'graph')).toBe(0);
    expect([table.titleLengthSum, table.textLengthSum]).toEqual([1, 0]);
  });
});

describe('compactDocuments', () => {
  it('renumbers the live documents in order and keeps their entries', () => {
    const table = createDocumentTable();
    appendDocument(table, 'a', ['graph'], ['node']);
    appendDocument(table, 'b', ['node'], ['edge']);
    expect(compactDocuments(table)).toBe(false);
    removeDocument(table, 'a');
    expect(compactDocuments(table)).toBe(true);
    expect(table.ids).toEqual(['b']);
    expect(table.numById.get('b')).toBe(0);
    expect(entriesOf(table, 0)).toEqual([
      ['node', 1, 0],
      ['edge', 0, 1],
    ]);
  });
});

describe('exportDocuments / createDocumentTable(saved)', () => {
  it('restores a table with the same entries, statistics and acronyms', () => {
    const table = createDocumentTable();
    appendDocument(table, 'a', ['graph', 'neural', 'network'], ['gnn']);
    table.acronymsOf.set(0, [{ acronym: 'gnn', longForm: ['graph', 'neural', 'network'] }]);
    appendDocument(table, 'b', ['node'], ['node']);
    const saved = exportDocuments(table);
    expect(saved.acronyms).toEqual([[0, 'gnn', 'graph neural network']]);
    const restored = createDocumentTable(saved);
    expect(entriesOf(restored, 1)).toEqual(entriesOf(table, 1));
    expect(restored.acronymsOf.get(0)).toEqual(table.acronymsOf.get(0));
    expect([restored.titleLengthSum, restored.textLengthSum]).toEqual([4, 2]);
    expect(documentFrequency(restored, 'node')).toBe(1);
  });
});
