/**
 * The keyword index as plain data, and its binary file format: typed arrays copied as they are (little-endian hosts)
 * and string lists as UTF-8 lines behind a JSON header, so loading needs no parsing and the arrays are views into
 * the file.
 */
import type { TypoSnapshot } from '../typo.js';
import type { DocumentArrays } from './documents.js';
import type { PostingArrays } from './postings.js';

/**
 * A keyword index as plain data. Documents are numbered 0..n-1; `postStart[t]..postStart[t+1]` delimits term t's
 * postings (every document containing it, ascending) in `postDocs`, with their title and abstract frequencies and
 * impacts in the parallel arrays; the postings are the only copy of the frequencies.
 */
export interface KeywordIndexSnapshot extends DocumentArrays, PostingArrays {
  typos: TypoSnapshot;
}

/** Refuses a snapshot whose arrays do not fit together, naming the field. */
export function checkSnapshot(s: KeywordIndexSnapshot): void {
  const docs = s.ids.length;
  const fail = (field: string, why: string): never => {
    throw new Error(`keyword index snapshot: field "${field}" ${why}`);
  };
  if (new Set(s.ids).size !== docs) fail('ids', 'repeats an id');
  if (s.titleLengths.length !== docs || s.textLengths.length !== docs) fail('titleLengths', `must have one entry per document (${docs})`);
  if (s.df.length !== s.terms.length) fail('df', `must have one entry per term (${s.terms.length})`);
  if (s.postStart.length !== s.terms.length + 1 || s.postStart[s.terms.length] !== s.postDocs.length) fail('postStart', 'does not delimit postDocs');
  for (const field of ['postTitleTf', 'postTextTf', 'postImpacts'] as const) if (s[field].length !== s.postDocs.length) fail(field, 'must parallel postDocs');
  if (s.maxTf.length !== s.terms.length) fail('maxTf', `must have one entry per term (${s.terms.length})`);
  for (let t = 0; t < s.terms.length; t++) if (s.postStart[t + 1]! - s.postStart[t]! !== s.df[t]) fail('df', `of term ${t} is ${s.df[t]}, its postings list ${s.postStart[t + 1]! - s.postStart[t]!} documents`);
  for (let i = 0; i < s.postDocs.length; i++) if (s.postDocs[i]! >= docs) fail('postDocs', `refers to document ${s.postDocs[i]} of ${docs}`);
}

// Binary form of a snapshot: magic, header length (u32 LE), JSON header, then 8-byte aligned sections.
const SNAPSHOT_MAGIC = 'PSKWIDX1';
// Version 3: the frequencies only in the postings (version 2 also held them per document, version 1 held capped
// candidate lists; such files are refused with their version and rebuilt).
const SNAPSHOT_VERSION = 3;
type SectionType = 'u32' | 'u16' | 'u8' | 'f64' | 'lines' | 'json';
interface SectionEntry {
  name: string;
  type: SectionType;
  offset: number;
  bytes: number;
}

/**
 * Encodes a snapshot as one buffer: typed arrays are copied as they are (little-endian hosts) and string lists as
 * UTF-8 lines, so decoding needs no parsing beyond a JSON header. `meta` travels with it (e.g. a corpus fingerprint).
 */
export function encodeKeywordSnapshot(snapshot: KeywordIndexSnapshot, meta: Record<string, string | number> = {}): Buffer {
  const { typos, acronyms, postAverages, ...rest } = snapshot;
  const parts: { name: string; type: SectionType; data: Uint8Array }[] = [];
  const addArray = (name: string, array: Uint32Array | Uint16Array | Uint8Array | Float64Array) => {
    const type = array instanceof Uint32Array ? 'u32' : array instanceof Uint16Array ? 'u16' : array instanceof Uint8Array ? 'u8' : 'f64';
    parts.push({ name, type, data: new Uint8Array(array.buffer, array.byteOffset, array.byteLength) });
  };
  const addStrings = (name: string, list: readonly string[]) => {
    // One string per line unless a string itself holds a line break (then JSON).
    const plain = list.every((s) => !s.includes('\n'));
    parts.push({ name, type: plain ? 'lines' : 'json', data: Buffer.from(plain ? list.join('\n') : JSON.stringify(list), 'utf8') });
  };
  addStrings('ids', rest.ids);
  addStrings('terms', rest.terms);
  for (const name of ['titleLengths', 'textLengths', 'df', 'postStart', 'postDocs', 'postTitleTf', 'postTextTf', 'postImpacts', 'maxTf'] as const) {
    addArray(name, rest[name]);
  }
  addStrings('typos.words', typos.words);
  addArray('typos.sorted', typos.sorted);
  addArray('typos.keys', typos.keys);
  addArray('typos.owners', typos.owners);

  const sections: SectionEntry[] = [];
  let offset = 0;
  for (const part of parts) {
    sections.push({ name: part.name, type: part.type, offset, bytes: part.data.byteLength });
    offset = align8(offset + part.data.byteLength);
  }
  const header = Buffer.from(JSON.stringify({ version: SNAPSHOT_VERSION, meta, postAverages, counts: { ids: rest.ids.length, terms: rest.terms.length, words: typos.words.length }, acronyms, sections, bodyBytes: offset }), 'utf8');
  const bodyStart = align8(SNAPSHOT_MAGIC.length + 4 + header.length);
  const out = Buffer.alloc(bodyStart + offset);
  out.write(SNAPSHOT_MAGIC, 0, 'latin1');
  out.writeUInt32LE(header.length, SNAPSHOT_MAGIC.length);
  header.copy(out, SNAPSHOT_MAGIC.length + 4);
  parts.forEach((part, i) => out.set(part.data, bodyStart + sections[i]!.offset));
  return out;
}

/**
 * Decodes {@link encodeKeywordSnapshot}'s output. Typed arrays are views into `bytes` (no copy). Throws an error
 * saying what is wrong for a foreign, truncated or inconsistent buffer.
 */
export function decodeKeywordSnapshot(bytes: Uint8Array): { snapshot: KeywordIndexSnapshot; meta: Record<string, string | number> } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < SNAPSHOT_MAGIC.length + 4 || buffer.toString('latin1', 0, SNAPSHOT_MAGIC.length) !== SNAPSHOT_MAGIC) {
    throw new Error(`keyword index snapshot: not a snapshot (expected the magic "${SNAPSHOT_MAGIC}")`);
  }
  const headerLength = buffer.readUInt32LE(SNAPSHOT_MAGIC.length);
  const headerEnd = SNAPSHOT_MAGIC.length + 4 + headerLength;
  if (headerEnd > buffer.length) throw new Error('keyword index snapshot: truncated header');
  const header = JSON.parse(buffer.toString('utf8', SNAPSHOT_MAGIC.length + 4, headerEnd)) as {
    version: number;
    meta: Record<string, string | number>;
    postAverages: [number, number];
    counts: { ids: number; terms: number; words: number };
    acronyms: [number, string, string][];
    sections: SectionEntry[];
    bodyBytes: number;
  };
  if (header.version !== SNAPSHOT_VERSION) throw new Error(`keyword index snapshot: version ${header.version}, this build reads ${SNAPSHOT_VERSION}`);
  const bodyStart = align8(headerEnd);
  if (bodyStart + header.bodyBytes !== buffer.length) {
    throw new Error(`keyword index snapshot: ${buffer.length} bytes, the header announces ${bodyStart + header.bodyBytes} (truncated or appended to)`);
  }
  // Typed views need aligned offsets: copy the (rare) buffer that does not start on an 8-byte boundary.
  const aligned = (buffer.byteOffset + bodyStart) % 8 === 0;
  const copy = aligned ? null : new Uint8Array(buffer);
  const body = copy ? Buffer.from(copy.buffer, 0, copy.length) : buffer;
  const section = (name: string): SectionEntry => {
    const entry = header.sections.find((s) => s.name === name);
    if (!entry) throw new Error(`keyword index snapshot: section "${name}" is missing`);
    return entry;
  };
  const view = <T>(name: string, type: SectionType, make: new (buffer: ArrayBufferLike, offset: number, length: number) => T, size: number): T => {
    const s = section(name);
    if (s.type !== type) throw new Error(`keyword index snapshot: section "${name}" is ${s.type}, expected ${type}`);
    return new make(body.buffer, body.byteOffset + bodyStart + s.offset, s.bytes / size);
  };
  const array = (name: string) => view(name, 'u32', Uint32Array, 4);
  const array16 = (name: string) => view(name, 'u16', Uint16Array, 2);
  const strings = (name: string, count: number): string[] => {
    const s = section(name);
    const text = body.toString('utf8', bodyStart + s.offset, bodyStart + s.offset + s.bytes);
    const list = s.type === 'json' ? (JSON.parse(text) as string[]) : count === 0 ? [] : text.split('\n');
    if (list.length !== count) throw new Error(`keyword index snapshot: section "${name}" has ${list.length} strings, expected ${count}`);
    return list;
  };
  const snapshot: KeywordIndexSnapshot = {
    ids: strings('ids', header.counts.ids),
    titleLengths: array('titleLengths'),
    textLengths: array('textLengths'),
    terms: strings('terms', header.counts.terms),
    df: array('df'),
    postStart: array('postStart'),
    postDocs: array('postDocs'),
    postTitleTf: array16('postTitleTf'),
    postTextTf: array16('postTextTf'),
    postImpacts: view('postImpacts', 'u8', Uint8Array, 1),
    maxTf: view('maxTf', 'f64', Float64Array, 8),
    postAverages: header.postAverages,
    acronyms: header.acronyms,
    typos: { words: strings('typos.words', header.counts.words), sorted: array('typos.sorted'), keys: array('typos.keys'), owners: array('typos.owners') },
  };
  return { snapshot, meta: header.meta };
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
