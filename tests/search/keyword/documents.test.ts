import { describe, expect, it } from 'vitest';
import { appendDocument, compactDocuments, createDocumentTable, documentFrequency, dropForwardEntries, exportDocuments, removeDocument } from '../../../src/search/keyword/documents.js';

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
    expect(table.staleDf).toBe(false);
  });

  it('marks the frequencies stale when the document has no forward entries left', () => {
    const table = createDocumentTable();
    appendDocument(table, 'a', ['graph'], ['node']);
    dropForwardEntries(table);
    appendDocument(table, 'b', ['node'], []);
    removeDocument(table, 'b');
    expect([table.staleDf, documentFrequency(table, 'node')]).toEqual([false, 1]);
    removeDocument(table, 'a');
    // Its terms are unknown here: the postings recount the frequencies.
    expect([table.staleDf, documentFrequency(table, 'node')]).toEqual([true, 1]);
    expect([table.titleLengthSum, table.textLengthSum]).toEqual([0, 0]);
  });
});

describe('dropForwardEntries', () => {
  it('forgets the entries of every document so far and keeps the statistics', () => {
    const table = createDocumentTable();
    appendDocument(table, 'a', ['graph'], ['node']);
    dropForwardEntries(table);
    expect([table.forwardFrom, table.entries, documentFrequency(table, 'graph')]).toEqual([1, 0, 1]);
    expect(entriesOf(table, 0)).toEqual([]);
    appendDocument(table, 'b', ['node'], ['edge']);
    expect(entriesOf(table, 1)).toEqual([
      ['node', 1, 0],
      ['edge', 0, 1],
    ]);
  });
});

describe('compactDocuments', () => {
  it('renumbers the live documents in order and keeps their entries', () => {
    const table = createDocumentTable();
    appendDocument(table, 'a', ['graph'], ['node']);
    appendDocument(table, 'b', ['node'], ['edge']);
    appendDocument(table, 'c', ['node'], ['node']);
    expect(compactDocuments(table)).toBeNull();
    removeDocument(table, 'a');
    expect(compactDocuments(table)).toEqual(Int32Array.from([-1, 0, 1]));
    expect(table.ids).toEqual(['b', 'c']);
    expect(table.numById.get('b')).toBe(0);
    expect(entriesOf(table, 0)).toEqual([
      ['node', 1, 0],
      ['edge', 0, 1],
    ]);
  });
});

describe('exportDocuments / createDocumentTable(saved)', () => {
  it('restores a table with the same statistics and acronyms, its documents in the postings', () => {
    const table = createDocumentTable();
    appendDocument(table, 'a', ['graph', 'neural', 'network'], ['gnn']);
    table.acronymsOf.set(0, [{ acronym: 'gnn', longForm: ['graph', 'neural', 'network'] }]);
    appendDocument(table, 'b', ['node'], ['node']);
    // The forward entries are not saved: the postings must hold the documents first.
    expect(() => exportDocuments(table)).toThrow(/every document live and in the postings/);
    dropForwardEntries(table);
    const saved = exportDocuments(table);
    expect(saved.acronyms).toEqual([[0, 'gnn', 'graph neural network']]);
    const restored = createDocumentTable(saved);
    expect([restored.forwardFrom, restored.entries]).toEqual([2, 0]);
    expect(restored.ids).toEqual(['a', 'b']);
    expect(restored.acronymsOf.get(0)).toEqual(table.acronymsOf.get(0));
    expect([restored.titleLengthSum, restored.textLengthSum]).toEqual([4, 2]);
    expect(documentFrequency(restored, 'node')).toBe(1);
  });
});
