/**
 * Files derived from the loaded corpus and kept in DATA_DIR so a warm start does not recompute them (the papers' text
 * keys in the embedding cache, the title index). Layout: one JSON header line (kind, format version, the V8 version
 * that wrote it, the corpus stamp), then the body in V8's serialisation format. The header is checked before the body
 * is decoded; a file for another corpus, format or V8 is stale, an unreadable one damaged: either is logged in one
 * line and ignored, so the caller rebuilds and rewrites it. Writes are atomic (temporary file, then rename).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import type { Logger } from './types.js';

/** What a saved file is and what it was made from. */
export interface SavedFileHeader {
  /** What the file holds, e.g. "title-index". */
  kind: string;
  /** Format version of the body; another version is rebuilt. */
  version: number;
  /** The corpus stamp (`LoadedCorpus.stamp`) of the papers the body was derived from. */
  stamp: string;
}

/** Why a saved file was not used: made for something else (`stale`) or not readable (`corrupt`). */
export type SavedFileMiss = { kind: 'stale' | 'corrupt'; reason: string };

/** Encodes a saved file. */
export function encodeSavedFile(header: SavedFileHeader, body: unknown): Buffer {
  const line = Buffer.from(`${JSON.stringify({ ...header, v8: process.versions.v8 })}\n`);
  return Buffer.concat([line, v8.serialize(body)]);
}

/** Decodes a saved file made for `expected`; anything else is a miss with the reason. */
export function decodeSavedFile(bytes: Buffer, expected: SavedFileHeader): { body: unknown } | { miss: SavedFileMiss } {
  const newline = bytes.indexOf(10);
  if (newline < 0) return { miss: { kind: 'corrupt', reason: 'no header line' } };
  let header: Partial<SavedFileHeader> & { v8?: unknown };
  try {
    header = JSON.parse(bytes.toString('utf8', 0, newline)) as typeof header;
  } catch (error) {
    return { miss: { kind: 'corrupt', reason: `header: ${(error as Error).message}` } };
  }
  if (header?.kind !== expected.kind) return { miss: { kind: 'corrupt', reason: `holds "${String(header?.kind)}", not "${expected.kind}"` } };
  if (header.version !== expected.version) {
    return { miss: { kind: 'stale', reason: `format version ${String(header.version)}, this build reads ${expected.version}` } };
  }
  // The serialisation format belongs to the V8 that wrote it.
  if (header.v8 !== process.versions.v8) return { miss: { kind: 'stale', reason: `written by V8 ${String(header.v8)}, this is ${process.versions.v8}` } };
  if (header.stamp !== expected.stamp) return { miss: { kind: 'stale', reason: 'made for other corpus files' } };
  try {
    return { body: v8.deserialize(bytes.subarray(newline + 1)) as unknown };
  } catch (error) {
    return { miss: { kind: 'corrupt', reason: `body: ${(error as Error).message}` } };
  }
}

/**
 * The body of `file` when it was saved for `expected` and passes `check` (which names what is wrong, or returns
 * undefined); otherwise undefined, after one log line (none when the file does not exist yet).
 */
export async function readSavedFile<T>(
  file: string,
  expected: SavedFileHeader,
  check: (body: unknown) => string | undefined,
  logger: Logger | undefined,
): Promise<T | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger?.warn(`${expected.kind} file unreadable; rebuilding it`, { file, error });
    return undefined;
  }
  const decoded = decodeSavedFile(bytes, expected);
  let miss: SavedFileMiss;
  if ('miss' in decoded) miss = decoded.miss;
  else {
    const invalid = check(decoded.body);
    if (invalid === undefined) return decoded.body as T;
    miss = { kind: 'corrupt', reason: invalid };
  }
  if (miss.kind === 'stale') logger?.info(`${expected.kind} file out of date; rebuilding it`, { file, reason: miss.reason });
  else logger?.warn(`${expected.kind} file damaged; rebuilding it`, { file, reason: miss.reason });
  return undefined;
}

/** Writes a saved file atomically; a failure is logged (the next start only rebuilds it). */
export async function writeSavedFile(file: string, header: SavedFileHeader, body: unknown, logger: Logger | undefined): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, encodeSavedFile(header, body));
    await rename(temporary, file);
  } catch (error) {
    logger?.warn(`could not save the ${header.kind} file; the next start rebuilds it`, { file, error });
  }
}
