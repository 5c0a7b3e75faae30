import { describe, expect, it } from 'vitest';
import { createTermModel, topWords } from '../../src/answers/term-model.js';
import { createPaperStore } from '../../src/corpus/store.js';
import type { Paper } from '../../src/corpus/types.js';

const paper = (id: string, title: string, abstract: string): Paper => ({ id, title, abstract, authors: [], url: id, source: id });

describe('createTermModel', () => {
  const store = createPaperStore([
    paper('a', 'Residual networks', 'Residual connections help networks train. ResNet uses residual blocks.'),
    paper('b', 'Pruning networks', 'Pruning removes weights from networks.'),
  ]);
  const model = createTermModel(store);

  it('weighs rare terms above common ones', () => {
    expect(model.idf('residu')).toBeGreaterThan(model.idf('network'));
    expect(model.documentFrequency('network')).toBe(2);
    expect(model.documentFrequency('residu')).toBe(1);
    expect(model.idf('unseen')).toBeGreaterThan(model.idf('residu'));
  });

  it('builds unit-length paper vectors', () => {
    const v = model.paperVector(store.get('a')!);
    expect(Math.hypot(...v.values())).toBeCloseTo(1);
    expect(v.get('residu')).toBeGreaterThan(v.get('network')!);
  });

  it('maps stems to their most frequent whole-word surface, never to a camelCase fragment', () => {
    expect(model.surface('residu')).toBe('residual');
    expect(model.surface('prune')).toBe('pruning');
    expect(model.surface('resnet')).toBe('resnet');
    expect(model.surface('res')).toBeUndefined();
  });

  it('counts papers added later', () => {
    const growing = createPaperStore([paper('a', 'Residual networks', 'Residual networks.')]);
    const m = createTermModel(growing);
    expect(m.size).toBe(1);
    growing.add(paper('b', 'Residual pruning', 'Residual pruning.'));
    expect(m.size).toBe(2);
    expect(m.documentFrequency('residu')).toBe(2);
  });

  it('drops question words from query vectors', () => {
    expect([...model.queryVector('Which papers study residual networks?').keys()].sort()).toEqual(['network', 'residu']);
  });
});

describe('topWords', () => {
  const store = createPaperStore([paper('a', 'Residual networks', 'We show residual networks with 50 layers. ResNet is deep.')]);
  const model = createTermModel(store);
  it('returns the heaviest readable words, skipping numbers, generic words and fragments', () => {
    const v = new Map([['50', 9], ['show', 8], ['res', 7], ['residu', 5], ['layer', 3], ['network', 1]]);
    expect(topWords(model, v, 2).map((t) => t.word)).toEqual(['residual', 'layers']);
    expect(topWords(model, v, 5, (t) => t !== 'residu').map((t) => t.word)).toEqual(['layers', 'networks']);
  });
});

describe('createTermModel on a corpus larger than the sample', () => {
  const papers = [
    paper('p0', 'Residual networks', 'Residual networks train deep models.'),
    paper('p1', 'Pruning networks', 'Pruning shrinks networks.'),
    paper('p2', 'Residual pruning', 'Residual pruning of networks.'),
    paper('p3', 'Graph attention', 'Graphs with attention.'),
  ];
  it('counts document frequencies on every k-th paper and scales the estimate', () => {
    const model = createTermModel(createPaperStore(papers), { sampleSize: 2 });
    // Stride 2: p0 and p2 are counted. "residu" is in both, "graph" in neither.
    expect(model.idf('residu')).toBeCloseTo(Math.log(3 / 3) + 1);
    expect(model.idf('graph')).toBeCloseTo(Math.log(3 / 1) + 1);
    expect(model.documentFrequency('residu')).toBe(4);
    expect(model.documentFrequency('network')).toBe(4);
    expect(model.size).toBe(4);
  });

  it('knows the surface words of a paper outside the sample once it is vectorised', () => {
    const store = createPaperStore(papers);
    const model = createTermModel(store, { sampleSize: 2 });
    expect(model.surface('attent')).toBeUndefined();
    model.paperVector(store.get('p3')!);
    expect(model.surface('attent')).toBe('attention');
  });

  it('draws the sample again when the corpus outgrows it', () => {
    const store = createPaperStore(papers.slice(0, 2));
    const model = createTermModel(store, { sampleSize: 2 });
    expect(model.idf('prune')).toBeCloseTo(Math.log(3 / 2) + 1);
    store.add(papers[2]!);
    store.add(papers[3]!);
    // Now stride 2 over four papers: p0 and p2, where "prune" occurs once.
    expect(model.idf('prune')).toBeCloseTo(Math.log(3 / 2) + 1);
    expect(model.idf('graph')).toBeCloseTo(Math.log(3 / 1) + 1);
    expect(model.idf('train')).toBeCloseTo(Math.log(3 / 2) + 1);
  });
});
