import { describe, expect, it } from 'vitest';
import { createKeywordIndex, decodeKeywordSnapshot, encodeKeywordSnapshot, type KeywordDoc } from '../../src/search/keyword-index.js';

const DOCS: KeywordDoc[] = [
  { id: 'prune-title', title: 'Network pruning at scale', text: 'We remove weights from trained models.' },
  { id: 'prune-body', title: 'Efficient inference', text: 'Pruning removes weights; pruning keeps accuracy of the network.' },
  { id: 'densenet', title: 'Densely Connected Convolutional Networks', text: 'Every layer connects to every other layer.' },
  { id: 'gnn', title: 'Graph Neural Networks (GNNs) at depth', text: 'Deep GNNs over-smooth node features.' },
  { id: 'graphs', title: 'Graph attention', text: 'Attention over graph neighbourhoods.' },
];
const QUERIES = ['pruning', 'densly conected netwroks', 'graph atten', 'GNN', 'which papers study weights?', 'layer'];

const build = (docs: KeywordDoc[] = DOCS, options = {}) => {
  const index = createKeywordIndex(options);
  index.addMany(docs);
  return index;
};

describe('KeywordIndex.exportSnapshot / createKeywordIndex(options, snapshot)', () => {
  it('restores an index that answers every query exactly like the original', () => {
    const original = build();
    const restored = createKeywordIndex({}, original.exportSnapshot());
    expect(restored.size).toBe(DOCS.length);
    for (const q of QUERIES) expect(restored.searchDetailed(q, 10)).toEqual(original.searchDetailed(q, 10));
  });

  it('keeps accepting documents and removals after a restore', () => {
    const restored = createKeywordIndex({}, build(DOCS.slice(0, 3)).exportSnapshot());
    restored.addMany(DOCS.slice(3));
    restored.remove('densenet');
    const reference = build(DOCS.filter((d) => d.id !== 'densenet'));
    for (const q of ['layer', 'layers connected', ...QUERIES]) expect(restored.searchDetailed(q, 10), q).toEqual(reference.searchDetailed(q, 10));
    // The removed document's terms are known only to the postings: its frequencies are recounted from them.
    for (const term of ['layer', 'connect', 'network', 'gnn']) expect(restored.documentFrequency(term), term).toBe(reference.documentFrequency(term));
    expect(restored.documentFrequency('layer')).toBe(0);
  });

  it('leaves removed documents out of the snapshot', () => {
    const index = build();
    index.remove('graphs');
    const snapshot = index.exportSnapshot();
    expect(snapshot.ids).toEqual(['prune-title', 'prune-body', 'densenet', 'gnn']);
    expect(createKeywordIndex({}, snapshot).search('attention')).toEqual([]);
  });

  it('refuses a snapshot whose arrays do not fit together, naming the field', () => {
    const snapshot = build().exportSnapshot();
    expect(() => createKeywordIndex({}, { ...snapshot, df: snapshot.df.slice(1) })).toThrow(/"df"/);
    expect(() => createKeywordIndex({}, { ...snapshot, ids: snapshot.ids.slice(1) })).toThrow(/"titleLengths"/);
    const df = snapshot.df.slice();
    df[0]! += 1;
    expect(() => createKeywordIndex({}, { ...snapshot, df })).toThrow(/"df" of term 0 is \d+, its postings list \d+ documents/);
  });
});

describe('exact retrieval', () => {
  // "model" is in every document; in the title of m1 and m3 only, and twice in the abstract of m4.
  const docs: KeywordDoc[] = [
    { id: 'm0', title: 'Speech', text: 'A model of speech.' },
    { id: 'm1', title: 'Model zoo', text: 'Many weights.' },
    { id: 'm2', title: 'Vision', text: 'A model of vision.' },
    { id: 'm3', title: 'Model cards', text: 'Reporting.' },
    { id: 'm4', title: 'Audio', text: 'A model, then another model.' },
  ];

  it('ranks every document containing a term, the best first, at any limit', () => {
    const index = build(docs);
    expect(index.search('model', 2).map((h) => h.id)).toEqual(['m1', 'm3']);
    expect(index.search('model', 10).map((h) => h.id)).toEqual(['m1', 'm3', 'm4', 'm0', 'm2']);
  });

  it('includes documents added after the postings were built, and leaves out removed ones', () => {
    const index = build(docs);
    index.search('model');
    index.add({ id: 'm5', title: 'Model everything', text: 'Model.' });
    index.remove('m1');
    const hits = index.search('model', 10).map((h) => h.id);
    expect(hits).toContain('m5');
    expect(hits).not.toContain('m1');
  });
});

describe('encodeKeywordSnapshot / decodeKeywordSnapshot', () => {
  it('round-trips the snapshot and its metadata', () => {
    const snapshot = build().exportSnapshot();
    const { snapshot: decoded, meta } = decodeKeywordSnapshot(encodeKeywordSnapshot(snapshot, { fingerprint: 'abc', papers: 5 }));
    expect(meta).toEqual({ fingerprint: 'abc', papers: 5 });
    expect(decoded).toEqual(snapshot);
  });

  it('keeps ids holding line breaks', () => {
    const snapshot = build([{ id: 'two\nlines', title: 'Graph', text: 'Graph.' }]).exportSnapshot();
    expect(decodeKeywordSnapshot(encodeKeywordSnapshot(snapshot)).snapshot.ids).toEqual(['two\nlines']);
  });

  it('refuses a buffer of another format version, naming both versions', () => {
    const bytes = Buffer.from(encodeKeywordSnapshot(build().exportSnapshot()));
    const at = bytes.indexOf('"version":3');
    // Version 2 also held every document's frequencies next to the postings'.
    bytes.write('"version":2', at, 'latin1');
    expect(() => decodeKeywordSnapshot(bytes)).toThrow(/version 2, this build reads 3/);
  });

  it('refuses a foreign or truncated buffer, saying why', () => {
    const bytes = encodeKeywordSnapshot(build().exportSnapshot());
    expect(() => decodeKeywordSnapshot(Buffer.from('not an index at all'))).toThrow(/magic/);
    expect(() => decodeKeywordSnapshot(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated/);
  });
});
