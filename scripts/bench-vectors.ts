/**
 * Vector search libraries compared on the benchmark's vectors (not a test; the libraries are not dependencies):
 * Paper Scout's index (exact scan up to 20k vectors, 1-bit codes + exact rescoring above) against the HNSW graphs
 * of `hnswlib-node` and `usearch`, for recall@10 against the exact search, p50 / p99 of a top-100 search, build,
 * save and load time, file size and memory.
 *
 *   npm install --no-save hnswlib-node@3.0.0 usearch@2.26.2     # native builds; both need allowScripts (see README)
 *   npx tsx scripts/bench-vectors.ts --sizes 10000,100000
 *
 * Vectors are the test model's (see scripts/bench/vectors.ts) for the benchmark's generated corpus and workload.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { loadCorpus } from '../src/corpus/load.js';
import { paperText } from '../src/search/embed-corpus.js';
import { createVectorIndex } from '../src/search/vector-index.js';
import { readTestModelTables } from '../test-support/test-model-files.js';
import { analyseSource, generateCorpus } from './bench/corpus.js';
import { buildWorkload, type EvalQuery } from './bench/queries.js';
import { parseSizes } from './bench/report.js';
import { percentile, recall } from './bench/stats.js';
import { createTestModelVectors } from './bench/vectors.js';
import { writeTestModel } from '../test-support/test-model.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIMENSION = 384;
const LIMIT = 100;

/** One library setting's figures at one size. */
interface Row {
  index: string;
  papers: number;
  buildMs: number;
  saveMs?: number;
  loadMs?: number;
  fileMB?: number;
  /** RSS growth while building (MB). */
  memoryMB: number;
  p50: number;
  p99: number;
  recallAt10: number;
}

type Search = (query: Float32Array) => number[];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000' }, passes: { type: 'string', default: '3' } } });
  const require = createRequire(path.join(ROOT, 'package.json'));
  const optional = (name: string): any => {
    try {
      return require(name);
    } catch {
      process.stderr.write(`bench-vectors: ${name} is not installed; skipped (npm install --no-save ${name})\n`);
      return undefined;
    }
  };
  const hnsw = optional('hnswlib-node');
  const usearch = optional('usearch');
  const work = path.join(ROOT, '.cache', 'bench-vectors');
  await mkdir(work, { recursive: true });
  const modelDir = await writeTestModel(path.join(ROOT, '.cache', 'bench', `test-model-${DIMENSION}`), { dimension: DIMENSION });
  const lookup = createTestModelVectors(await readTestModelTables(modelDir));
  const evalQueries: EvalQuery[] = [];
  for (const file of ['eval/queries.dev.json', 'eval/queries.heldout.json']) evalQueries.push(...(JSON.parse(await readFile(path.join(ROOT, file), 'utf8')) as EvalQuery[]));
  const source = await loadCorpus(path.join(ROOT, 'corpus'));
  const rows: Row[] = [];
  for (const size of parseSizes(values.sizes)) {
    const papers = generateCorpus(analyseSource(source.papers), { size });
    const vectors = papers.map((p) => lookup(paperText(p)));
    const queries = buildWorkload(papers, evalQueries).searches.map(lookup);
    const exact = createVectorIndex(DIMENSION);
    papers.forEach((p, i) => exact.add(String(i), vectors[i]!, { shared: true }));
    const truth = queries.map((q) => exact.searchExact(q, 10).map((h) => Number(h.id)));
    const measure = (index: string, search: Search, build: Omit<Row, 'index' | 'papers' | 'p50' | 'p99' | 'recallAt10'>) => {
      for (const q of queries) search(q);
      const samples: number[] = [];
      for (let pass = 0; pass < Number(values.passes); pass++) {
        for (const q of queries) {
          const started = performance.now();
          search(q);
          samples.push(performance.now() - started);
        }
      }
      const recalls = queries.map((q, i) => recall(truth[i]!.map(String), search(q).slice(0, 10).map(String)));
      const row = { index, papers: size, ...build, p50: percentile(samples, 50), p99: percentile(samples, 99), recallAt10: recalls.reduce((s, r) => s + r, 0) / recalls.length };
      rows.push(row);
      process.stderr.write(`bench-vectors: ${JSON.stringify(row)}\n`);
    };
    const timed = <T>(run: () => T): { value: T; ms: number; memoryMB: number } => {
      const rss = process.memoryUsage().rss;
      const started = performance.now();
      const value = run();
      return { value, ms: performance.now() - started, memoryMB: (process.memoryUsage().rss - rss) / 2 ** 20 };
    };

    const ours = timed(() => {
      const index = createVectorIndex(DIMENSION);
      papers.forEach((p, i) => index.add(String(i), vectors[i]!, { shared: true }));
      index.prepare();
      return index;
    });
    measure('Paper Scout (exact ≤ 20k, binary codes above)', (q) => ours.value.search(q, LIMIT).map((h) => Number(h.id)), { buildMs: ours.ms, memoryMB: ours.memoryMB });
    measure('Paper Scout exact scan', (q) => ours.value.searchExact(q, LIMIT).map((h) => Number(h.id)), { buildMs: ours.ms, memoryMB: ours.memoryMB });

    if (hnsw) {
      const file = path.join(work, `hnswlib-${size}.bin`);
      for (const [m, efConstruction] of [[16, 100]] as const) {
        const built = timed(() => {
          const index = new hnsw.HierarchicalNSW('ip', DIMENSION);
          index.initIndex(size, m, efConstruction, 42);
          vectors.forEach((v, i) => index.addPoint(Array.from(v), i));
          return index;
        });
        let started = performance.now();
        built.value.writeIndexSync(file);
        const saveMs = performance.now() - started;
        started = performance.now();
        const loaded = new hnsw.HierarchicalNSW('ip', DIMENSION);
        loaded.readIndexSync(file);
        const loadMs = performance.now() - started;
        const fileMB = (await stat(file)).size / 2 ** 20;
        for (const ef of [100, 200, 400]) {
          loaded.setEf(ef);
          measure(`hnswlib-node M=${m} efConstruction=${efConstruction} ef=${ef}`, (q) => loaded.searchKnn(Array.from(q), LIMIT).neighbors, { buildMs: built.ms, saveMs, loadMs, fileMB, memoryMB: built.memoryMB });
        }
      }
      await rm(file, { force: true });
    }

    if (usearch) {
      const file = path.join(work, `usearch-${size}.bin`);
      for (const expansion of [128, 256]) {
        const options = { dimensions: DIMENSION, metric: 'ip', connectivity: 16, expansion_add: 128, expansion_search: expansion };
        const built = timed(() => {
          const index = new usearch.Index(options);
          const keys = BigUint64Array.from(vectors, (_, i) => BigInt(i));
          const flat = new Float32Array(size * DIMENSION);
          vectors.forEach((v, i) => flat.set(v, i * DIMENSION));
          index.add(keys, flat);
          return index;
        });
        let started = performance.now();
        built.value.save(file);
        const saveMs = performance.now() - started;
        started = performance.now();
        const loaded = new usearch.Index(options);
        loaded.load(file);
        const loadMs = performance.now() - started;
        const fileMB = (await stat(file)).size / 2 ** 20;
        measure(`usearch connectivity=16 expansion_add=128 expansion_search=${expansion}`, (q) => Array.from(loaded.search(q, LIMIT).keys as BigUint64Array, Number), { buildMs: built.ms, saveMs, loadMs, fileMB, memoryMB: built.memoryMB });
      }
      await rm(file, { force: true });
    }
  }
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-vectors: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
