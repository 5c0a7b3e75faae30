/**
 * On-disk cache of sentence vectors, keyed by model id + SHA-256 of the text, so a restart embeds
 * nothing it has embedded before.
 *
 * One append-only binary file per model and dimension, `<slug>-<hash8>-d<dim>.f32` in `dir`:
 *   header  48 bytes: "PSVEC001", u32 LE dimension, u32 LE record size, 32-byte SHA-256 of the model id
 *   records fixed size: [32-byte SHA-256 of the text][dimension × f32 LE]
 * The whole file is read in one go and records are served as views into that buffer, which keeps
 * 100k × 384-dim vectors well under a second to open. A later record for the same text wins.
 */
import crypto from 'node:crypto';
import { open, readFile, rename, mkdir, truncate } from 'node:fs/promises';
import path from 'node:path';
import { sha256Bytes, sha256Hex } from '../text/hash.js';
import type { Logger } from '../shared/types.js';

const MAGIC = Buffer.from('PSVEC001', 'latin1');
/** Size of the file header in bytes. */
export const CACHE_HEADER_BYTES = 48;
const HASH_BYTES = 32;

/** Options of {@link openEmbeddingCache}. */
export interface EmbeddingCacheOptions {
  /** Folder holding the cache files (created on first flush). */
  dir: string;
  /** Model id or path; vectors of another model are never returned. */
  modelId: string;
  dimension: number;
  logger?: Logger;
}

/** Vectors by text for one model. Returned vectors are shared: do not mutate them. */
export interface EmbeddingCache {
  readonly modelId: string;
  readonly dimension: number;
  /** Absolute path of the backing file. */
  readonly file: string;
  /** Number of distinct texts cached (in memory, flushed or not). */
  readonly size: number;
  get(text: string): Float32Array | undefined;
  has(text: string): boolean;
  /** The key of `text` in this cache (its SHA-256, as 32 latin1 characters): the same for every model. */
  keyOf(text: string): string;
  /** Like `get`, for a text known by its key (e.g. one saved earlier), so the text is not hashed again. */
  getByKey(key: string): Float32Array | undefined;
  /** Caches a copy of `vector`; written to disk by the next {@link EmbeddingCache.flush}. */
  set(text: string, vector: Float32Array): void;
  /** Appends the records set since the last flush to the file. */
  flush(): Promise<void>;
}

/** File name of the cache for a model and dimension: readable slug + hash, so ids never collide. */
export function cacheFileName(modelId: string, dimension: number): string {
  const slug = modelId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(-48) || 'model';
  return `${slug}-${sha256Hex(modelId).slice(0, 8)}-d${dimension}.f32`;
}

function buildHeader(modelId: string, dimension: number): Buffer {
  const header = Buffer.alloc(CACHE_HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(dimension, 8);
  header.writeUInt32LE(recordBytes(dimension), 12);
  sha256Bytes(modelId).copy(header, 16);
  return header;
}

function recordBytes(dimension: number): number {
  return HASH_BYTES + dimension * 4;
}

// One-shot hashing (Node ≥ 20.12) skips a Hash object per text: a third of the time when 100k texts are looked up.
const oneShotHash = (crypto as unknown as { hash?: (algorithm: string, data: string, encoding: 'latin1') => string }).hash;

/** Key of a text in the in-memory map: its SHA-256 as a 32-char latin1 string (cheaper than hex). */
function textKey(text: string): string {
  return oneShotHash ? oneShotHash('sha256', text, 'latin1') : sha256Bytes(text).toString('latin1');
}

/**
 * Opens (or starts) the cache file of a model and reads every valid record.
 * A file with a foreign header is set aside as `<file>.invalid`; an incomplete last record is
 * logged and cut off so later appends stay aligned; a record holding non-finite numbers is
 * logged and treated as a miss when first looked up.
 */
export async function openEmbeddingCache(options: EmbeddingCacheOptions): Promise<EmbeddingCache> {
  const { dir, modelId, dimension, logger } = options;
  if (!Number.isInteger(dimension) || dimension < 1) {
    throw new Error(`embedding cache: option "dimension" must be a positive integer, got ${String(dimension)}`);
  }
  const file = path.resolve(dir, cacheFileName(modelId, dimension));
  const header = buildHeader(modelId, dimension);
  const recordSize = recordBytes(dimension);
  const vectors = new Map<string, Float32Array>();
  const loaded = await loadRecords(file, header, dimension, vectors, logger);
  let onDiskBytes = loaded.keptBytes;
  let pending: Array<[key: Buffer, vector: Float32Array]> = [];
  let flushing: Promise<void> = Promise.resolve();

  async function writePending(): Promise<void> {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const prefix = onDiskBytes === 0 ? header : Buffer.alloc(0);
    const out = Buffer.alloc(prefix.length + batch.length * recordSize);
    prefix.copy(out, 0);
    let offset = prefix.length;
    for (const [key, vector] of batch) {
      key.copy(out, offset);
      Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).copy(out, offset + HASH_BYTES);
      offset += recordSize;
    }
    try {
      await mkdir(path.dirname(file), { recursive: true });
      const handle = await open(file, 'a');
      try {
        await handle.write(out);
      } finally {
        await handle.close();
      }
    } catch (error) {
      pending = batch.concat(pending); // keep them for the next flush
      await truncate(file, onDiskBytes).catch(() => undefined); // drop a partial append so records stay aligned
      throw new Error(`embedding cache: could not append to ${file}: ${(error as Error).message}`, { cause: error });
    }
    onDiskBytes += out.length;
  }

  /** The vector of a text key; a stored record holding NaN/Infinity (disk corruption) is logged and dropped. */
  function lookup(key: string): Float32Array | undefined {
    const vector = vectors.get(key);
    if (vector === undefined || isFinite32(vector)) return vector;
    vectors.delete(key);
    const data = loaded.data;
    const record =
      data && vector.buffer === data.buffer
        ? (vector.byteOffset - data.byteOffset - CACHE_HEADER_BYTES - HASH_BYTES) / recordSize
        : null;
    logger?.warn('embedding cache record holds non-finite numbers; ignoring it', { file, record });
    return undefined;
  }

  return {
    modelId,
    dimension,
    file,
    get size() {
      return vectors.size;
    },
    get: (text) => lookup(textKey(text)),
    has: (text) => lookup(textKey(text)) !== undefined,
    keyOf: textKey,
    getByKey: lookup,
    set(text, vector) {
      if (vector.length !== dimension) {
        throw new Error(`embedding cache: vector has ${vector.length} dimensions, ${path.basename(file)} holds ${dimension}`);
      }
      if (!isFinite32(vector)) {
        throw new Error(`embedding cache: refusing a vector with non-finite numbers for ${path.basename(file)}`);
      }
      const digest = sha256Bytes(text);
      const copy = Float32Array.from(vector); // little-endian on every supported host
      vectors.set(digest.toString('latin1'), copy);
      pending.push([digest, copy]);
    },
    flush() {
      flushing = flushing.then(writePending, writePending);
      return flushing;
    },
  };
}

/**
 * Reads the records into `vectors`; returns the number of bytes of the file that are kept and
 * the file buffer (to locate a record from its view).
 */
async function loadRecords(
  file: string,
  header: Buffer,
  dimension: number,
  vectors: Map<string, Float32Array>,
  logger: Logger | undefined,
): Promise<{ keptBytes: number; data: Buffer | null }> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { keptBytes: 0, data: null };
    throw new Error(`embedding cache: cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (data.length === 0) return { keptBytes: 0, data: null };
  if (data.length < CACHE_HEADER_BYTES || !data.subarray(0, CACHE_HEADER_BYTES).equals(header)) {
    const aside = `${file}.invalid`;
    logger?.warn('embedding cache file has a foreign header (other model, dimension or format); setting it aside', {
      file, movedTo: aside, expectedDimension: dimension, foundDimension: data.length >= 12 ? data.readUInt32LE(8) : null,
    });
    await rename(file, aside);
    return { keptBytes: 0, data: null };
  }
  // Float32Array views need 4-byte alignment; readFile of a large file normally gives offset 0.
  if (data.byteOffset % 4 !== 0) data = Buffer.from(data);
  const recordSize = recordBytes(dimension);
  const count = Math.floor((data.length - CACHE_HEADER_BYTES) / recordSize);
  const keptBytes = CACHE_HEADER_BYTES + count * recordSize;
  for (let r = 0; r < count; r++) {
    const start = CACHE_HEADER_BYTES + r * recordSize;
    // Views, not copies; their numbers are checked lazily by get() (a full scan would double the open time).
    vectors.set(data.toString('latin1', start, start + HASH_BYTES), new Float32Array(data.buffer, data.byteOffset + start + HASH_BYTES, dimension));
  }
  if (keptBytes < data.length) {
    logger?.warn('embedding cache ends with an incomplete record; cutting it off', {
      file, record: count, bytes: data.length - keptBytes, keptRecords: count,
    });
    await truncate(file, keptBytes);
  }
  return { keptBytes, data };
}

function isFinite32(vector: Float32Array): boolean {
  for (let i = 0; i < vector.length; i++) {
    const v = vector[i] as number;
    if (v - v !== 0) return false; // NaN or ±Infinity
  }
  return true;
}
