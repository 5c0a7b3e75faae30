import { mkdtemp, readdir, rm, stat, truncate, writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_HEADER_BYTES, cacheFileName, openEmbeddingCache } from '../../src/search/embedding-cache.js';
import type { Logger } from '../../src/shared/types.js';

const v = (...xs: number[]) => Float32Array.from(xs);

function createRecordingLogger() {
  const warnings: Array<{ msg: string; ctx?: Record<string, unknown> }> = [];
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (msg, ctx) => warnings.push({ msg, ctx }),
    error: () => undefined,
  };
  return { logger, warnings };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'emb-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cacheFileName', () => {
  it('derives a readable, collision-free name from model id and dimension', () => {
    expect(cacheFileName('Xenova/all-MiniLM-L6-v2', 384)).toMatch(/^xenova-all-minilm-l6-v2-[0-9a-f]{8}-d384\.f32$/);
    expect(cacheFileName('a/b', 4)).not.toBe(cacheFileName('a-b', 4));
    expect(cacheFileName('a/b', 4)).not.toBe(cacheFileName('a/b', 8));
  });
});

describe('openEmbeddingCache', () => {
  it('returns what was set, and nothing for unknown texts', async () => {
    const cache = await openEmbeddingCache({ dir, modelId: 'm', dimension: 3 });
    cache.set('alpha', v(1, 2, 3));

    expect(cache.get('alpha')).toEqual(v(1, 2, 3));
    expect(cache.has('alpha')).toBe(true);
    expect(cache.get('beta')).toBeUndefined();
    expect(cache.has('beta')).toBe(false);
    expect(cache.size).toBe(1);
  });

  it('keeps vectors across a reopen once flushed', async () => {
    const first = await openEmbeddingCache({ dir, modelId: 'm', dimension: 3 });
    first.set('alpha', v(1, 2, 3));
    first.set('beta', v(-1, 0.5, 0.25));
    await first.flush();
    first.set('gamma', v(7, 7, 7));
    await first.flush();

    const second = await openEmbeddingCache({ dir, modelId: 'm', dimension: 3 });
    expect(second.size).toBe(3);
    expect(second.get('alpha')).toEqual(v(1, 2, 3));
    expect(second.get('beta')).toEqual(v(-1, 0.5, 0.25));
    expect(second.get('gamma')).toEqual(v(7, 7, 7));
    const bytes = (await stat(second.file)).size;
    expect(bytes).toBe(CACHE_HEADER_BYTES + 3 * (32 + 3 * 4));
  });

  it('lets the latest vector of a text win after a reopen', async () => {
    const first = await openEmbeddingCache({ dir, modelId: 'm', dimension: 2 });
    first.set('alpha', v(1, 0));
    await first.flush();
    first.set('alpha', v(0, 1));
    await first.flush();

    const second = await openEmbeddingCache({ dir, modelId: 'm', dimension: 2 });
    expect(second.get('alpha')).toEqual(v(0, 1));
    expect(second.size).toBe(1);
  });

  it('misses for another model id and keeps each model in its own file', async () => {
    const a = await openEmbeddingCache({ dir, modelId: 'model-a', dimension: 2 });
    a.set('text', v(1, 0));
    await a.flush();

    const b = await openEmbeddingCache({ dir, modelId: 'model-b', dimension: 2 });
    expect(b.get('text')).toBeUndefined();
    b.set('text', v(0, 1));
    await b.flush();

    expect((await openEmbeddingCache({ dir, modelId: 'model-a', dimension: 2 })).get('text')).toEqual(v(1, 0));
    expect((await readdir(dir)).sort()).toEqual([cacheFileName('model-a', 2), cacheFileName('model-b', 2)].sort());
  });

  it('does not mix up dimensions of the same model', async () => {
    const small = await openEmbeddingCache({ dir, modelId: 'm', dimension: 2 });
    small.set('text', v(1, 0));
    await small.flush();

    const large = await openEmbeddingCache({ dir, modelId: 'm', dimension: 4 });
    expect(large.get('text')).toBeUndefined();
    expect(large.size).toBe(0);
  });

  it('keeps the good records of a truncated file, logs the cut record and stays appendable', async () => {
    const { logger, warnings } = createRecordingLogger();
    const first = await openEmbeddingCache({ dir, modelId: 'm', dimension: 2 });
    first.set('r0', v(1, 0));
    first.set('r1', v(0, 1));
    first.set('r2', v(1, 1));
    await first.flush();
    const full = (await stat(first.file)).size;
    await truncate(first.file, full - 5); // a crash in the middle of record #2

    const second = await openEmbeddingCache({ dir, modelId: 'm', dimension: 2, logger });
    expect(second.size).toBe(2);
    expect(second.get('r0')).toEqual(v(1, 0));
    expect(second.get('r1')).toEqual(v(0, 1));
    expect(second.get('r2')).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.ctx).toMatchObject({ file: first.file, record: 2 });

    second.set('r2', v(1, 1));
    await second.flush();
    const third = await openEmbeddingCache({ dir, modelId: 'm', dimension: 2, logger });
    expect(third.size).toBe(3);
    expect(third.get('r2')).toEqual(v(1, 1));
    expect(warnings).toHaveLength(1);
  });

  it('treats a record corrupted into NaN as a miss and logs its record number', async () => {
    const { logger, warnings } = createRecordingLogger();
    const first = await openEmbeddingCache({ dir, modelId: 'm', dimension: 2 });
    first.set('good', v(1, 0));
    first.set('bad', v(0, 1));
    await first.flush();
    const bytes = await readFile(first.file);
    bytes.writeFloatLE(Number.NaN, CACHE_HEADER_BYTES + (32 + 8) + 32); // first number of record #1
    await writeFile(first.file, bytes);

    const second = await openEmbeddingCache({ dir, modelId: 'm', dimension: 2, logger });
    expect(second.get('good')).toEqual(v(1, 0));
    expect(second.get('bad')).toBeUndefined();
    expect(second.has('bad')).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.ctx).toEqual({ file: first.file, record: 1 });

    second.set('bad', v(0, 1)); // re-embedded: the later record wins on the next open
    await second.flush();
    expect((await openEmbeddingCache({ dir, modelId: 'm', dimension: 2 })).get('bad')).toEqual(v(0, 1));
  });

  it('sets a file with a foreign header aside instead of reading it', async () => {
    const { logger, warnings } = createRecordingLogger();
    const other = await openEmbeddingCache({ dir, modelId: 'other', dimension: 2 });
    other.set('text', v(1, 0));
    await other.flush();
    const ours = path.join(dir, cacheFileName('m', 2));
    await writeFile(ours, await readFile(other.file));

    const cache = await openEmbeddingCache({ dir, modelId: 'm', dimension: 2, logger });
    expect(cache.size).toBe(0);
    expect(warnings[0]?.ctx).toMatchObject({ file: ours, movedTo: `${ours}.invalid` });
    expect(await readdir(dir)).toContain(`${path.basename(ours)}.invalid`);
  });

  it('rejects a vector of the wrong dimension or with non-finite numbers', async () => {
    const cache = await openEmbeddingCache({ dir, modelId: 'm', dimension: 3 });
    expect(() => cache.set('x', v(1, 2))).toThrow(/vector has 2 dimensions, .* holds 3/);
    expect(() => cache.set('x', v(1, Number.POSITIVE_INFINITY, 0))).toThrow(/non-finite/);
  });

  it('stores a copy of the vector it is given', async () => {
    const cache = await openEmbeddingCache({ dir, modelId: 'm', dimension: 2 });
    const vec = v(1, 0);
    cache.set('x', vec);
    vec[0] = 5;
    expect(cache.get('x')).toEqual(v(1, 0));
  });
});
