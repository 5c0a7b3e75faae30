/** Adding one paper by arXiv id or URL: parse the reference, fetch it (rate-limited), ingest it (stored, indexed). */
import { parseArxivId } from '../corpus/ids.js';
import type { IngestReport } from '../trending/ingest.js';
import type { Paper } from '../corpus/types.js';
import type { ArxivClient } from './client.js';
import { ArxivError } from './errors.js';

/** What adding did: the store's version of the paper, and whether it was new or merged into a known one. */
export interface AddedPaper {
  paper: Paper;
  status: 'added' | 'merged';
}

export interface PaperAdder {
  /**
   * Adds the paper named by `reference` ("1706.03762", "arXiv:1706.03762v7", an abs or pdf URL). Throws
   * ArxivError; on any error nothing is stored or indexed.
   */
  add(reference: string): Promise<AddedPaper>;
}

export interface PaperAdderDeps {
  client: Pick<ArxivClient, 'fetchPaper'>;
  /** Merges papers into the running app and keeps them in the state database (the digest ingester). */
  ingest(papers: readonly Paper[], origin: string): Promise<IngestReport>;
}

/** Examples of accepted references, shown in messages. */
export const ARXIV_REFERENCE_EXAMPLES = '1706.03762, arXiv:1706.03762v7 or https://arxiv.org/abs/1706.03762';

/** The bare arXiv id of a reference, or an ArxivError (`invalid-id`) saying what is accepted. */
export function arxivIdOf(reference: string): string {
  const id = parseArxivId(reference);
  if (!id) throw new ArxivError('invalid-id', `"${reference.trim()}" is not an arXiv id or link; use e.g. ${ARXIV_REFERENCE_EXAMPLES}`);
  return id;
}

export function createPaperAdder(deps: PaperAdderDeps): PaperAdder {
  return {
    async add(reference) {
      const arxivId = arxivIdOf(reference);
      const fetched = await deps.client.fetchPaper(arxivId);
      const report = await deps.ingest([fetched], `arxiv:${arxivId}`);
      const paper = report.papers[0] ?? fetched;
      return { paper, status: report.added.length > 0 ? 'added' : 'merged' };
    },
  };
}
