/**
 * Vector search compared on the benchmark's vectors (not a test; the libraries are not dependencies): Paper Scout's
 * index (exact scan up to 20k vectors; above, Hamming distance of 1-bit codes → asymmetric estimate → exact
 * rescoring, at the settings given by --candidates), inverted lists (k-means, scripts/bench/vector-lists.ts, at the
 * probe depths given by --lists), an earlier vector-index.ts (--baseline), and the HNSW graphs of `hnswlib-node` and
 * `usearch` when installed: recall@10 against the exact search, p50 / p99 of a top-100 search, build, save and load
 * time, file size and memory. The timed passes of the contenders alternate, so load changes hit them alike.
 *
 *   git show <commit>:src/search/vector-index.ts > /tmp/old/src/search/vector-index.ts   # with top-k.ts, types.ts
 *   npx tsx scripts/bench-vectors.ts --sizes 10000,100000 --baseline /tmp/old/src/search/vector-index.ts
 *   npm install --no-save hnswlib-node@3.0.0 usearch@2.26.2     # optional; native builds need allowScripts (see README)
 *
 * Vectors are the test model's (see scripts/bench/vectors.ts) for the benchmark's generated corpus and workload.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readFile, writeFile } from 'node:fs/promises';
import { loadCorpus } from '../src/corpus/load.js';
import { paperText } from '../src/search/embed-corpus.js';
import { createVectorIndex } from '../src/search/vector-index.js';
import { createTopK } from '../src/search/top-k.js';
import { trainVectorLists } from './bench/vector-lists.js';
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
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000' },
      passes: { type: 'string', default: '3' },
      // An earlier vector-index.ts to measure side by side (its passes alternate with the current index's).
      baseline: { type: 'string' },
      // Settings of the codes to try, as candidatesPerResult:candidateShare:hammingShare (see VectorIndexOptions).
      candidates: { type: 'string', default: '30:0.025:0.12' },
      // Probe depths of the inverted lists, as fractions of the vectors ('' skips them).
      lists: { type: 'string', default: '0.05,0.2' },
    },
  });
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
    // Each contender's passes alternate with the others', so load changes hit them alike.
    const contenders: Array<{ index: string; search: Search; build: Omit<Row, 'index' | 'papers' | 'p50' | 'p99' | 'recallAt10'>; samples: number[] }> = [];
    const measure = (index: string, search: Search, build: Omit<Row, 'index' | 'papers' | 'p50' | 'p99' | 'recallAt10'>) => {
      for (const q of queries) search(q);
      contenders.push({ index, search, build, samples: [] });
    };
    const report = () => {
      for (let pass = 0; pass < Number(values.passes); pass++) {
        for (const contender of contenders) {
          for (const q of queries) {
            const started = performance.now();
            contender.search(q);
            contender.samples.push(performance.now() - started);
          }
        }
      }
      for (const { index, search, build, samples } of contenders) {
        const recalls = queries.map((q, i) => recall(truth[i]!.map(String), search(q).slice(0, 10).map(String)));
        const row = { index, papers: size, ...build, p50: percentile(samples, 50), p99: percentile(samples, 99), recallAt10: recalls.reduce((s, r) => s + r, 0) / recalls.length };
        rows.push(row);
        process.stderr.write(`bench-vectors: ${JSON.stringify(row)}\n`);
      }
      contenders.length = 0;
    };
    const timed = <T>(run: () => T): { value: T; ms: number; memoryMB: number } => {
      const rss = process.memoryUsage().rss;
      const started = performance.now();
      const value = run();
      return { value, ms: performance.now() - started, memoryMB: (process.memoryUsage().rss - rss) / 2 ** 20 };
    };

    let ivf: ReturnType<typeof timed<ReturnType<typeof trainVectorLists>>> | undefined;
    const build = (create: typeof createVectorIndex, options?: Parameters<typeof createVectorIndex>[1]) =>
      timed(() => {
        const index = create(DIMENSION, options);
        papers.forEach((p, i) => index.add(String(i), vectors[i]!, { shared: true }));
        index.prepare();
        return index;
      });
    if (values.baseline) {
      const { createVectorIndex: createBaseline } = (await import(path.resolve(values.baseline))) as { createVectorIndex: typeof createVectorIndex };
      const old = build(createBaseline);
      measure('baseline (exact ≤ 20k, binary codes above)', (q) => old.value.search(q, LIMIT).map((h) => Number(h.id)), { buildMs: old.ms, memoryMB: old.memoryMB });
    }
    for (const setting of values.candidates.split(',')) {
      const [perResult, share, hamming] = setting.split(':').map(Number) as [number, number, number];
      const ours = build(createVectorIndex, { exactUpTo: 0, candidatesPerResult: perResult, candidateShare: share, hammingShare: hamming });
      measure(`Paper Scout codes: Hamming ${hamming} → asymmetric → exact max(${perResult}/result, ${share})`, (q) => ours.value.search(q, LIMIT).map((h) => Number(h.id)), { buildMs: ours.ms, memoryMB: ours.memoryMB });
    }
    for (const share of values.lists.split(',').map(Number)) {
      // Inverted lists (k-means), trained once per size; each share is a probe depth.
      const lists = (ivf ??= timed(() => trainVectorLists(vectors, DIMENSION)));
      measure(`inverted lists (${lists.value.lists}), nearest lists until ${share} of the vectors, exact rescoring`, (q) => rescore(vectors, q, lists.value.probe(q, Math.ceil(size * share)), LIMIT), { buildMs: lists.ms, memoryMB: lists.memoryMB });
    }
    const plain = build(createVectorIndex, { exactUpTo: Infinity });
    measure('Paper Scout exact scan', (q) => plain.value.searchExact(q, LIMIT).map((h) => Number(h.id)), { buildMs: plain.ms, memoryMB: plain.memoryMB });
    report();

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
      report();
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
      report();
    }
  }
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
}

/** The `limit` best of `slots` by exact dot product (ids = slot numbers). */
function rescore(vectors: readonly Float32Array[], query: Float32Array, slots: Uint32Array, limit: number): number[] {
  const heap = createTopK<number>(limit);
  for (const slot of slots) {
    const v = vectors[slot]!;
    let dot = 0;
    for (let d = 0; d < v.length; d++) dot += v[d]! * query[d]!;
    heap.offer(slot, dot);
  }
  return heap.sorted().map((hit) => hit.item);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-vectors: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
