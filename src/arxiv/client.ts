/**
 * The arXiv API client: one paper per request (`?id_list=`), at most one request per interval (arXiv asks for
 * 3 s between calls), queued in order, each with a time-out.
 */
import PQueue from 'p-queue';
import type { Paper } from '../corpus/types.js';
import type { Logger } from '../shared/types.js';
import { ArxivError } from './errors.js';
import { parseArxivFeed } from './parse.js';

export interface ArxivClientOptions {
  /** The query endpoint, e.g. https://export.arxiv.org/api/query (config `arxiv.apiUrl`). */
  apiUrl: string;
  fetch?: typeof globalThis.fetch;
  /** Per request. Default 15 s. */
  timeoutMs?: number;
  /** Least time between two requests. Default 3 s (arXiv's terms of use). */
  intervalMs?: number;
  logger: Logger;
}

/** Fetches papers from arXiv. */
export interface ArxivClient {
  /** The paper with this bare arXiv id. Throws ArxivError (not-found, unreachable, timeout, http, malformed). */
  fetchPaper(arxivId: string): Promise<Paper>;
  /** Requests waiting for their turn. */
  readonly queued: number;
}

export const ARXIV_INTERVAL_MS = 3000;

export function createArxivClient(options: ArxivClientOptions): ArxivClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const queue = new PQueue({ concurrency: 1, interval: options.intervalMs ?? ARXIV_INTERVAL_MS, intervalCap: 1 });

  const request = async (arxivId: string): Promise<Paper> => {
    const url = `${options.apiUrl}?id_list=${encodeURIComponent(arxivId)}&max_results=1`;
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/atom+xml' } });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new ArxivError('timeout', `the arXiv API did not answer within ${formatMs(timeoutMs)} (${url})`, { cause: error });
      }
      throw new ArxivError('unreachable', `the arXiv API is unreachable (${describeNetworkError(error)}; ${url})`, { cause: error });
    }
    let body: string;
    try {
      body = await response.text();
    } catch (error) {
      throw new ArxivError('unreachable', `the arXiv API answer broke off (${(error as Error).message}; ${url})`, { cause: error });
    }
    if (!response.ok) {
      throw new ArxivError('http', `the arXiv API answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} (${url})`);
    }
    const paper = parseArxivFeed(body, arxivId);
    options.logger.debug('arxiv: fetched', { arxivId, title: paper.title });
    return paper;
  };

  return {
    fetchPaper: (arxivId) => queue.add(() => request(arxivId)) as Promise<Paper>,
    get queued() {
      return queue.size + queue.pending;
    },
  };
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  return (error as Error).message ?? String(error);
}
