/**
 * The embedding cache keys of the corpus papers' texts (SHA-256 of `paperText`), saved next to the cache and valid
 * for the corpus stamp they were made with, so a warm start finds 100k paper vectors without hashing 100k texts.
 * The keys depend on the texts only, not on the model, so one file serves every model's cache.
 */
import type { Paper } from '../corpus/types.js';
import { readSavedFile, writeSavedFile, type SavedFileHeader } from '../shared/saved-file.js';
import type { Logger } from '../shared/types.js';
import { paperText } from './embed-corpus.js';
import type { EmbeddingCache } from './embedding-cache.js';

/** Format version of the keys file; bump it when `paperText` changes. */
export const PAPER_KEYS_VERSION = 1;
const KEY_LENGTH = 32;

/** The saved keys as read: one 32-character key per corpus paper, in store order. */
interface PaperKeysBody {
  keys: Buffer;
  count: number;
}

const header = (stamp: string): SavedFileHeader => ({ kind: 'paper keys', version: PAPER_KEYS_VERSION, stamp });

/**
 * The cache keys of `papers` (the corpus papers, in store order) saved in `file` for `stamp`; undefined (logged) when
 * the file is missing, for another corpus or damaged. The first and last keys are checked against their texts, so a
 * file whose keys were computed differently is not trusted.
 */
export async function readPaperKeys(file: string, stamp: string, papers: readonly Paper[], cache: EmbeddingCache, logger?: Logger): Promise<string[] | undefined> {
  const check = (body: unknown): string | undefined => {
    const b = body as PaperKeysBody | undefined;
    if (!b || !(b.keys instanceof Uint8Array) || typeof b.count !== 'number' || b.keys.length !== b.count * KEY_LENGTH) return 'body is not a list of keys';
    if (b.count !== papers.length) return `holds ${b.count} keys for ${papers.length} papers`;
    return undefined;
  };
  const body = await readSavedFile<PaperKeysBody>(file, header(stamp), check, logger);
  if (!body || papers.length === 0) return undefined;
  const bytes = Buffer.from(body.keys.buffer, body.keys.byteOffset, body.keys.byteLength);
  const keys = Array.from({ length: body.count }, (_, i) => bytes.toString('latin1', i * KEY_LENGTH, (i + 1) * KEY_LENGTH));
  const last = papers.length - 1;
  if (keys[0] !== cache.keyOf(paperText(papers[0]!)) || keys[last] !== cache.keyOf(paperText(papers[last]!))) {
    logger?.warn('paper keys file damaged; rebuilding it', { file, reason: 'keys do not match the papers' });
    return undefined;
  }
  return keys;
}

/** Saves `keys` (from `EmbeddingCache.keyOf`, one per corpus paper) for `stamp`, atomically; failures are logged. */
export async function writePaperKeys(file: string, stamp: string, keys: readonly string[], logger?: Logger): Promise<void> {
  const bytes = Buffer.alloc(keys.length * KEY_LENGTH);
  keys.forEach((key, i) => bytes.write(key, i * KEY_LENGTH, KEY_LENGTH, 'latin1'));
  await writeSavedFile(file, header(stamp), { keys: bytes, count: keys.length } satisfies PaperKeysBody, logger);
}
