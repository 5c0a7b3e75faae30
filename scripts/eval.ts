/**
 * Search quality evaluation: nDCG@10 and Recall@5 per query set and per retrieval mode, with a MiniSearch baseline
 * and a per-kind breakdown (keyword, typo, question, paraphrase).
 *
 *   npm run eval                      # both sets, table
 *   npm run eval -- --set heldout     # one set
 *   npm run eval -- --json            # machine-readable
 *   npm run eval -- --corpus corpus   # corpus folder (default: corpus)
 *
 * The held-out set is never used for tuning; tune on dev only.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { createRuntime } from '../src/app/runtime.js';
import { loadConfig } from '../src/app/config.js';
import { loadCorpus } from '../src/corpus/load.js';
import { createLogger } from '../src/shared/log.js';
import { createKeywordIndex } from '../src/search/keyword-index.js';
import type { Paper } from '../src/corpus/types.js';
import type { SearchMode } from '../src/search/types.js';
import { mean, ndcgAtK, recallAtK } from './eval-metrics.js';
import { QUERY_KINDS, loadQuerySet, resolveQuerySet, type QueryKind, type ResolvedQuery } from './eval-queries.js';

/** A retrieval mode under evaluation: ranked paper ids for a query. */
export type Mode = (query: string, limit: number) => Promise<string[]>;

const SETS = ['dev', 'heldout'] as const;
type SetName = (typeof SETS)[number];

interface Row {
  set: SetName;
  mode: string;
  queries: number;
  ndcg10: number;
  recall5: number;
  /** Mean nDCG@10 per query kind (kinds absent from the set are left out). */
  byKind: Partial<Record<QueryKind, { queries: number; ndcg10: number; recall5: number }>>;
  /** Mean milliseconds per query (informative only). */
  msPerQuery: number;
  perQuery: { query: string; kind: QueryKind; ndcg10: number; recall5: number; top: string[] }[];
}

/** The MiniSearch baseline: its documented default BM25 set-up over title and abstract. */
export function createMiniSearchMode(papers: readonly Paper[]): Mode {
  const mini = new MiniSearch<{ id: string; title: string; abstract: string }>({ fields: ['title', 'abstract'] });
  mini.addAll(papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })));
  return async (query, limit) =>
    mini
      .search(query, { boost: { title: 2 }, fuzzy: 0.2, prefix: true })
      .slice(0, limit)
      .map((r) => String(r.id));
}

/** Our keyword index (inverted-index candidates ranked with BM25F, typo tolerant). */
export function createKeywordMode(papers: readonly Paper[]): Mode {
  const index = createKeywordIndex();
  index.addMany(papers.map((p) => ({ id: p.id, title: p.title, text: p.abstract })));
  return async (query, limit) => index.search(query, limit).map((h) => h.id);
}

/** All modes to evaluate, baseline first. */
export async function buildModes(papers: readonly Paper[], model?: string): Promise<Record<string, Mode>> {
  const modes: Record<string, Mode> = {
    minisearch: createMiniSearchMode(papers),
    keyword: createKeywordMode(papers),
  };
  // Engine modes from the composition root, with the configured model (EMBEDDING_MODEL, or --model).
  const config = loadConfig({ ...process.env, ...(model ? { EMBEDDING_MODEL: model } : {}) });
  // Only the evaluation papers: a throw-away state database, so papers ingested into DATA_DIR never join them.
  const { app } = await createRuntime(config, { papers: [...papers], logger: createLogger({ level: 'warn' }), statePath: ':memory:' }, { readOnly: true });
  await app.semanticReady;
  const engineMode = (mode: SearchMode): Mode => async (q, limit) => (await app.search(q, { mode, limit })).results.map((r) => r.id);
  const semantic = app.status().semantic;
  if (semantic.state === 'ready') {
    modes.semantic = engineMode('semantic');
    modes.hybrid = engineMode('hybrid');
  } else {
    process.stderr.write(`eval: semantic and hybrid rows left out — ${semantic.reason ?? semantic.state}\n`);
  }
  modes['engine keyword'] = engineMode('keyword');
  return modes;
}

/** Scores one mode on one resolved query set. */
export async function evaluateMode(set: SetName, name: string, mode: Mode, queries: readonly ResolvedQuery[]): Promise<Row> {
  const perQuery: Row['perQuery'] = [];
  const started = performance.now();
  for (const q of queries) {
    const ranked = await mode(q.query, 10);
    perQuery.push({ query: q.query, kind: q.kind, ndcg10: ndcgAtK(ranked, q.judgments, 10), recall5: recallAtK(ranked, q.judgments, 5), top: ranked.slice(0, 3) });
  }
  const msPerQuery = queries.length ? (performance.now() - started) / queries.length : 0;
  const byKind: Row['byKind'] = {};
  for (const kind of QUERY_KINDS) {
    const of = perQuery.filter((p) => p.kind === kind);
    if (of.length) byKind[kind] = { queries: of.length, ndcg10: mean(of.map((p) => p.ndcg10)), recall5: mean(of.map((p) => p.recall5)) };
  }
  return {
    set,
    mode: name,
    queries: queries.length,
    ndcg10: mean(perQuery.map((p) => p.ndcg10)),
    recall5: mean(perQuery.map((p) => p.recall5)),
    byKind,
    msPerQuery,
    perQuery,
  };
}

function formatTable(rows: readonly Row[]): string {
  const kinds = QUERY_KINDS.filter((k) => rows.some((r) => r.byKind[k]));
  const header = ['set', 'mode', 'queries', 'nDCG@10', 'R@5', ...kinds.map((k) => `${k} nDCG`), 'ms/query'];
  const body = rows.map((r) => [
    r.set,
    r.mode,
    String(r.queries),
    r.ndcg10.toFixed(3),
    r.recall5.toFixed(3),
    ...kinds.map((k) => (r.byKind[k] ? `${r.byKind[k]!.ndcg10.toFixed(3)} (${r.byKind[k]!.queries})` : '-')),
    r.msPerQuery.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      set: { type: 'string' },
      corpus: { type: 'string', default: 'corpus' },
      'per-query': { type: 'boolean', default: false },
      model: { type: 'string' },
    },
  });
  if (values.set !== undefined && !SETS.includes(values.set as SetName)) {
    throw new Error(`--set: expected one of ${SETS.join(', ')}, got "${values.set}"`);
  }
  const sets: SetName[] = values.set ? [values.set as SetName] : [...SETS];
  const { papers, problems } = await loadCorpus(values.corpus);
  if (papers.length === 0) throw new Error(`${values.corpus}: no papers loaded`);
  for (const p of problems) process.stderr.write(`corpus: ${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}\n`);
  const idByTitle = new Map(papers.map((p) => [p.title, p.id]));

  const modes = await buildModes(papers, values.model);
  const rows: Row[] = [];
  for (const set of sets) {
    const file = path.join('eval', `queries.${set}.json`);
    const queries = resolveQuerySet(await loadQuerySet(file), idByTitle, file);
    for (const [name, mode] of Object.entries(modes)) rows.push(await evaluateMode(set, name, mode, queries));
  }

  if (values.json) {
    const out = rows.map(({ perQuery, ...r }) => (values['per-query'] ? { ...r, perQuery } : r));
    process.stdout.write(`${JSON.stringify({ papers: papers.length, rows: out }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`Search evaluation over ${papers.length} papers (nDCG@10 with gain 2^grade−1; R@5 over grade ≥ 1)\n\n`);
  process.stdout.write(`${formatTable(rows)}\n`);
  if (values['per-query']) {
    for (const r of rows) {
      process.stdout.write(`\n${r.set} / ${r.mode}\n`);
      for (const q of r.perQuery) process.stdout.write(`  ${q.ndcg10.toFixed(2)}  ${q.recall5.toFixed(2)}  [${q.kind}] ${q.query}  →  ${q.top.join(', ')}\n`);
    }
  }
}

// Run only when executed (not when imported by a test).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
