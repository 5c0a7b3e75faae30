import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CorpusProblem, Paper } from './types.js';
import { normalizeTitle, paperUrl, parseArxivId, slugify } from './ids.js';
import { parseTrendingPage } from './parse-page.js';
import { describeIssues, paperRecordSchema, type PaperRecord } from './schema.js';
import { createPaperStore, type PaperStore } from './store.js';
import { decodeCorpusSnapshot, encodeCorpusSnapshot, stampCorpus, stampKey, type CorpusStamp } from './snapshot.js';
import type { Logger } from '../shared/types.js';

export type { CorpusProblem } from './types.js';

export interface LoadedCorpus {
  papers: Paper[];
  /** The same papers in a de-duplicating store, ready for live additions. */
  store: PaperStore;
  problems: CorpusProblem[];
  /** Files read, relative to the corpus folder. */
  files: string[];
  /** Records that duplicated an earlier paper and were merged into it. */
  merged: number;
  /**
   * What identifies the corpus files read (names, sizes, modification times), when loaded with a `snapshotFile`:
   * files derived from these papers (keyword index, paper keys, title index) are valid while it is the same.
   */
  stamp?: string;
}

/** Options of `loadCorpus`. */
export interface LoadCorpusOptions {
  /**
   * Parsed-corpus snapshot (in DATA_DIR): used when it was made from the same corpus files (names, sizes, modification
   * times), else the corpus is parsed and the file rewritten atomically.
   */
  snapshotFile?: string;
  /** Where a stale, damaged or unwritable snapshot is reported. */
  logger?: Logger;
}

/** The corpus could not be used at all (missing, unreadable or empty). */
export class CorpusError extends Error {
  override name = 'CorpusError';
}

const SUPPORTED = /\.(txt|json|jsonl)$/i;

/** "file:line" / "file#record" for messages. */
export function formatProblem(problem: CorpusProblem): string {
  const where = problem.line !== undefined ? `:${problem.line}` : problem.record !== undefined ? ` record ${problem.record}` : '';
  return `${problem.file}${where}: ${problem.message}`;
}

/** Converts a validated record into a Paper; an unusable arXiv id is reported as a field error. */
export function toPaper(record: PaperRecord, source: string): Paper | { error: string } {
  let arxivId: string | undefined;
  if (record.arxivId !== undefined) {
    arxivId = parseArxivId(record.arxivId);
    if (!arxivId) return { error: `arxivId: "${record.arxivId}" is not an arXiv identifier (e.g. 1706.03762)` };
  }
  const paper: Paper = {
    id: record.id ?? arxivId ?? slugify(record.title),
    title: record.title,
    abstract: record.abstract,
    authors: record.authors ?? [],
    url: record.url ?? paperUrl(record.title, arxivId),
    source,
  };
  if (arxivId) paper.arxivId = arxivId;
  if (record.publishedAt) paper.publishedAt = record.publishedAt;
  if (record.upvotes !== undefined) paper.upvotes = record.upvotes;
  return paper;
}

interface RawRecord {
  value: unknown;
  line?: number;
  record?: number;
}

/** Reads the raw records of one JSON or JSONL file; syntax errors become problems with a line number. */
function readJsonRecords(file: string, text: string): { raw: RawRecord[]; problems: CorpusProblem[] } {
  const problems: CorpusProblem[] = [];
  if (file.toLowerCase().endsWith('.jsonl')) {
    const raw: RawRecord[] = [];
    text.split(/\r?\n/).forEach((lineText, index) => {
      if (lineText.trim() === '') return;
      try {
        raw.push({ value: JSON.parse(lineText), line: index + 1 });
      } catch (error) {
        problems.push({ file, line: index + 1, message: `invalid JSON (${(error as Error).message})` });
      }
    });
    return { raw, problems };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { raw: [], problems: [{ file, message: `invalid JSON (${(error as Error).message}); file skipped` }] };
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { papers?: unknown })?.papers;
  if (!Array.isArray(list)) {
    return { raw: [], problems: [{ file, message: 'expected an array of papers or an object with a "papers" array; file skipped' }] };
  }
  return { raw: list.map((value, index) => ({ value, record: index + 1 })), problems };
}

/**
 * Loads every `*.txt` (trending page), `*.json` and `*.jsonl` file of a corpus folder, in file-name order.
 * Malformed records are skipped and reported with file, line/record and field; duplicates are merged.
 * Throws CorpusError when the folder is unreadable or yields no paper at all.
 */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => SUPPORTED.test(name)).sort();
  } catch (error) {
    throw new CorpusError(`cannot read corpus folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (names.length === 0) {
    throw new CorpusError(`corpus folder ${dir} has no .txt, .json or .jsonl files`);
  }
  if (!options.snapshotFile) return parseCorpus(dir, names);

  const { snapshotFile, logger } = options;
  // Stamped before reading: a file that changes while it is parsed gives a stamp the next start will not match.
  let stamp: CorpusStamp | undefined;
  try {
    stamp = await stampCorpus(dir, names);
  } catch {
    return parseCorpus(dir, names); // a file vanished or is unreadable: parsing reports it
  }
  const saved = await readSnapshot(snapshotFile, stamp, logger);
  const key = stampKey(stamp);
  if (saved) {
    const { titleKeys, ...loaded } = saved;
    const store = createPaperStore(saved.papers, { titleKeys });
    return { ...loaded, store, papers: [...store.all()], stamp: key };
  }
  const corpus = await parseCorpus(dir, names);
  await writeSnapshot(snapshotFile, stamp, corpus, logger);
  return { ...corpus, stamp: key };
}

/** The saved corpus when `file` holds it for `stamp`; a stale or damaged file is logged and ignored. */
async function readSnapshot(file: string, stamp: CorpusStamp, logger: Logger | undefined) {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger?.warn('corpus snapshot unreadable; parsing the corpus', { file, error });
    return undefined;
  }
  const decoded = decodeCorpusSnapshot(bytes, stamp);
  if ('body' in decoded) return decoded.body;
  const context = { file, reason: decoded.miss.reason };
  if (decoded.miss.kind === 'stale') logger?.info('corpus snapshot out of date; parsing the corpus', context);
  else logger?.warn('corpus snapshot damaged; parsing the corpus', context);
  return undefined;
}

/** Writes the snapshot atomically (temporary file, then rename); a failure only costs a parse at the next start. */
async function writeSnapshot(file: string, stamp: CorpusStamp, corpus: LoadedCorpus, logger: Logger | undefined): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const { papers, problems, files, merged } = corpus;
    await mkdir(path.dirname(file), { recursive: true });
    const titleKeys = papers.map((paper) => normalizeTitle(paper.title));
    await writeFile(temporary, encodeCorpusSnapshot(stamp, { papers, problems, files, merged, titleKeys }));
    await rename(temporary, file);
  } catch (error) {
    logger?.warn('could not save the corpus snapshot; the next start parses the corpus again', { file, error });
  }
}

/** Reads and validates every file of `names`, merging duplicates (see `loadCorpus`). */
async function parseCorpus(dir: string, names: string[]): Promise<LoadedCorpus> {
  const store = createPaperStore();
  const problems: CorpusProblem[] = [];
  let merged = 0;
  const label = (name: string) => path.join(path.basename(dir), name);

  for (const name of names) {
    const file = label(name);
    let text: string;
    try {
      text = await readFile(path.join(dir, name), 'utf8');
    } catch (error) {
      problems.push({ file, message: `unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); file skipped` });
      continue;
    }

    let raw: RawRecord[];
    if (name.toLowerCase().endsWith('.txt')) {
      const page = parseTrendingPage(text);
      problems.push(...page.problems.map((p) => ({ file, line: p.line, message: p.message })));
      raw = page.records.map((r) => ({ value: r.record, line: r.line }));
    } else {
      const json = readJsonRecords(file, text);
      problems.push(...json.problems);
      raw = json.raw;
    }

    for (const item of raw) {
      const where = { file, ...(item.line !== undefined ? { line: item.line } : {}), ...(item.record !== undefined ? { record: item.record } : {}) };
      const parsed = paperRecordSchema.safeParse(item.value);
      if (!parsed.success) {
        problems.push({ ...where, message: `${describeIssues(parsed.error)}; record skipped` });
        continue;
      }
      const source = `${file}${item.line !== undefined ? `:${item.line}` : `#${item.record}`}`;
      const paper = toPaper(parsed.data, source);
      if ('error' in paper) {
        problems.push({ ...where, message: `${paper.error}; record skipped` });
        continue;
      }
      if (store.add(paper).kind === 'merged') merged += 1;
    }
  }

  if (store.size === 0) {
    const detail = problems.length > 0 ? ` (${problems.length} problem(s), first: ${formatProblem(problems[0]!)})` : '';
    throw new CorpusError(`corpus folder ${dir} contains no usable paper${detail}`);
  }
  return { papers: [...store.all()], store, problems, files: names, merged };
}
