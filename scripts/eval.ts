/**
 * Search and answer quality evaluation, per query set (dev, heldout) and per retrieval mode:
 *   - ranking: nDCG@10 and Recall@5, overall and per query kind (keyword, typo, question, paraphrase), next to two
 *     MiniSearch baselines (its defaults, and fuzzy 0.2 + prefix + title boost 2) and each mode's ratio to both;
 *   - the covered flag: on-topic queries kept, off-topic queries flagged, precision;
 *   - summaries: first sentence is the key or a contribution sentence, key sentence in the default summary (with the
 *     one-line cue rule as a baseline);
 *   - compare: cells holding a sentence of the row's role.
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
import { createRelatedTerms } from '../src/search/related-words.js';
import type { App } from '../src/app/types.js';
import type { Paper } from '../src/corpus/types.js';
import type { SearchMode } from '../src/search/types.js';
import { appSummaries, bestSemantic, chooseThreshold, cueRuleSummary, measureCompare, measureCoverage, measureSummaries, type CompareFigures, type CoverageFigures, type SummaryFigures } from './eval-answers.js';
import { loadOffTopic, loadRoles } from './eval-labels.js';
import { mean, ndcgAtK, recallAtK } from './eval-metrics.js';
import { QUERY_KINDS, loadQuerySet, resolveQuerySet, type QueryKind, type ResolvedQuery } from './eval-queries.js';

/** A retrieval mode under evaluation: ranked paper ids for a query. */
export type Mode = (query: string, limit: number) => Promise<string[]>;

const SETS = ['dev', 'heldout'] as const;
type SetName = (typeof SETS)[number];

/** One mode's ranking figures on one set. */
export interface Row {
  set: SetName;
  mode: string;
  queries: number;
  ndcg10: number;
  recall5: number;
  /** Mean nDCG@10 per query kind (kinds absent from the set are left out). */
  byKind: Partial<Record<QueryKind, { queries: number; ndcg10: number; recall5: number }>>;
  /** Mean milliseconds per query (informative only). */
  msPerQuery: number;
  /** nDCG@10 of this mode over that of each MiniSearch baseline on the same set (filled by {@link addRatios}). */
  ratioToMiniSearchDefault?: number;
  ratioToMiniSearchTuned?: number;
  perQuery: { query: string; kind: QueryKind; ndcg10: number; recall5: number; top: string[] }[];
}

/** Name of the MiniSearch baseline with its defaults (`new MiniSearch({ fields })`, `search(query)` without options). */
export const MINISEARCH_DEFAULT = 'minisearch default';
/** Name of the tuned MiniSearch baseline (fuzzy 0.2, prefix search, title boost 2). */
export const MINISEARCH_TUNED = 'minisearch tuned';

/**
 * A MiniSearch baseline over title and abstract: with `tuned` false exactly its defaults (BM25, no fuzzy or prefix
 * matching, no boost); with `tuned` true the typo-tolerant set-up (fuzzy 0.2, prefix, title boost 2).
 */
export function createMiniSearchMode(papers: readonly Paper[], tuned = true): Mode {
  const mini = new MiniSearch<{ id: string; title: string; abstract: string }>({ fields: ['title', 'abstract'] });
  mini.addAll(papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })));
  const search = tuned ? (q: string) => mini.search(q, { boost: { title: 2 }, fuzzy: 0.2, prefix: true }) : (q: string) => mini.search(q);
  return async (query, limit) =>
    search(query)
      .slice(0, limit)
      .map((r) => String(r.id));
}

/** Our keyword index (inverted-index candidates ranked with BM25F, typo tolerant). */
export function createKeywordMode(papers: readonly Paper[]): Mode {
  const index = createKeywordIndex({ related: createRelatedTerms() });
  index.addMany(papers.map((p) => ({ id: p.id, title: p.title, text: p.abstract })));
  return async (query, limit) => index.search(query, limit).map((h) => h.id);
}

/** All modes to evaluate, baseline first, and the app serving the engine modes. */
export async function buildModes(papers: readonly Paper[], model?: string): Promise<{ modes: Record<string, Mode>; app: App; engineModes: SearchMode[] }> {
  const modes: Record<string, Mode> = {
    [MINISEARCH_DEFAULT]: createMiniSearchMode(papers, false),
    [MINISEARCH_TUNED]: createMiniSearchMode(papers, true),
    keyword: createKeywordMode(papers),
  };
  // Engine modes from the composition root, with the configured model (EMBEDDING_MODEL, or --model).
  const config = loadConfig({ ...process.env, ...(model ? { EMBEDDING_MODEL: model } : {}) });
  // Only the evaluation papers: a throw-away state database, so papers ingested into DATA_DIR never join them.
  const { app } = await createRuntime(config, { papers: [...papers], logger: createLogger({ level: 'warn' }), statePath: ':memory:' }, { readOnly: true });
  await app.semanticReady;
  const engineMode = (mode: SearchMode): Mode => async (q, limit) => (await app.search(q, { mode, limit })).results.map((r) => r.id);
  const semantic = app.status().semantic;
  const engineModes: SearchMode[] = ['keyword'];
  if (semantic.state === 'ready') {
    modes.semantic = engineMode('semantic');
    modes.hybrid = engineMode('hybrid');
    engineModes.push('hybrid');
  } else {
    process.stderr.write(`eval: semantic and hybrid rows left out — ${semantic.reason ?? semantic.state}\n`);
  }
  modes['engine keyword'] = engineMode('keyword');
  return { modes, app, engineModes };
}

/** Answer-quality figures of one set in one engine mode. */
export interface AnswerRow {
  set: SetName;
  mode: string;
  coverage: CoverageFigures;
  summaries: SummaryFigures;
  cueRule: SummaryFigures;
  compare: CompareFigures;
  /** Semantic modes: the `MIN_RELEVANCE` that best separates this set's on- and off-topic queries for this model. */
  semanticThreshold?: { threshold: number; accuracy: number };
}

/**
 * Measures the covered flag (the set's ranked queries are on-topic, its off-topic file off-topic), summaries and
 * compare rows of `app` on one set. Summaries and compare do not depend on the search mode.
 */
export async function evaluateAnswers(app: App, set: SetName, mode: SearchMode, papers: readonly Paper[], dir = 'eval'): Promise<AnswerRow> {
  const idByTitle = new Map(papers.map((p) => [p.title, p.id]));
  const rankedFile = path.join(dir, `queries.${set}.json`);
  const onTopic = resolveQuerySet(await loadQuerySet(rankedFile), idByTitle, rankedFile).map((q) => q.query);
  const offTopic = (await loadOffTopic(path.join(dir, `offtopic.${set}.json`))).map((q) => q.query);
  const labelled = await loadRoles(path.join(dir, `roles.${set}.json`), papers);
  let semanticThreshold: AnswerRow['semanticThreshold'];
  if (mode !== 'keyword') {
    const best = async (queries: string[]) => Promise.all(queries.map(async (q) => bestSemantic(await app.search(q, { mode, limit: 10 }))));
    semanticThreshold = chooseThreshold(await best(onTopic), await best(offTopic));
  }
  return {
    set,
    mode,
    ...(semanticThreshold ? { semanticThreshold } : {}),
    coverage: await measureCoverage((q) => app.search(q, { mode, limit: 10 }), onTopic, offTopic),
    summaries: await measureSummaries(labelled, appSummaries(app.answers)),
    cueRule: await measureSummaries(labelled, cueRuleSummary),
    compare: await measureCompare(labelled, app.answers),
  };
}

function formatAnswerTable(rows: readonly AnswerRow[]): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const header = ['set', 'mode', 'on-topic kept', 'off-topic flagged', 'covered precision', 'summary 1st key/contrib', '(cue rule)', 'key in summary', '(cue rule)', 'compare cells'];
  const body = rows.map((r) => [
    r.set,
    r.mode,
    `${pct(r.coverage.onTopicKept)} (${r.coverage.onTopic})`,
    `${pct(r.coverage.offTopicFlagged)} (${r.coverage.offTopic})`,
    pct(r.coverage.precision),
    `${pct(r.summaries.firstIsKeyOrContribution)} (${r.summaries.papers})`,
    pct(r.cueRule.firstIsKeyOrContribution),
    pct(r.summaries.keyInSummary),
    pct(r.cueRule.keyInSummary),
    `${pct(r.compare.accuracy)} (${r.compare.cells})`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
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

/** Sets each row's nDCG@10 ratio to the two MiniSearch baselines of its set (left out where a baseline is missing or 0). */
export function addRatios(rows: Row[]): Row[] {
  for (const row of rows) {
    const base = (name: string) => rows.find((r) => r.set === row.set && r.mode === name)?.ndcg10 ?? 0;
    const def = base(MINISEARCH_DEFAULT);
    const tuned = base(MINISEARCH_TUNED);
    if (def > 0) row.ratioToMiniSearchDefault = row.ndcg10 / def;
    if (tuned > 0) row.ratioToMiniSearchTuned = row.ndcg10 / tuned;
  }
  return rows;
}

function formatTable(rows: readonly Row[]): string {
  const kinds = QUERY_KINDS.filter((k) => rows.some((r) => r.byKind[k]));
  const ratio = (x: number | undefined) => (x === undefined ? '-' : `${x.toFixed(2)}×`);
  const header = ['set', 'mode', 'queries', 'nDCG@10', '÷ MS default', '÷ MS tuned', 'R@5', ...kinds.map((k) => `${k} nDCG`), 'ms/query'];
  const body = rows.map((r) => [
    r.set,
    r.mode,
    String(r.queries),
    r.ndcg10.toFixed(3),
    ratio(r.ratioToMiniSearchDefault),
    ratio(r.ratioToMiniSearchTuned),
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

  const { modes, app, engineModes } = await buildModes(papers, values.model);
  const rows: Row[] = [];
  const answerRows: AnswerRow[] = [];
  for (const set of sets) {
    const file = path.join('eval', `queries.${set}.json`);
    const queries = resolveQuerySet(await loadQuerySet(file), idByTitle, file);
    for (const [name, mode] of Object.entries(modes)) rows.push(await evaluateMode(set, name, mode, queries));
    for (const mode of engineModes) answerRows.push(await evaluateAnswers(app, set, mode, papers));
  }
  await app.close();
  addRatios(rows);

  if (values.json) {
    const out = rows.map(({ perQuery, ...r }) => (values['per-query'] ? { ...r, perQuery } : r));
    const answers = answerRows.map((r) => (values['per-query'] ? r : { ...r, coverage: { ...r.coverage, errors: undefined }, summaries: { ...r.summaries, misses: undefined }, cueRule: { ...r.cueRule, misses: undefined }, compare: { ...r.compare, wrong: undefined } }));
    process.stdout.write(`${JSON.stringify({ papers: papers.length, rows: out, answers }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`Search evaluation over ${papers.length} papers (nDCG@10 with gain 2^grade−1; R@5 over grade ≥ 1)\n`);
  process.stdout.write(`÷ MS default / ÷ MS tuned: nDCG@10 over MiniSearch with its defaults / with fuzzy 0.2, prefix and title boost 2\n\n`);
  process.stdout.write(`${formatTable(rows)}\n\n`);
  process.stdout.write(`Answer evaluation (covered flag on the set's ranked queries vs its off-topic queries; summaries and compare on its role labels)\n\n`);
  process.stdout.write(`${formatAnswerTable(answerRows)}\n`);
  for (const r of answerRows) {
    if (r.semanticThreshold) {
      process.stdout.write(`${r.set} / ${r.mode}: MIN_RELEVANCE ${r.semanticThreshold.threshold.toFixed(3)} separates on- from off-topic queries best for this model (${(100 * r.semanticThreshold.accuracy).toFixed(1)} % right${r.set === 'dev' ? '' : '; set it from dev, not from this set'})\n`);
    }
  }
  if (values['per-query']) {
    for (const r of answerRows) {
      process.stdout.write(`\n${r.set} / ${r.mode} answers\n`);
      for (const e of r.coverage.errors) process.stdout.write(`  coverage: "${e.query}" should be ${e.expected}\n`);
      for (const m of r.summaries.misses) {
        process.stdout.write(`  summary: ${m.title}: first ${m.first}, key ${m.key}, chosen [${m.chosen.join(', ')}]\n      first: ${m.firstText}\n      key:   ${m.keyText}\n`);
      }
      for (const w of r.compare.wrong) process.stdout.write(`  compare: ${w.title}: ${w.aspect} cell is ${w.got}${w.text ? `: ${w.text}` : ''}\n`);
    }
  }
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
