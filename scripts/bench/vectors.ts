/**
 * Sentence vectors for the benchmark without the transformers.js pipeline.
 *
 * The generated test model (test-support/test-model.ts) is a lookup model: a text's vector is the L2-normalised mean of
 * `word[token] + tokenType[0]` over its WordPiece tokens, [CLS] and [SEP] included. {@link createTestModelVectors}
 * computes exactly that in plain JavaScript from the model's tables, about a thousand times faster than the pipeline,
 * so 100k papers get realistic, text-dependent 384-dimensional vectors in seconds. The benchmark embeds a sample
 * through the real pipeline as well, to report its speed and how closely the two agree.
 */
import type { Embedder } from '../../src/search/types.js';

/** The tables of a generated test model (see test-support/test-model-files.ts `readTestModelTables`). */
export interface LookupModelTables {
  dimension: number;
  vocab: Map<string, number>;
  words: Float32Array;
  tokenTypes: Float32Array;
}

// Same limit as the generated tokenizer config (model_max_length).
const MAX_TOKENS = 256;
const MAX_WORD_CHARS = 100;

/** Splits like BERT's basic tokenizer: lower-cased, accents stripped, punctuation as separate tokens. */
export function basicTokens(text: string): string[] {
  const normalized = text.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();
  return normalized.match(/[\p{P}\p{S}]|[^\s\p{P}\p{S}]+/gu) ?? [];
}

/** Greedy longest-match-first WordPiece, as in BERT: a word that cannot be fully split becomes [UNK]. */
export function wordPieces(word: string, vocab: ReadonlyMap<string, number>): string[] {
  if (word.length > MAX_WORD_CHARS) return ['[UNK]'];
  const out: string[] = [];
  let start = 0;
  while (start < word.length) {
    let end = word.length;
    let piece: string | undefined;
    while (start < end) {
      const candidate = (start > 0 ? '##' : '') + word.slice(start, end);
      if (vocab.has(candidate)) {
        piece = candidate;
        break;
      }
      end--;
    }
    if (piece === undefined) return ['[UNK]'];
    out.push(piece);
    start = end;
  }
  return out;
}

/** Returns a function computing the test model's vector of a text (memoising each word's token ids). */
export function createTestModelVectors(tables: LookupModelTables): (text: string) => Float32Array {
  const { dimension, vocab, words, tokenTypes } = tables;
  const idOf = (token: string): number => {
    const id = vocab.get(token);
    if (id === undefined) throw new Error(`test model vectors: the vocabulary lacks the special token ${token}`);
    return id;
  };
  const cls = idOf('[CLS]');
  const sep = idOf('[SEP]');
  const pieces = new Map<string, number[]>();
  const idsOf = (word: string): number[] => {
    let ids = pieces.get(word);
    if (!ids) pieces.set(word, (ids = wordPieces(word, vocab).map(idOf)));
    return ids;
  };
  // Token counts per text, so each distinct token's row is added once (texts repeat their words).
  const counts = new Uint32Array(vocab.size + 1);
  const touched: number[] = [];
  const count = (id: number) => {
    if (counts[id] === 0) touched.push(id);
    counts[id]! += 1;
  };
  return (text) => {
    touched.length = 0;
    count(cls);
    let total = 1;
    outer: for (const word of basicTokens(text)) {
      for (const id of idsOf(word)) {
        if (total >= MAX_TOKENS - 1) break outer;
        count(id);
        total++;
      }
    }
    count(sep);
    total++;
    const sum = new Float64Array(dimension);
    for (const id of touched) {
      addRow(sum, words, id * dimension, counts[id]!);
      counts[id] = 0;
    }
    const out = new Float32Array(dimension);
    let norm = 0;
    for (let d = 0; d < dimension; d++) {
      const v = sum[d]! / total + tokenTypes[d]!;
      out[d] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let d = 0; d < dimension; d++) out[d]! /= norm;
    return out;
  };
}

/** sum += count · table[base .. base + sum.length) (a separate function keeps the hot loop monomorphic). */
function addRow(sum: Float64Array, table: Float32Array, base: number, count: number): void {
  const n = sum.length;
  for (let d = 0; d < n; d++) sum[d] = sum[d]! + count * table[base + d]!;
}

/** An embedder whose vectors come from a plain function (no model inference); counts what it embedded. */
export interface FunctionEmbedder extends Embedder {
  /** Texts embedded so far. */
  readonly texts: number;
}

/** Wraps a vector function as an {@link Embedder} under a given model id (so it shares that model's cache). */
export function createFunctionEmbedder(modelId: string, dimension: number, vectorOf: (text: string) => Float32Array): FunctionEmbedder {
  let texts = 0;
  return {
    modelId,
    dimension,
    get texts() {
      return texts;
    },
    async embed(batch) {
      texts += batch.length;
      return batch.map(vectorOf);
    },
  };
}

/** Cosine similarity of two vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
