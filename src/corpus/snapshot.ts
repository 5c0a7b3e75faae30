/**
 * The parsed corpus saved in DATA_DIR, so a warm start skips reading, JSON-parsing and validating every record.
 * The file is valid for the corpus files it was made from, as identified by their names, sizes and modification
 * times (and the format version): any difference means the corpus is parsed again and the file rewritten.
 *
 * Layout: one JSON header line (format version, V8 version, stamp), then the loaded corpus in V8's serialisation
 * format (`node:v8`), which reads about twice as fast as the same data as JSON. The header is checked before the
 * (large) body is decoded.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import type { CorpusProblem, Paper } from './types.js';

/** Format version of the snapshot file; a file of another version is parsed again and rewritten. */
export const CORPUS_SNAPSHOT_VERSION = 1;

/** Name, size and modification time of one corpus file. */
export interface CorpusFileStamp {
  name: string;
  size: number;
  mtimeMs: number;
}

/** What identifies a corpus folder's contents without reading them. */
export interface CorpusStamp {
  /** The folder's name: it prefixes every paper's `source`. */
  folder: string;
  files: CorpusFileStamp[];
}

/** The loader's result as saved: papers in store order, already merged and validated. */
export interface CorpusSnapshotBody {
  papers: Paper[];
  problems: CorpusProblem[];
  files: string[];
  merged: number;
  /** `normalizeTitle` of each paper (the store's title keys), so a restore does not normalise 100k titles again. */
  titleKeys: string[];
}

/** Stamps `names` (in that order) of the corpus folder `dir`. */
export async function stampCorpus(dir: string, names: readonly string[]): Promise<CorpusStamp> {
  const files = await Promise.all(
    names.map(async (name) => {
      const info = await stat(path.join(dir, name));
      return { name, size: info.size, mtimeMs: info.mtimeMs };
    }),
  );
  return { folder: path.basename(dir), files };
}

/**
 * The stamp as one string (with the snapshot format version, since the papers' form depends on it): what files derived
 * from the loaded papers record, to be trusted while the corpus is unchanged.
 */
export function stampKey(stamp: CorpusStamp): string {
  return JSON.stringify({ version: CORPUS_SNAPSHOT_VERSION, ...stamp });
}

/** Encodes a snapshot file. */
export function encodeCorpusSnapshot(stamp: CorpusStamp, body: CorpusSnapshotBody): Buffer {
  const header = Buffer.from(`${JSON.stringify({ version: CORPUS_SNAPSHOT_VERSION, v8: process.versions.v8, stamp })}\n`);
  return Buffer.concat([header, v8.serialize(body)]);
}

/** Why a snapshot was not used: the corpus changed (`stale`) or the file is not a readable snapshot (`corrupt`). */
export type SnapshotMiss = { kind: 'stale' | 'corrupt'; reason: string };

/**
 * Decodes a snapshot file made for `stamp`; a file for other corpus files, of another version or damaged is a miss
 * with the reason. Never returns papers for a corpus that differs from the stamp.
 */
export function decodeCorpusSnapshot(bytes: Buffer, stamp: CorpusStamp): { body: CorpusSnapshotBody } | { miss: SnapshotMiss } {
  const newline = bytes.indexOf(10);
  if (newline < 0) return { miss: { kind: 'corrupt', reason: 'no header line' } };
  let header: { version?: unknown; v8?: unknown; stamp?: unknown };
  try {
    header = JSON.parse(bytes.toString('utf8', 0, newline)) as typeof header;
  } catch (error) {
    return { miss: { kind: 'corrupt', reason: `header: ${(error as Error).message}` } };
  }
  if (header?.version !== CORPUS_SNAPSHOT_VERSION) {
    return { miss: { kind: 'stale', reason: `format version ${String(header?.version)}, this build reads ${CORPUS_SNAPSHOT_VERSION}` } };
  }
  // The serialisation format belongs to the V8 that wrote it.
  if (header.v8 !== process.versions.v8) return { miss: { kind: 'stale', reason: `written by V8 ${String(header.v8)}, this is ${process.versions.v8}` } };
  const changed = describeStampChange(header.stamp as CorpusStamp | undefined, stamp);
  if (changed) return { miss: { kind: 'stale', reason: changed } };
  let body: CorpusSnapshotBody;
  try {
    body = v8.deserialize(bytes.subarray(newline + 1)) as CorpusSnapshotBody;
  } catch (error) {
    return { miss: { kind: 'corrupt', reason: `body: ${(error as Error).message}` } };
  }
  const invalid = checkBody(body);
  return invalid ? { miss: { kind: 'corrupt', reason: invalid } } : { body };
}

/** The first difference between the saved and the current stamp, or undefined when they match. */
function describeStampChange(saved: CorpusStamp | undefined, current: CorpusStamp): string | undefined {
  if (!saved || !Array.isArray(saved.files)) return 'no corpus stamp';
  if (saved.folder !== current.folder) return `corpus folder "${String(saved.folder)}" became "${current.folder}"`;
  const before = new Map(saved.files.map((f) => [f.name, f]));
  for (const file of current.files) {
    const old = before.get(file.name);
    if (!old) return `${file.name} was added`;
    if (old.size !== file.size || old.mtimeMs !== file.mtimeMs) return `${file.name} changed`;
    before.delete(file.name);
  }
  const removed = before.keys().next();
  return removed.done ? undefined : `${removed.value} was removed`;
}

/** A structural check of the body (a truncated or edited file must not yield broken papers). */
function checkBody(body: CorpusSnapshotBody): string | undefined {
  if (!body || !Array.isArray(body.papers) || !Array.isArray(body.problems) || !Array.isArray(body.files) || typeof body.merged !== 'number' ||
    !Array.isArray(body.titleKeys) || body.titleKeys.length !== body.papers.length) {
    return 'body is not a saved corpus';
  }
  for (let i = 0; i < body.papers.length; i++) {
    const p = body.papers[i]!;
    if (typeof body.titleKeys[i] !== 'string' || typeof p?.id !== 'string' || typeof p.title !== 'string' || typeof p.abstract !== 'string' || typeof p.url !== 'string' || typeof p.source !== 'string' || !Array.isArray(p.authors)) {
      return `paper ${i + 1} is malformed`;
    }
  }
  return body.papers.length === 0 ? 'no papers' : undefined;
}
