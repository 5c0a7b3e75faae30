import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { normalizeTitle } from '../corpus/ids.js';
import type { Logger } from '../shared/types.js';
import type { Paper } from '../corpus/types.js';
import type { IngestedPaperRecord } from './types.js';

interface PaperRow {
  key: string;
  paper: string;
  origin: string;
  first_seen_at: string;
  updated_at: string;
}

// Rows are read back with a check: the file may have been edited or written by another build.
export const storedPaperSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  abstract: z.string().min(1),
  arxivId: z.string().min(1).optional(),
  authors: z.array(z.string()),
  url: z.string().min(1),
  publishedAt: z.string().optional(),
  upvotes: z.number().int().nonnegative().optional(),
  source: z.string(),
});

/** A paper stored as JSON, read back with the check above; the reason when the row is unreadable. */
export function parseStoredPaper(json: string): { paper: Paper } | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { reason: 'not valid JSON' };
  }
  const parsed = storedPaperSchema.safeParse(value);
  return parsed.success ? { paper: parsed.data as Paper } : { reason: parsed.error.issues[0]?.message ?? 'invalid' };
}

/** Live-ingested papers, kept so they survive restarts. */
export interface PapersRepo {
  /** Inserts or refreshes papers (keyed by arXiv id, else normalised title) in one transaction; returns how many were new. */
  upsert(papers: readonly Paper[], origin: string): number;
  /** Every stored paper, oldest first; unreadable rows are logged and skipped. */
  all(): IngestedPaperRecord[];
  readonly size: number;
}

/** The identity of an ingested paper: its arXiv id when known, else its normalised title. */
export function ingestedPaperKey(paper: Pick<Paper, 'arxivId' | 'title'>): string {
  return paper.arxivId ? `arxiv:${paper.arxivId}` : `title:${normalizeTitle(paper.title)}`;
}

export function createPapersRepo(db: Database, now: () => string, logger: Logger): PapersRepo {
  const insert = db.prepare(
    `INSERT INTO ingested_papers (key, paper, origin, first_seen_at, updated_at) VALUES (@key, @paper, @origin, @at, @at)
     ON CONFLICT (key) DO UPDATE SET paper = excluded.paper, origin = excluded.origin, updated_at = excluded.updated_at`,
  );
  const exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM ingested_papers WHERE key = ?');
  const selectAll = db.prepare<[], PaperRow>('SELECT * FROM ingested_papers ORDER BY first_seen_at, rowid');
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM ingested_papers');

  const upsert = db.transaction((papers: readonly Paper[], origin: string) => {
    const at = now();
    let added = 0;
    for (const paper of papers) {
      const key = ingestedPaperKey(paper);
      if (exists.get(key) === undefined) added += 1;
      insert.run({ key, paper: JSON.stringify(paper), origin, at });
    }
    return added;
  });

  return {
    upsert: (papers, origin) => upsert(papers, origin),
    all() {
      const out: IngestedPaperRecord[] = [];
      for (const row of selectAll.all()) {
        const parsed = parseStoredPaper(row.paper);
        if ('reason' in parsed) {
          logger.warn(`state: ingested paper ${row.key} is unreadable; skipped`, { reason: parsed.reason });
          continue;
        }
        out.push({ paper: parsed.paper, origin: row.origin, firstSeenAt: row.first_seen_at, updatedAt: row.updated_at });
      }
      return out;
    },
    get size() {
      return count.get()!.n;
    },
  };
}
