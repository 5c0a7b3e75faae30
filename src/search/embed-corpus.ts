/**
 * Embeds many texts through an embedder, reusing and filling an {@link EmbeddingCache}, so only
 * texts never seen with this model reach the model.
 */
import type { Embedder, ProgressEvent } from './types.js';
import type { Paper } from '../corpus/types.js';
import type { EmbeddingCache } from './embedding-cache.js';
import { DEFAULT_EMBED_BATCH_SIZE } from './embedder.js';

/** Options of {@link embedTexts}. */
export interface EmbedTextsOptions {
  /** Called with `task: 'embed'` before the first batch and after each batch; counts distinct uncached texts. */
  onProgress?: (event: ProgressEvent) => void;
  /** Texts per embedder call (and per cache flush). Default 32. */
  batchSize?: number;
  /** Label of the progress events. Default "Embedding texts". */
  label?: string;
}

/** The text embedded for a paper: its title, then its abstract. */
export function paperText(paper: Pick<Paper, 'title' | 'abstract'>): string {
  const title = paper.title.trim();
  const abstract = paper.abstract.trim();
  if (!abstract) return title;
  if (!title) return abstract;
  // Avoid "Why?. Abstract" when the title already ends a sentence.
  return /[.!?]$/.test(title) ? `${title} ${abstract}` : `${title}. ${abstract}`;
}

/**
 * Returns one vector per text (same order). Cached vectors are reused; the distinct misses are
 * embedded in batches and written to the cache, which is flushed after every batch so an
 * interrupted run keeps what it already paid for. Returned vectors must not be mutated.
 */
export async function embedTexts(
  texts: string[],
  embedder: Embedder,
  cache: EmbeddingCache | null | undefined,
  options: EmbedTextsOptions = {},
): Promise<Float32Array[]> {
  const batchSize = options.batchSize ?? DEFAULT_EMBED_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`embedTexts: option "batchSize" must be a positive integer, got ${String(options.batchSize)}`);
  }
  if (cache && (cache.dimension !== embedder.dimension || cache.modelId !== embedder.modelId)) {
    throw new Error(
      `embedTexts: cache is for "${cache.modelId}" (${cache.dimension} dims) but the embedder is "${embedder.modelId}" (${embedder.dimension} dims)`,
    );
  }
  const label = options.label ?? 'Embedding texts';
  const result: Array<Float32Array | undefined> = texts.map((text) => cache?.get(text));
  const misses = [...new Set(texts.filter((_, i) => result[i] === undefined))];
  const fresh = new Map<string, Float32Array>();

  if (misses.length > 0) options.onProgress?.({ task: 'embed', label, done: 0, total: misses.length });
  for (let start = 0; start < misses.length; start += batchSize) {
    const batch = misses.slice(start, start + batchSize);
    const vectors = await embedder.embed(batch);
    if (vectors.length !== batch.length) {
      throw new Error(`embedTexts: embedder "${embedder.modelId}" returned ${vectors.length} vectors for ${batch.length} texts`);
    }
    batch.forEach((text, i) => {
      const vector = vectors[i] as Float32Array;
      if (vector.length !== embedder.dimension) {
        throw new Error(`embedTexts: embedder "${embedder.modelId}" returned a ${vector.length}-dim vector, expected ${embedder.dimension}`);
      }
      fresh.set(text, vector);
      cache?.set(text, vector);
    });
    await cache?.flush();
    options.onProgress?.({ task: 'embed', label, done: Math.min(start + batchSize, misses.length), total: misses.length });
  }
  return texts.map((text, i) => result[i] ?? (fresh.get(text) as Float32Array));
}
