import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, mkdtemp, readFile, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  EmbedderLoadError,
  isModelOnDisk,
  loadEmbedder,
  requiredModelFiles,
  resolveModelSource,
  type LoadedEmbedder,
} from '../../src/search/embedder.js';
import { guardHubFetch } from '../../src/app/hub-fetch.js';
import { createVectorIndex } from '../../src/search/vector-index.js';
import type { ProgressEvent } from '../../src/search/types.js';
import { buildTestModelFiles, writeTestModel } from '../../test-support/test-model.js';
import { getTestModelDir, readTestModelTables, type TestModelTables } from '../../test-support/test-model-files.js';

let modelDir: string;
let tables: TestModelTables;
let embedder: LoadedEmbedder;
let scratch: string;

beforeAll(async () => {
  modelDir = await getTestModelDir();
  tables = await readTestModelTables(modelDir);
  embedder = await loadEmbedder({ model: modelDir, cacheDir: path.join(os.tmpdir(), 'unused'), allowRemote: false });
  scratch = await mkdtemp(path.join(os.tmpdir(), 'embedder-test-'));
});
afterAll(async () => {
  await embedder?.dispose();
  await rm(scratch, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Mean of (word + token-type-0) rows over the given tokens, L2-normalised: the model's contract, by hand. */
function expectedVector(tokens: string[]): Float64Array {
  const dim = tables.dimension;
  const sum = new Float64Array(dim);
  for (const token of tokens) {
    const id = tables.vocab.get(token);
    if (id === undefined) throw new Error(`token ${token} not in the test vocabulary`);
    for (let i = 0; i < dim; i++) sum[i] = (sum[i] as number) + (tables.words[id * dim + i] as number) + (tables.tokenTypes[i] as number);
  }
  const mean = sum.map((x) => x / tokens.length);
  const norm = Math.hypot(...mean);
  return mean.map((x) => x / norm);
}

function expectClose(actual: Float32Array | undefined, expected: ArrayLike<number>, tolerance = 1e-5): void {
  expect(actual).toBeDefined();
  expect(actual?.length).toBe(expected.length);
  const worst = Math.max(...Array.from(actual as Float32Array, (x, i) => Math.abs(x - (expected[i] as number))));
  expect(worst).toBeLessThan(tolerance);
}

function dot(a: Float32Array, b: Float32Array): number {
  return a.reduce((s, x, i) => s + x * (b[i] as number), 0);
}

async function expectLoadError(promise: Promise<unknown>): Promise<EmbedderLoadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EmbedderLoadError);
  return error as EmbedderLoadError;
}

describe('resolveModelSource', () => {
  it('treats path-like values and existing folders as local, owner/name as a hub id', () => {
    expect(resolveModelSource('/models/mini')).toEqual({ kind: 'local', dir: path.resolve('/models/mini') });
    expect(resolveModelSource('./models/mini', '/srv')).toEqual({ kind: 'local', dir: '/srv/models/mini' });
    expect(resolveModelSource('Xenova/all-MiniLM-L6-v2')).toEqual({ kind: 'hub', id: 'Xenova/all-MiniLM-L6-v2' });
    expect(resolveModelSource(path.basename(modelDir), path.dirname(modelDir))).toEqual({ kind: 'local', dir: modelDir });
  });

  it('rejects values that are neither', () => {
    expect(() => resolveModelSource('not a model!')).toThrow(EmbedderLoadError);
    expect(() => resolveModelSource('  ')).toThrow(/model option is empty/);
  });
});

describe('isModelOnDisk', () => {
  it('is true for a complete local folder, false for an incomplete one, an uncached hub id or an invalid value', async () => {
    expect(isModelOnDisk({ model: modelDir, cacheDir: scratch })).toBe(true);
    const partial = path.join(scratch, 'partial-model');
    await cp(modelDir, partial, { recursive: true });
    await unlink(path.join(partial, 'tokenizer.json'));
    expect(isModelOnDisk({ model: partial, cacheDir: scratch })).toBe(false);
    expect(isModelOnDisk({ model: 'nobody/not-cached', cacheDir: scratch })).toBe(false);
    expect(isModelOnDisk({ model: 'not a model id!', cacheDir: scratch })).toBe(false);
  });
});

describe('loadEmbedder', () => {
  it('loads a local folder through the transformers.js pipeline and detects the dimension', () => {
    expect(embedder.dimension).toBe(32);
    expect(embedder.modelId).toBe(modelDir);
    expect(embedder.source).toBe('local');
  });

  it('mean-pools over the tokens (with [CLS]/[SEP]) and L2-normalises', async () => {
    const [vector] = await embedder.embed(['Pruning networks']);
    expectClose(vector, expectedVector(['[CLS]', 'pruning', 'networks', '[SEP]']));
    expect(Math.hypot(...(vector as Float32Array))).toBeCloseTo(1, 5);
  });

  it('ignores padding: a short text batched with a long one equals the text alone', async () => {
    const long = 'image super resolution with very deep residual channel attention networks';
    const [batched, other] = await embedder.embed(['Pruning networks', long]);
    const [alone] = await embedder.embed(['Pruning networks']);
    expectClose(batched, expectedVector(['[CLS]', 'pruning', 'networks', '[SEP]']));
    expectClose(batched, alone as Float32Array, 1e-6);
    expect(other).toHaveLength(32);
  });

  it('is deterministic and independent of the batch size', async () => {
    const texts = ['graph convolution', 'pruning', 'diffusion models', 'knowledge bases', 'zero duality gap'];
    const small = await loadEmbedder({ model: modelDir, cacheDir: scratch, allowRemote: false, batchSize: 2 });
    try {
      const a = await embedder.embed(texts);
      const b = await small.embed(texts);
      expect(b).toHaveLength(5);
      b.forEach((vector, i) => expectClose(vector, a[i] as Float32Array, 1e-6));
      expect(await embedder.embed(texts)).toEqual(a);
    } finally {
      await small.dispose();
    }
  });

  it('returns nothing for no texts', async () => {
    expect(await embedder.embed([])).toEqual([]);
  });

  it('ranks the abstract about pruning first for a pruning query', async () => {
    const abstracts = {
      pruning: 'We prune redundant weights of trained neural networks; the pruned networks stay accurate.',
      resolution: 'We reconstruct high resolution images from low resolution inputs with deep residual networks.',
      graphs: 'Relational graph convolutional networks model knowledge bases for link prediction.',
    };
    const index = createVectorIndex(embedder.dimension);
    const vectors = await embedder.embed(Object.values(abstracts));
    Object.keys(abstracts).forEach((id, i) => index.add(id, vectors[i] as Float32Array));

    const [query] = await embedder.embed(['pruning for compression']);
    expect(index.search(query as Float32Array, 3)[0]?.id).toBe('pruning');
    const [other] = await embedder.embed(['a high resolution image']);
    expect(index.search(other as Float32Array, 3)[0]?.id).toBe('resolution');
  });

  it('loads onnx/model.onnx when quantized is false', async () => {
    const folder = path.join(scratch, 'float-only');
    await cp(modelDir, folder, { recursive: true });
    await unlink(path.join(folder, 'onnx', 'model_quantized.onnx'));

    const float = await loadEmbedder({ model: folder, cacheDir: scratch, allowRemote: false, quantized: false });
    try {
      expectClose((await float.embed(['pruning']))[0], (await embedder.embed(['pruning']))[0] as Float32Array, 1e-6);
    } finally {
      await float.dispose();
    }
    const error = await expectLoadError(loadEmbedder({ model: folder, cacheDir: scratch, allowRemote: false }));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain('onnx/model_quantized.onnx');
  });

  it('fails with a fix when the folder does not exist', async () => {
    const missing = path.join(scratch, 'no-such-model');
    const error = await expectLoadError(loadEmbedder({ model: missing, cacheDir: scratch, allowRemote: true }));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain(missing);
    expect(error.fix).toMatch(/EMBEDDING_MODEL/);
    expect(error.fix).toMatch(/EMBEDDINGS=off/);
  }, 10_000);

  it('fails with invalid-model when the ONNX file is corrupt; the libraries\' console noise is summarised, not printed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const folder = path.join(scratch, 'corrupt');
    await cp(modelDir, folder, { recursive: true });
    await truncate(path.join(folder, 'onnx', 'model_quantized.onnx'), 1000);

    const error = await expectLoadError(loadEmbedder({ model: folder, cacheDir: scratch, allowRemote: false }));
    expect(error.kind).toBe('invalid-model');
    expect(error.message).toContain(path.join(folder, 'onnx', 'model_quantized.onnx'));
    expect(error.message).toMatch(/protobuf parsing failed/);
    expect(error.message).toMatch(/wasm fallback failed too/);
    expect(error.fix).toMatch(/^replace .*model_quantized\.onnx with a valid ONNX export/);
    // A local folder is not a cache: the fix must not talk about one.
    expect(error.fix).not.toMatch(/cache/);
    expect(warn).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
    // The console is restored afterwards.
    expect(console.warn).toBe(warn);
  }, 20_000);

  it('names the model file that is not valid JSON (a corrupt tokenizer.json)', async () => {
    const folder = path.join(scratch, 'bad-tokenizer');
    await cp(modelDir, folder, { recursive: true });
    await writeFile(path.join(folder, 'tokenizer.json'), '{"model": ');

    const error = await expectLoadError(loadEmbedder({ model: folder, cacheDir: scratch, allowRemote: false }));
    expect(error.kind).toBe('invalid-model');
    expect(error.message).toContain(`${path.join(folder, 'tokenizer.json')} is not valid JSON`);
    expect(error.fix).toContain(`replace ${path.join(folder, 'tokenizer.json')}`);
    expect(error.fix).not.toMatch(/cache/);
  }, 20_000);

  it('fails at once for a hub id missing from the cache when downloads are disabled', async () => {
    const error = await expectLoadError(
      loadEmbedder({ model: 'nobody/unknown-model', cacheDir: scratch, allowRemote: false }),
    );
    expect(error.kind).toBe('remote-disabled');
    expect(error.message).toContain(path.join(scratch, 'nobody/unknown-model', 'config.json'));
    expect(error.fix).toMatch(/allow downloads/);
  }, 10_000);

  it('rejects bad options', async () => {
    const error = await expectLoadError(loadEmbedder({ model: modelDir, cacheDir: scratch, allowRemote: false, batchSize: 0 }));
    expect(error.kind).toBe('invalid-option');
    expect(error.message).toMatch(/batchSize/);
  });
});

/** A stand-in for the Hugging Face hub serving the test model under /<id>/resolve/main/<file>. */
async function startHub(mode: 'serve' | 'stall-downloads' | 'stall-all' | 'trickle'): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (mode === 'stall-all' || (mode === 'stall-downloads' && req.method === 'GET')) return; // never answer
    const match = /^\/paper-scout\/test-model\/resolve\/main\/(.+)$/.exec(req.url ?? '');
    const file = match ? path.join(modelDir, decodeURIComponent(match[1] as string)) : null;
    if (!file || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = await readFile(file);
    res.writeHead(200, { 'content-length': body.length });
    if (mode === 'trickle' && req.method === 'GET' && file.endsWith('.onnx')) {
      // Ten slices 150 ms apart: the whole download takes longer than the load timeout, each gap much less.
      const slice = Math.ceil(body.length / 10);
      for (let i = 0; i < body.length; i += slice) {
        res.write(body.subarray(i, i + slice));
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      res.end();
      return;
    }
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, server, requests };
}

function stopHub(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('loadEmbedder from a hub', () => {
  it('downloads into cacheDir with download progress, then loads offline from the cache', async () => {
    const hub = await startHub('serve');
    const cacheDir = path.join(scratch, 'hub-cache');
    const events: ProgressEvent[] = [];
    try {
      const online = await loadEmbedder({
        model: 'paper-scout/test-model', cacheDir, allowRemote: true, remoteHost: hub.url, onProgress: (e) => events.push(e),
      });
      expect(online.source).toBe('hub');
      expectClose((await online.embed(['pruning']))[0], (await embedder.embed(['pruning']))[0] as Float32Array, 1e-6);
      await online.dispose();
    } finally {
      await stopHub(hub.server);
    }
    for (const file of requiredModelFiles(true)) {
      expect((await stat(path.join(cacheDir, 'paper-scout/test-model', file))).size).toBeGreaterThan(0);
    }
    const onnxSize = (await stat(path.join(modelDir, 'onnx/model_quantized.onnx'))).size;
    const onnxEvents = events.filter((e) => e.label === 'paper-scout/test-model/onnx/model_quantized.onnx');
    expect(events.every((e) => e.task === 'download')).toBe(true);
    expect(onnxEvents.at(-1)).toMatchObject({ done: onnxSize, total: onnxSize });

    const offlineEvents: ProgressEvent[] = [];
    const offline = await loadEmbedder({
      model: 'paper-scout/test-model', cacheDir, allowRemote: false, onProgress: (e) => offlineEvents.push(e),
    });
    expect(offline.dimension).toBe(32);
    expect(offlineEvents).toEqual([]);
    await offline.dispose();
  });

  it('says the hub does not know an unknown model id', async () => {
    const hub = await startHub('serve');
    try {
      const error = await expectLoadError(
        loadEmbedder({ model: 'paper-scout/other-model', cacheDir: path.join(scratch, 'c404'), allowRemote: true, remoteHost: hub.url }),
      );
      expect(error.kind).toBe('not-found');
      expect(error.message).toContain('HTTP 404');
    } finally {
      await stopHub(hub.server);
    }
  });

  it('probes the hub with the fetch and token it is given', async () => {
    const probes: { url: string; authorization: string | undefined }[] = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      probes.push({ url: String(input), authorization: (init?.headers as Record<string, string> | undefined)?.Authorization });
      return new Response(null, { status: 404 });
    };
    const error = await expectLoadError(
      loadEmbedder({ model: 'paper-scout/private-model', cacheDir: path.join(scratch, 'c-token'), allowRemote: true, fetch: fakeFetch, hubToken: 'hf_secret' }),
    );
    expect(error.kind).toBe('not-found');
    expect(probes).toEqual([{ url: 'https://huggingface.co/paper-scout/private-model/resolve/main/config.json', authorization: 'Bearer hf_secret' }]);
  });

  it('fails quickly with a network error when the hub cannot be reached', async () => {
    const hub = await startHub('serve');
    const url = hub.url;
    await stopHub(hub.server); // nothing listens on that port any more
    const error = await expectLoadError(
      loadEmbedder({ model: 'paper-scout/test-model', cacheDir: path.join(scratch, 'c-off'), allowRemote: true, remoteHost: url }),
    );
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.fix).toMatch(/EMBEDDINGS=off/);
  }, 10_000);

  it('times out instead of hanging when the hub never answers', async () => {
    const hub = await startHub('stall-all');
    try {
      const error = await expectLoadError(
        loadEmbedder({ model: 'paper-scout/test-model', cacheDir: path.join(scratch, 'c-stall'), allowRemote: true, remoteHost: hub.url, timeoutMs: 300 }),
      );
      expect(error.kind).toBe('timeout');
    } finally {
      await stopHub(hub.server);
    }
  }, 10_000);

  it('lets a download that keeps progressing take longer than the load timeout', async () => {
    const hub = await startHub('trickle');
    const started = Date.now();
    try {
      const loaded = await loadEmbedder({
        model: 'paper-scout/test-model', cacheDir: path.join(scratch, 'c-trickle'), allowRemote: true, remoteHost: hub.url, timeoutMs: 600, onProgress: () => undefined,
      });
      expect(Date.now() - started).toBeGreaterThan(1200);
      expect(loaded.dimension).toBe(32);
      await loaded.dispose();
    } finally {
      await stopHub(hub.server);
    }
  }, 15_000);

  it('bounds the hub\'s first answer by hubTimeoutMs, whatever the load timeout', async () => {
    const hub = await startHub('stall-all');
    const started = Date.now();
    try {
      const error = await expectLoadError(
        loadEmbedder({ model: 'paper-scout/test-model', cacheDir: path.join(scratch, 'c-probe'), allowRemote: true, remoteHost: hub.url, timeoutMs: 60_000, hubTimeoutMs: 300 }),
      );
      expect(error.kind).toBe('timeout');
      expect(error.message).toContain('within 300 ms');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await stopHub(hub.server);
    }
  }, 10_000);

  it('times out and aborts a download that stalls', async () => {
    const hub = await startHub('stall-downloads');
    const fetchBefore = globalThis.fetch;
    try {
      const error = await expectLoadError(
        loadEmbedder({ model: 'paper-scout/test-model', cacheDir: path.join(scratch, 'c-slow'), allowRemote: true, remoteHost: hub.url, timeoutMs: 500, routeHubRequests: guardHubFetch }),
      );
      expect(error.kind).toBe('timeout');
      expect(error.message).toMatch(/longer than 500 ms/);
      expect(hub.requests.some((r) => r.startsWith('GET '))).toBe(true);
      // The aborted load settles and puts the global fetch back.
      await vi.waitFor(() => expect(globalThis.fetch).toBe(fetchBefore), { timeout: 5_000 });
    } finally {
      await stopHub(hub.server);
    }
  }, 15_000);
});

describe('writeTestModel', () => {
  it('writes byte-identical files for the same options and leaves unchanged files alone', async () => {
    const folder = path.join(scratch, 'generated');
    await writeTestModel(folder, { dimension: 8, vocabulary: ['prune', 'pruning', 'graph'] });
    const onnx = path.join(folder, 'onnx', 'model_quantized.onnx');
    const before = await stat(onnx);
    const bytes = await readFile(onnx);
    await writeTestModel(folder, { dimension: 8, vocabulary: ['graph', 'pruning', 'prune'] });
    expect((await stat(onnx)).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(onnx)).toEqual(bytes);
    expect(Buffer.from(buildTestModelFiles({ dimension: 8, vocabulary: ['prune', 'pruning', 'graph'] }).get('onnx/model_quantized.onnx') as Uint8Array)).toEqual(bytes);
  });

  it('gives words sharing a stem nearby vectors and unrelated words distant ones', async () => {
    const folder = path.join(scratch, 'stems');
    await writeTestModel(folder, { vocabulary: ['prune', 'pruning', 'pruned', 'galaxy'] });
    const t = await readTestModelTables(folder);
    const row = (w: string) => t.words.slice((t.vocab.get(w) as number) * t.dimension, ((t.vocab.get(w) as number) + 1) * t.dimension);
    const cos = (a: string, b: string) => dot(row(a), row(b)) / Math.sqrt(dot(row(a), row(a)) * dot(row(b), row(b)));
    expect(cos('prune', 'pruning')).toBeGreaterThan(0.8);
    expect(cos('pruned', 'pruning')).toBeGreaterThan(0.8);
    expect(Math.abs(cos('galaxy', 'pruning'))).toBeLessThan(0.6);
  });
});
