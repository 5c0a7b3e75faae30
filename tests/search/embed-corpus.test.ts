import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { embedTexts, paperText } from '../../src/search/embed-corpus.js';
import { openEmbeddingCache } from '../../src/search/embedding-cache.js';
import type { ProgressEvent } from '../../src/search/types.js';
import { createFakeEmbedder } from '../helpers/fake-embedder.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'embed-corpus-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TEXTS = ['pruning sparse networks', 'image super resolution', 'graph convolution', 'diffusion models'];

describe('embedTexts', () => {
  it('returns the embedder vectors in input order', async () => {
    const embedder = createFakeEmbedder();
    const vectors = await embedTexts(TEXTS, embedder, null);
    const direct = await embedder.embed(TEXTS);
    expect(vectors).toEqual(direct);
  });

  it('embeds nothing on a second run over a reopened cache', async () => {
    const embedder = createFakeEmbedder();
    const cache1 = await openEmbeddingCache({ dir, modelId: embedder.modelId, dimension: embedder.dimension });
    const first = await embedTexts(TEXTS, embedder, cache1, { batchSize: 3 });
    expect(embedder.calls).toBe(2);
    expect(embedder.embedded).toEqual(TEXTS);

    embedder.reset();
    const cache2 = await openEmbeddingCache({ dir, modelId: embedder.modelId, dimension: embedder.dimension });
    const second = await embedTexts(TEXTS, embedder, cache2, { batchSize: 3 });
    expect(embedder.calls).toBe(0);
    expect(second).toEqual(first);
  });

  it('embeds only the texts missing from the cache, each once', async () => {
    const embedder = createFakeEmbedder();
    const cache = await openEmbeddingCache({ dir, modelId: embedder.modelId, dimension: embedder.dimension });
    await embedTexts(['graph convolution'], embedder, cache);
    embedder.reset();

    const vectors = await embedTexts(['graph convolution', 'new text', 'new text'], embedder, cache);
    expect(embedder.embedded).toEqual(['new text']);
    expect(vectors[1]).toEqual(vectors[2]);
  });

  it('misses when the cache belongs to another model', async () => {
    const a = createFakeEmbedder({}, { modelId: 'model-a' });
    const b = createFakeEmbedder({}, { modelId: 'model-b' });
    await embedTexts(TEXTS, a, await openEmbeddingCache({ dir, modelId: 'model-a', dimension: 16 }));
    await embedTexts(TEXTS, b, await openEmbeddingCache({ dir, modelId: 'model-b', dimension: 16 }));
    expect(b.embedded).toEqual(TEXTS);
  });

  it('reports embed progress per batch over the distinct misses', async () => {
    const events: ProgressEvent[] = [];
    await embedTexts([...TEXTS, TEXTS[0] as string], createFakeEmbedder(), null, {
      batchSize: 3,
      label: 'Embedding papers',
      onProgress: (e) => events.push(e),
    });
    expect(events).toEqual([
      { task: 'embed', label: 'Embedding papers', done: 0, total: 4 },
      { task: 'embed', label: 'Embedding papers', done: 3, total: 4 },
      { task: 'embed', label: 'Embedding papers', done: 4, total: 4 },
    ]);
  });

  it('refuses a cache of another model or dimension', async () => {
    const embedder = createFakeEmbedder({}, { dimension: 8 });
    const cache = await openEmbeddingCache({ dir, modelId: embedder.modelId, dimension: 4 });
    await expect(embedTexts(TEXTS, embedder, cache)).rejects.toThrow(/cache is for "fake-embedder" \(4 dims\)/);
  });

  it('rejects an embedder that returns the wrong number of vectors', async () => {
    const embedder = createFakeEmbedder();
    const broken = { ...embedder, modelId: 'broken', dimension: 16, embed: async () => [] };
    await expect(embedTexts(TEXTS, broken, null)).rejects.toThrow(/returned 0 vectors for 4 texts/);
  });
});

describe('paperText', () => {
  it('joins title and abstract into one sentence sequence', () => {
    expect(paperText({ title: 'Deep Compression', abstract: 'We prune networks.' })).toBe('Deep Compression. We prune networks.');
  });

  it('does not double the punctuation of a title that ends a sentence', () => {
    expect(paperText({ title: 'Is Pruning Enough?', abstract: 'No.' })).toBe('Is Pruning Enough? No.');
  });

  it('falls back to the title alone when there is no abstract', () => {
    expect(paperText({ title: ' Title ', abstract: '  ' })).toBe('Title');
  });
});
