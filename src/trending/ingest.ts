import type { PaperStore } from '../corpus/store.js';
import type { State } from '../state/index.js';
import type { Logger } from '../shared/types.js';
import type { Paper } from '../corpus/types.js';

/** What one ingestion did. */
export interface IngestReport {
  /** e.g. `huggingface:2026-03-06`, `file:papers.json`. */
  origin: string;
  /** Papers that were new to the store. */
  added: Paper[];
  /** Papers that matched a known one (corpus or earlier ingest) and were merged into it. */
  merged: Paper[];
  /** The store's version of every offered paper, in the order offered (ids are the store's ids). */
  papers: Paper[];
}

/** Called after papers were added; failures are logged, never propagated. */
export type IngestListener = (report: IngestReport) => Promise<void> | void;

export interface Ingester {
  /** Merges papers into the running app (searchable at once) and keeps them in the state database. */
  ingest(papers: readonly Paper[], origin: string): Promise<IngestReport>;
  /** Registers a listener for newly added papers (e.g. subscription matching); returns an unsubscribe function. */
  onIngested(listener: IngestListener): () => void;
}

/** What ingestion needs from the running app: the store, and a way to add papers searchable at once. */
export interface PaperSink {
  readonly store: PaperStore;
  /** Adds papers live (merged with known ones); resolves once they are searchable. */
  addPapers(papers: Paper[]): Promise<{ added: Paper[]; merged: Paper[] }>;
}

export interface IngesterDeps {
  app: PaperSink;
  state: Pick<State, 'papers'>;
  logger: Logger;
}

export function createIngester({ app, state, logger }: IngesterDeps): Ingester {
  const listeners = new Set<IngestListener>();
  return {
    async ingest(papers, origin) {
      if (papers.length === 0) return { origin, added: [], merged: [], papers: [] };
      const { added, merged } = await app.addPapers([...papers]);
      // Persist the papers as fetched (not as merged), so a restart re-merges them the same way.
      state.papers.upsert(papers, origin);
      const report: IngestReport = {
        origin,
        added,
        merged,
        papers: papers.map((p) => app.store.findDuplicate(p) ?? p),
      };
      logger.info(`ingest: ${origin}: ${added.length} new, ${merged.length} already known`);
      for (const listener of listeners) {
        try {
          await listener(report);
        } catch (error) {
          logger.error(`ingest: a listener failed after ${origin}`, { error });
        }
      }
      return report;
    },
    onIngested(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Re-adds the papers kept in the state database to a freshly started app; returns how many were new to it. */
export async function restoreIngestedPapers(app: Pick<PaperSink, 'addPapers'>, state: Pick<State, 'papers'>, logger: Logger): Promise<number> {
  const stored = state.papers.all().map((r) => r.paper);
  if (stored.length === 0) return 0;
  const { added } = await app.addPapers(stored);
  logger.info(`state: restored ${stored.length} ingested paper(s), ${added.length} not in the corpus`);
  return added.length;
}
