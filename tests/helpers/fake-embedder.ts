/**
 * Deterministic stand-in for the sentence embedder, for fast tests: a text's vector is the
 * normalised sum of its words' vectors (lower-cased letter/digit runs). A word's vector comes from
 * `table` when listed there (so tests can make synonyms identical), else from a hash of the word.
 */
import { createRandom, hashString } from '../../test-support/random.js';
import type { Embedder } from '../../src/search/types.js';

/** A fake embedder that counts its work. */
export interface FakeEmbedder extends Embedder {
  /** Number of `embed` calls. */
  readonly calls: number;
  /** Every text passed to `embed`, in order. */
  readonly embedded: readonly string[];
  /** Clears the counters. */
  reset(): void;
}

/** Options of {@link createFakeEmbedder}. */
export interface FakeEmbedderOptions {
  /** Default: the length of the table's vectors, else 16. */
  dimension?: number;
  /** Default "fake-embedder". */
  modelId?: string;
}

/** Pseudo-random word vector in [-1, 1)^dimension, seeded by the word. */
function hashedVector(word: string, dimension: number): Float32Array {
  const random = createRandom(hashString(word));
  return Float32Array.from({ length: dimension }, () => random() * 2 - 1);
}

/** Words of a text as the fake sees them. */
export function fakeWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Creates a fake embedder. `table` maps words to explicit vectors (all of the same length).
 * A text without words gets the zero vector.
 */
export function createFakeEmbedder(
  table: Record<string, readonly number[]> = {},
  options: FakeEmbedderOptions = {},
): FakeEmbedder {
  const firstRow = Object.values(table)[0];
  const dimension = options.dimension ?? firstRow?.length ?? 16;
  for (const [word, row] of Object.entries(table)) {
    if (row.length !== dimension) {
      throw new Error(`createFakeEmbedder: table vector of "${word}" has ${row.length} numbers, expected ${dimension}`);
    }
  }
  let calls = 0;
  let embedded: string[] = [];

  const embedOne = (text: string): Float32Array => {
    const sum = new Float32Array(dimension);
    for (const word of fakeWords(text)) {
      const row = table[word] ?? hashedVector(word, dimension);
      for (let i = 0; i < dimension; i++) sum[i] = (sum[i] as number) + (row[i] as number);
    }
    let norm = 0;
    for (const v of sum) norm += v * v;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < dimension; i++) sum[i] = (sum[i] as number) / norm;
    return sum;
  };

  return {
    modelId: options.modelId ?? 'fake-embedder',
    dimension,
    get calls() {
      return calls;
    },
    get embedded() {
      return embedded;
    },
    reset() {
      calls = 0;
      embedded = [];
    },
    async embed(texts) {
      calls++;
      embedded.push(...texts);
      return texts.map(embedOne);
    },
  };
}
