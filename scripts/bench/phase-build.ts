/**
 * Benchmark phase 1 for one corpus size, in its own process: generates the corpus and writes it as a corpus folder,
 * measures index builds (keyword, MiniSearch, vectors) and index-level query latency, writes the embedding cache,
 * and finally starts the app once cold, which leaves a DATA_DIR that phase 2 starts from warm.
 */
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { createRuntime } from '../../src/app/runtime.js';
import { loadConfig } from '../../src/app/config.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { silentLogger } from '../../src/shared/log.js';
import { paperText } from '../../src/search/embed-corpus.js';
import { loadEmbedder } from '../../src/search/embedder.js';
import { openEmbeddingCache } from '../../src/search/embedding-cache.js';
import { createKeywordIndex } from '../../src/search/keyword-index.js';
import { createVectorIndex } from '../../src/search/vector-index.js';
import type { Paper } from '../../src/corpus/types.js';
import { readTestModelTables } from '../../test-support/test-model-files.js';
import { analyseSource, generateCorpus } from './corpus.js';
import { measureBuild, measureLatency, memory, round, since } from './measure.js';
import { buildWorkload, type EvalQuery } from './queries.js';
import { recall, type LatencySummary } from './stats.js';
import { cosine, createTestModelVectors } from './vectors.js';

const MINISEARCH_QUERIES = 34;

/** The real corpus folder of the repository. */
export const REAL_CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

/** Where one size's files live. */
export interface SizeDirs {
  corpusDir: string;
  dataDir: string;
}

/** Options of {@link runBuildPhase}. */
export interface BuildPhaseOptions {
  /** Papers to generate; 0 = the real corpus as it is. */
  size: number;
  workDir: string;
  /** Folder of the generated 384-dimensional test model. */
  modelDir: string;
  evalQueries: EvalQuery[];
  /** Texts embedded through the transformers.js pipeline (the rest use the equivalent lookup). */
  pipelineSample: number;
}

/** Index-level figures of one size. */
export interface BuildReport {
  /** 0 for the real corpus. */
  size: number;
  papers: number;
  generateMs: number;
  keyword: {
    buildMs: number;
    retainedMB: number;
    latency: LatencySummary;
    firstPass: LatencySummary;
    /** The same searches scoring every matching paper (no pruning), timed once: the reference for recall. */
    exhaustive: LatencySummary;
    /** Recall@10 and @100 of the pruned top 100 against the exhaustive BM25F top 100: mean and worst query. */
    recall: { at10: { mean: number; min: number }; at100: { mean: number; min: number } };
  };
  /**
   * MiniSearch on the same papers. `defaults`: its default search (exact words, no prefix, no fuzzy) over every
   * search, like ours. `latency`: the evaluation's settings (fuzzy 0.2, prefix, title boost 2), timed once over
   * `queries` of the searches; `keywordP50` is ours on the same queries.
   */
  minisearch: {
    buildMs: number;
    retainedMB: number;
    defaults: LatencySummary;
    queries: number;
    latency: LatencySummary;
    keywordP50: number;
  };
  vectors: {
    source: string;
    pipelineTexts: number;
    pipelineTextsPerSecond: number;
    /** Cosine between pipeline and lookup vectors of the sampled texts. */
    agreement: { min: number; mean: number };
    lookupMs: number;
    cacheWriteMs: number;
    /** Opening the cache and filling a vector index from it (what a warm start does). */
    loadMs: number;
    retainedMB: number;
    /** Vector search alone, query vector given, top 100 (what the engine asks for). */
    latency: LatencySummary;
    /** Recall@10 of the index against its exact search (1 when the index searches exhaustively). */
    recallAt10: number;
  };
  coldStartMs: number;
}

/** Folders of one size under the benchmark's work folder. */
export function sizeDirs(workDir: string, size: number): SizeDirs {
  const root = path.join(workDir, size === 0 ? 'papers-real' : `papers-${size}`);
  return { corpusDir: path.join(root, 'corpus'), dataDir: path.join(root, 'data') };
}

/** The app's configuration for a prepared size: its corpus, its data folder, the test model, no network. */
export function benchConfig(dirs: SizeDirs, modelDir: string) {
  return loadConfig({
    CORPUS_DIR: dirs.corpusDir,
    DATA_DIR: dirs.dataDir,
    EMBEDDING_MODEL: modelDir,
    ALLOW_REMOTE_MODELS: 'false',
    LOG_LEVEL: 'warn',
    INGEST_ON_START: 'false',
  });
}

/** Runs phase 1 (see the module comment). */
export async function runBuildPhase(options: BuildPhaseOptions): Promise<BuildReport> {
  const { size, workDir, modelDir } = options;
  const dirs = sizeDirs(workDir, size);
  await rm(path.dirname(dirs.corpusDir), { recursive: true, force: true });
  await mkdir(dirs.corpusDir, { recursive: true });

  let started = performance.now();
  const source = await loadCorpus(REAL_CORPUS_DIR);
  // Size 0 stands for the real corpus, as it is.
  const papers = size === 0 ? source.papers : generateCorpus(analyseSource(source.papers), { size });
  const generateMs = since(started);
  if (size === 0) await cp(REAL_CORPUS_DIR, dirs.corpusDir, { recursive: true });
  else await writeFile(path.join(dirs.corpusDir, 'papers.jsonl'), papers.map((p) => JSON.stringify(toRecord(p))).join('\n') + '\n');
  const workload = buildWorkload(papers, options.evalQueries);

  // Keyword index alone.
  const keyword = await measureBuild(() => {
    const index = createKeywordIndex();
    index.addMany(papers.map((p) => ({ id: p.id, title: p.title, text: p.abstract })));
    return index;
  });
  let keywordIndex = keyword.value;
  keyword.value = null as never;
  const keywordLatency = await measureLatency(workload.searches, (q) => keywordIndex.searchDetailed(q, 100));
  const exhaustiveTop = new Map<string, string[]>();
  const exhaustive = await measureLatency(
    workload.searches,
    (q) => exhaustiveTop.set(q, keywordIndex.searchDetailed(q, 100, { exhaustive: true }).hits.map((h) => h.id)),
    { firstPassOnly: true },
  );
  const at10: number[] = [];
  const at100: number[] = [];
  for (const q of workload.searches) {
    const truth = exhaustiveTop.get(q)!;
    const found = keywordIndex.searchDetailed(q, 100).hits.map((h) => h.id);
    at10.push(recall(truth.slice(0, 10), found.slice(0, 10)));
    at100.push(recall(truth, found));
  }
  const spread = (values: number[]) => ({ mean: round(values.reduce((s, v) => s + v, 0) / values.length), min: Math.min(...values) });

  // MiniSearch on the same papers and queries: its defaults (exact words, as ours matches known words), then the
  // evaluation's settings (every word fuzzy- and prefix-matched, which ours does only for unknown words). Its fuzzy
  // matching walks its whole vocabulary (about a second per long question at 20k papers), so large corpora time that
  // once on an even subset of at most MINISEARCH_QUERIES queries, and our p50 for the ratio is taken on the same subset.
  const mini = await measureBuild(() => {
    const m = new MiniSearch<{ id: string; title: string; abstract: string }>({ fields: ['title', 'abstract'] });
    m.addAll(papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })));
    return m;
  });
  const miniDefaults = await measureLatency(workload.searches, (q) => mini.value.search(q).slice(0, 100));
  const stride = Math.max(1, Math.ceil(workload.searches.length / (papers.length > 5000 ? MINISEARCH_QUERIES : workload.searches.length)));
  const subset = workload.searches.filter((_, i) => i % stride === 0);
  const miniLatency = await measureLatency(subset, (q) => mini.value.search(q, { boost: { title: 2 }, fuzzy: 0.2, prefix: true }).slice(0, 100), { firstPassOnly: true });
  mini.value = null as never;
  const keywordOnSubset = await measureLatency(subset, (q) => keywordIndex.searchDetailed(q, 100));
  keywordIndex = null as never;

  const vectors = await writeVectors(papers, options, dirs, workload.searches);

  // Cold start: builds everything from the corpus and the warm embedding cache, leaving a DATA_DIR phase 2 reuses.
  memory();
  started = performance.now();
  const { app } = await createRuntime(benchConfig(dirs, modelDir), { logger: silentLogger }, { readOnly: true });
  await app.semanticReady;
  const coldStartMs = since(started);
  if (app.status().semantic.state !== 'ready') throw new Error(`bench: semantic search did not start: ${app.status().semantic.reason ?? ''}`);
  await app.close();

  return {
    size,
    papers: papers.length,
    generateMs,
    keyword: {
      buildMs: round(keyword.ms),
      retainedMB: round(keyword.retainedMB),
      latency: keywordLatency.summary,
      firstPass: keywordLatency.firstPass,
      exhaustive: exhaustive.summary,
      recall: { at10: spread(at10), at100: spread(at100) },
    },
    minisearch: {
      buildMs: round(mini.ms),
      retainedMB: round(mini.retainedMB),
      defaults: miniDefaults.summary,
      queries: subset.length,
      latency: miniLatency.summary,
      keywordP50: keywordOnSubset.summary.p50,
    },
    vectors,
    coldStartMs,
  };
}

/**
 * Fills the embedding cache for every paper: a sample through the real pipeline (speed, agreement) and every paper
 * through the lookup equivalent, then measures loading the cache into a vector index and searching it.
 */
async function writeVectors(papers: readonly Paper[], options: BuildPhaseOptions, dirs: SizeDirs, searches: readonly string[]): Promise<BuildReport['vectors']> {
  const texts = papers.map(paperText);
  const sample = texts.slice(0, Math.min(options.pipelineSample, texts.length));
  const embedder = await loadEmbedder({ model: options.modelDir, cacheDir: path.join(options.workDir, 'models'), allowRemote: false });
  let started = performance.now();
  const piped = await embedder.embed(sample);
  const pipelineMs = performance.now() - started;
  await embedder.dispose();

  const lookup = createTestModelVectors(await readTestModelTables(options.modelDir));
  started = performance.now();
  const looked = texts.map(lookup);
  const lookupMs = since(started);
  const agreements = piped.map((v, i) => cosine(v, looked[i]!));

  started = performance.now();
  const cache = await openEmbeddingCache({ dir: path.join(dirs.dataDir, 'embeddings'), modelId: options.modelDir, dimension: embedder.dimension });
  texts.forEach((text, i) => cache.set(text, looked[i]!));
  await cache.flush();
  const cacheWriteMs = since(started);
  looked.length = 0;

  const load = await measureBuild(async () => {
    const reopened = await openEmbeddingCache({ dir: path.join(dirs.dataDir, 'embeddings'), modelId: options.modelDir, dimension: embedder.dimension });
    const index = createVectorIndex(embedder.dimension);
    papers.forEach((paper, i) => index.add(paper.id, reopened.get(texts[i]!)!));
    return { index, reopened };
  });
  const index = load.value.index;
  const queryVectors = searches.map(lookup);
  const latency = await measureLatency(queryVectors, (v) => index.search(v, 100));
  const recalls = queryVectors.map((v) => recall(index.searchExact(v, 10).map((h) => h.id), index.search(v, 10).map((h) => h.id)));
  return {
    source: sample.length === texts.length ? 'pipeline (all) + lookup' : `pipeline sample of ${sample.length} + lookup`,
    pipelineTexts: sample.length,
    pipelineTextsPerSecond: round((sample.length / pipelineMs) * 1000),
    agreement: { min: round(Math.min(...agreements)), mean: round(agreements.reduce((s, a) => s + a, 0) / agreements.length) },
    lookupMs,
    cacheWriteMs,
    loadMs: round(load.ms),
    retainedMB: round(load.retainedMB),
    latency: latency.summary,
    recallAt10: round(recalls.reduce((sum, r) => sum + r, 0) / recalls.length),
  };
}

function toRecord(paper: Paper) {
  return {
    id: paper.id,
    arxivId: paper.arxivId,
    title: paper.title,
    abstract: paper.abstract,
    url: paper.url,
    publishedAt: paper.publishedAt,
    upvotes: paper.upvotes,
  };
}
