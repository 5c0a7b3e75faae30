import { toPaper } from '../corpus/load.js';
import { describeIssues, paperRecordSchema } from '../corpus/schema.js';
import type { Logger } from '../shared/types.js';
import type { Paper } from '../corpus/types.js';
import { TrendingSourceError } from './errors.js';
import { hfDailyPaperSchema } from './hf-schema.js';

/** An item of the day's list that was skipped, and why. */
export interface SkippedItem {
  /** 0-based position in the API's array. */
  index: number;
  message: string;
}

/** The papers of one day, best first. */
export interface TrendingDay {
  date: string;
  /** Ranked by upvotes (descending), then by arXiv id for a stable order. */
  papers: Paper[];
  skipped: SkippedItem[];
  url: string;
}

/** A source of daily trending papers. */
export interface TrendingSource {
  readonly name: string;
  /** Throws TrendingSourceError when the source is unreachable or answers unusably. */
  fetchDay(date: string): Promise<TrendingDay>;
}

export interface HfSourceOptions {
  /** Base URL, e.g. https://huggingface.co (config `trending.apiUrl`). */
  apiUrl: string;
  fetch?: typeof globalThis.fetch;
  /** Per request. Default 15 s. */
  timeoutMs?: number;
  logger: Logger;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `date` is a real calendar day written YYYY-MM-DD. */
export function isIsoDate(date: string): boolean {
  if (!DATE.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/**
 * Hugging Face daily papers: `GET {apiUrl}/api/daily_papers?date=YYYY-MM-DD`.
 * Each item is validated on its own; a bad one is skipped with one log line naming its index and field.
 */
export function createHfSource(options: HfSourceOptions): TrendingSource {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const base = options.apiUrl.replace(/\/+$/, '');

  return {
    name: 'Hugging Face daily papers',
    async fetchDay(date) {
      if (!isIsoDate(date)) throw new RangeError(`date must be a calendar day as YYYY-MM-DD (got "${date}")`);
      const url = `${base}/api/daily_papers?date=${date}`;
      const body = await getJson(fetchImpl, url, timeoutMs);
      if (!Array.isArray(body)) {
        const hint = body && typeof body === 'object' && 'error' in body ? `: ${String((body as { error: unknown }).error)}` : '';
        throw new TrendingSourceError(`GET ${url}: expected a JSON array of papers${hint}`, url);
      }
      const papers: Paper[] = [];
      const skipped: SkippedItem[] = [];
      body.forEach((item, index) => {
        const result = convertItem(item, date, index);
        if ('error' in result) {
          skipped.push({ index, message: result.error });
          options.logger.warn(`trending: ${date} item ${index} skipped: ${result.error}`);
        } else {
          papers.push(result);
        }
      });
      return { date, papers: rankByUpvotes(papers), skipped, url };
    },
  };
}

/** Upvotes descending, then arXiv id / id ascending. */
export function rankByUpvotes(papers: readonly Paper[]): Paper[] {
  return [...papers].sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0) || compareText(a.arxivId ?? a.id, b.arxivId ?? b.id));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One API item → Paper, or the reason it is unusable ("paper.summary: expected a string"). */
function convertItem(item: unknown, date: string, index: number): Paper | { error: string } {
  const parsed = hfDailyPaperSchema.safeParse(item);
  if (!parsed.success) return { error: describeIssues(parsed.error) };
  const p = parsed.data.paper;
  const record = paperRecordSchema.safeParse({
    // The API keeps the arXiv line breaks in titles and summaries.
    title: collapseSpace(p.title),
    abstract: collapseSpace(p.summary),
    arxivId: p.id,
    // Hidden authors come with an empty name.
    authors: p.authors.map((a) => collapseSpace(a.name)).filter((name) => name !== ''),
    upvotes: p.upvotes,
    ...(p.publishedAt ? { publishedAt: p.publishedAt } : {}),
  });
  if (!record.success) return { error: describeIssues(record.error).replace(/^abstract/, 'paper.summary').replace(/^title/, 'paper.title') };
  const paper = toPaper(record.data, `huggingface.co daily papers ${date} #${index}`);
  if ('error' in paper) return { error: paper.error.replace(/^arxivId/, 'paper.id') };
  return paper;
}

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

async function getJson(fetchImpl: typeof globalThis.fetch, url: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    const name = (error as Error).name;
    const reason =
      name === 'TimeoutError' || name === 'AbortError'
        ? `no answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`
        : describeNetworkError(error);
    throw new TrendingSourceError(`GET ${url}: ${reason}`, url, undefined, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new TrendingSourceError(`GET ${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, url, response.status);
  }
  try {
    return await response.json();
  } catch (error) {
    throw new TrendingSourceError(`GET ${url}: the answer is not valid JSON (${(error as Error).message})`, url, response.status, { cause: error });
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return (error as Error).message ?? String(error);
}
