import { describe, expect, it } from 'vitest';
import { loadEmbedder } from '../../src/search/embedder.js';
import { getTestModelDir, readTestModelTables } from '../../test-support/test-model-files.js';
import { basicTokens, cosine, createFunctionEmbedder, createTestModelVectors, wordPieces } from '../../scripts/bench/vectors.js';

const VOCAB = new Map(['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'net', 'work', '##s', '##work'].map((t, i) => [t, i]));

describe('basicTokens', () => {
  it('lower-cases, strips accents and splits punctuation off', () => {
    expect(basicTokens('Poincaré ResNets, (GNNs)!')).toEqual(['poincare', 'resnets', ',', '(', 'gnns', ')', '!']);
  });
});

describe('wordPieces', () => {
  it('splits greedily into the longest known pieces', () => {
    expect(wordPieces('net', VOCAB)).toEqual(['net']);
    expect(wordPieces('nets', VOCAB)).toEqual(['net', '##s']);
    expect(wordPieces('network', VOCAB)).toEqual(['net', '##work']);
  });

  it('makes a word that cannot be fully split [UNK]', () => {
    expect(wordPieces('netx', VOCAB)).toEqual(['[UNK]']);
    expect(wordPieces('graph', VOCAB)).toEqual(['[UNK]']);
  });
});

describe('createTestModelVectors', () => {
  // Two dimensions: every row chosen by hand; token type 0 adds (0, 1).
  const words = new Float32Array([
    0, 0, // [PAD]
    2, 0, // [UNK]
    0, 0, // [CLS]
    0, 0, // [SEP]
    4, 0, // net
    0, 4, // work
    1, 1, // ##s
    0, 8, // ##work
  ]);
  const vectorOf = createTestModelVectors({ dimension: 2, vocab: VOCAB, words, tokenTypes: new Float32Array([0, 1, 0, 0]) });

  it('is the normalised mean of token rows plus the token type row', () => {
    // [CLS] net ##s [SEP]: mean (5, 1) / 4 = (1.25, 0.25), + (0, 1) = (1.25, 1.25) → (√½, √½).
    const v = vectorOf('Nets');
    expect(v[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(v[1]).toBeCloseTo(Math.SQRT1_2, 6);
    // [CLS] [UNK] work [SEP]: mean (2, 4) / 4 = (0.5, 1), + (0, 1) = (0.5, 2).
    const u = vectorOf('graph work');
    expect(u[0]! / u[1]!).toBeCloseTo(0.25, 6);
  });
});

describe('createTestModelVectors against the transformers.js pipeline', () => {
  it('gives the vectors the generated test model gives', async () => {
    const dir = await getTestModelDir();
    const embedder = await loadEmbedder({ model: dir, cacheDir: dir, allowRemote: false });
    const texts = ['Deep residual learning for image recognition.', 'Prunes, pruned: pruning (GNNs)!', 'zzzunknownword network'];
    try {
      const expected = await embedder.embed(texts);
      const vectorOf = createTestModelVectors(await readTestModelTables(dir));
      texts.forEach((text, i) => expect(cosine(vectorOf(text), expected[i]!)).toBeGreaterThan(0.999));
    } finally {
      await embedder.dispose();
    }
  });
});

describe('createFunctionEmbedder', () => {
  it('embeds with the function and counts texts', async () => {
    const embedder = createFunctionEmbedder('model', 1, (t) => new Float32Array([t.length]));
    expect(await embedder.embed(['ab', 'c'])).toEqual([new Float32Array([2]), new Float32Array([1])]);
    expect(embedder.texts).toBe(2);
    expect(embedder.modelId).toBe('model');
  });
});

describe('cosine', () => {
  it('is the cosine of the angle, 0 for a zero vector', () => {
    expect(cosine(new Float32Array([1, 0]), new Float32Array([1, 1]))).toBeCloseTo(Math.SQRT1_2);
    expect(cosine(new Float32Array([0, 0]), new Float32Array([1, 1]))).toBe(0);
  });
});
