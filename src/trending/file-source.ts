import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { toPaper } from '../corpus/load.js';
import { describeIssues, paperRecordSchema } from '../corpus/schema.js';
import type { Paper } from '../corpus/types.js';

/** Papers read from one JSON / JSONL file, and the records that were skipped ("file record 3: abstract: …"). */
export interface PaperFile {
  papers: Paper[];
  problems: string[];
}

/**
 * Reads a file in the corpus JSON format: an array of paper records, an object with a `papers` array, or JSONL.
 * Bad records are skipped and reported with their position and field; an unreadable or shapeless file throws.
 */
export async function readPaperFile(file: string): Promise<PaperFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const name = path.basename(file);
  const raw: { value: unknown; where: string }[] = [];
  const problems: string[] = [];
  if (/\.jsonl$/i.test(file)) {
    text.split(/\r?\n/).forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        raw.push({ value: JSON.parse(line), where: `${name}:${index + 1}` });
      } catch (error) {
        problems.push(`${name}:${index + 1}: invalid JSON (${(error as Error).message}); record skipped`);
      }
    });
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file} is not valid JSON (${(error as Error).message})`);
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { papers?: unknown } | null)?.papers;
    if (!Array.isArray(list)) throw new Error(`${file}: expected an array of papers or an object with a "papers" array`);
    list.forEach((value, index) => raw.push({ value, where: `${name} record ${index + 1}` }));
  }
  const papers: Paper[] = [];
  for (const { value, where } of raw) {
    const record = paperRecordSchema.safeParse(value);
    if (!record.success) {
      problems.push(`${where}: ${describeIssues(record.error)}; record skipped`);
      continue;
    }
    const paper = toPaper(record.data, where.replace(' record ', '#'));
    if ('error' in paper) problems.push(`${where}: ${paper.error}; record skipped`);
    else papers.push(paper);
  }
  return { papers, problems };
}
