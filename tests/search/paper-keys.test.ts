import { cp, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/app/config.js';
import { createPaperStore } from '../../src/corpus/store.js';
import { paperText } from '../../src/search/embed-corpus.js';
import { openEmbeddingCache, type EmbeddingCache } from '../../src/search/embedding-cache.js';
import { createSearchEngine } from '../../src/search/engine.js';
import { readPaperKeys, writePaperKeys } from '../../src/search/paper-keys.js';
import type { Logger } from '../../src/shared/types.js';
import type { Paper } from '../../src/corpus/types.js';
import { createFakeEmbedder } from '../helpers/fake-embedder.js';
import { makePaper } from '../helpers/papers.js';

const paper = makePaper;
const PAPERS: Paper[] = [
  paper('pruning', 'Pruning Neural Networks at Initialization', 'Networks are large. We remove weights before training.'),
  paper('lottery', 'The Lottery Ticket Hypothesis', 'Dense networks contain sparse subnetworks that train in isolation.'),
  paper('graphs', 'Graph Attention Networks', 'We present attention layers on graph structured data.'),
  paper('speech', 'Speech Recognition with Transformers', 'Audio sequences are modelled with self attention.'),
];
const DIMENSION = 16;

function recordingLogger() {
  const lines: string[] = [];
  const log = (level: string) => (msg: string, ctx?: Record<string, unknown>) => lines.push(`${level}: ${msg}${ctx?.reason ? ` (${String(ctx.reason)})` : ''}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { logger, lines };
}

/** The cache, counting the texts it hashes. */
function counting(cache: EmbeddingCache) {
  let hashed = 0;
  const wrapped: EmbeddingCache = {
    ...cache,
    get size() {
      return cache.size;
    },
    keyOf: (text) => {
      hashed += 1;
      return cache.keyOf(text);
    },
    get: (text) => {
      hashed += 1;
      return cache.get(text);
    },
  };
  return { cache: wrapped, hashed: () => hashed };
}

async function dirs() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'keys-'));
  return { cacheDir: path.join(root, 'embeddings'), keysFile: path.join(root, 'embeddings', 'paper-keys.bin') };
}

/** An engine over `papers` whose first `corpus` papers are the corpus of `stamp`, with the semantic side attached. */
async function start(papers: Paper[], where: { cacheDir: string; keysFile: string }, stamp: string, corpus = papers.length) {
  const { logger, lines } = recordingLogger();
  const engine = createSearchEngine(createPaperStore(papers), {
    weights: { keyword: 0.5, semantic: 0.5 }, minRelevance: 0.3, defaultLimit: 5, defaultMode: 'semantic', logger,
    corpus: { stamp, papers: corpus }, paperKeysFile: where.keysFile,
  });
  const embedder = createFakeEmbedder({}, { dimension: DIMENSION });
  const counted = counting(await openEmbeddingCache({ dir: where.cacheDir, modelId: embedder.modelId, dimension: DIMENSION }));
  await engine.attachSemantic({ embedder, cache: counted.cache });
  return { engine, embedder, lines, hashed: counted.hashed() };
}

const QUERIES = ['sparse subnetworks', 'attention over graphs', 'audio transformers', 'pruning weights'];
const answers = async (engine: ReturnType<typeof createSearchEngine>) => Promise.all(QUERIES.map((q) => engine.search(q, { mode: 'semantic' })));

describe('readPaperKeys / writePaperKeys', () => {
  const setup = async () => {
    const where = await dirs();
    const embedder = createFakeEmbedder({}, { dimension: DIMENSION });
    const cache = await openEmbeddingCache({ dir: where.cacheDir, modelId: embedder.modelId, dimension: DIMENSION });
    const keys = PAPERS.map((p) => cache.keyOf(paperText(p)));
    await writePaperKeys(where.keysFile, 'stamp-1', keys);
    return { ...where, cache, keys };
  };

  it('reads back the keys saved for the same stamp and papers', async () => {
    const { keysFile, cache, keys } = await setup();
    const { logger, lines } = recordingLogger();
    expect(await readPaperKeys(keysFile, 'stamp-1', PAPERS, cache, logger)).toEqual(keys);
    expect(lines).toEqual([]);
  });

  it('ignores a file of another stamp or paper count, one whose keys are not the texts, and a damaged one, with one line each', async () => {
    const { keysFile, cache } = await setup();
    const cases: [string, () => Promise<string[] | undefined>, string][] = [];
    const { logger, lines } = recordingLogger();
    cases.push(['stale', () => readPaperKeys(keysFile, 'stamp-2', PAPERS, cache, logger), 'info: paper keys file out of date; rebuilding it (made for other corpus files)']);
    cases.push(['count', () => readPaperKeys(keysFile, 'stamp-1', PAPERS.slice(0, 3), cache, logger), 'warn: paper keys file damaged; rebuilding it (holds 4 keys for 3 papers)']);
    const edited = PAPERS.map((p, i) => (i === 3 ? { ...p, abstract: 'Something else.' } : p));
    cases.push(['texts', () => readPaperKeys(keysFile, 'stamp-1', edited, cache, logger), 'warn: paper keys file damaged; rebuilding it (keys do not match the papers)']);
    for (const [name, read, line] of cases) {
      lines.length = 0;
      expect(await read(), name).toBeUndefined();
      expect(lines, name).toEqual([line]);
    }
    const bytes = await readFile(keysFile);
    await writeFile(keysFile, bytes.subarray(0, bytes.length - 40));
    lines.length = 0;
    expect(await readPaperKeys(keysFile, 'stamp-1', PAPERS, cache, logger)).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warn: paper keys file damaged; rebuilding it/);
  });
});

describe('createSearchEngine with a paper keys file', () => {
  it('saves the keys on the first start; the next start finds every vector without hashing the texts, with the same results', async () => {
    const where = await dirs();
    const cold = await start(PAPERS, where, 'stamp-1');
    expect(cold.embedder.embedded).toHaveLength(PAPERS.length);
    const warm = await start(PAPERS, where, 'stamp-1');
    expect(warm.lines).toEqual([]);
    expect(warm.embedder.calls).toBe(0);
    expect(warm.hashed).toBe(2); // the check of the first and last key
    expect(await answers(warm.engine)).toEqual(await answers(cold.engine));
  });

  it('embeds papers beyond the corpus (added later) as before', async () => {
    const where = await dirs();
    await start(PAPERS.slice(0, 3), where, 'stamp-1');
    const grown = await start(PAPERS, where, 'stamp-1', 3);
    expect(grown.embedder.embedded).toEqual([paperText(PAPERS[3]!)]);
    expect(grown.lines).toEqual([]);
    const top = await grown.engine.search('Audio sequences are modelled with self attention', { mode: 'semantic' });
    expect(top.results[0]?.id).toBe('speech');
  });

  it('rebuilds and rewrites the keys when the corpus changed, and gives the results of a cold start', async () => {
    const where = await dirs();
    await start(PAPERS, where, 'stamp-1');
    const edited = PAPERS.map((p) => (p.id === 'graphs' ? { ...p, abstract: 'Message passing over molecules.' } : p));
    const changed = await start(edited, where, 'stamp-2');
    expect(changed.lines).toEqual(['info: paper keys file out of date; rebuilding it (made for other corpus files)']);
    expect(changed.embedder.embedded).toEqual([paperText(edited[2]!)]);
    const again = await start(edited, where, 'stamp-2');
    expect(again.lines).toEqual([]);
    expect(again.hashed).toBe(2);
    const fresh = await start(edited, await dirs(), 'stamp-2');
    expect(await answers(again.engine)).toEqual(await answers(fresh.engine));
  });
});

describe('createApp with a corpus folder and a model', () => {
  it('saves the paper keys next to the embedding cache on the first start and finds every vector by them on the next', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'keys-app-'));
    await cp('corpus', path.join(root, 'corpus'), { recursive: true });
    const config = loadConfig({ CORPUS_DIR: path.join(root, 'corpus'), DATA_DIR: path.join(root, 'data'), LOG_LEVEL: 'warn' });
    const keysFile = path.join(root, 'data', 'embeddings', 'paper-keys.bin');
    const start = async () => {
      const { logger, lines } = recordingLogger();
      const embedder = createFakeEmbedder({}, { dimension: DIMENSION });
      const app = await createApp(config, { logger, embedder });
      await app.semanticReady;
      const results = (await app.search('sparse networks that train well', { mode: 'semantic' })).results.map((r) => [r.id, r.score]);
      await app.close();
      return { lines, results, embedded: embedder.embedded.length };
    };
    const cold = await start();
    expect(cold.embedded).toBeGreaterThan(10);
    const written = (await stat(keysFile)).mtimeMs;
    const warm = await start();
    expect(warm.lines.filter((l) => !l.startsWith('info: semantic search ready'))).toEqual([]);
    expect(warm.embedded).toBe(0);
    expect((await stat(keysFile)).mtimeMs).toBe(written);
    expect(warm.results).toEqual(cold.results);
  });
});
