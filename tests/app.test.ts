import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app/app.js';
import { loadConfig } from '../src/app/config.js';
import type { Logger } from '../src/shared/types.js';
import type { ProgressEvent } from '../src/search/types.js';
import { getTestModelDir } from '../test-support/test-model-files.js';

function recordingLogger() {
  const lines: { level: string; msg: string }[] = [];
  const logger: Logger = {
    debug: (msg) => lines.push({ level: 'debug', msg }),
    info: (msg) => lines.push({ level: 'info', msg }),
    warn: (msg) => lines.push({ level: 'warn', msg }),
    error: (msg) => lines.push({ level: 'error', msg }),
  };
  return { logger, lines };
}

async function tempDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'paper-scout-app-'));
}

describe('createApp', () => {
  it('loads the corpus and the generated model through transformers.js, and searches in hybrid mode', async () => {
    const model = await getTestModelDir();
    const dataDir = await tempDataDir();
    const events: ProgressEvent[] = [];
    const config = loadConfig({ EMBEDDING_MODEL: model, ALLOW_REMOTE_MODELS: 'false', DATA_DIR: dataDir });
    const app = await createApp(config, { logger: recordingLogger().logger, onProgress: (e) => events.push(e) });
    expect(app.status().semantic.state).toBe('loading');
    await app.semanticReady;
    expect(app.status()).toMatchObject({ papers: 119, semantic: { state: 'ready' } });

    const response = await app.search('lottery ticket');
    expect(response.mode).toBe('hybrid');
    expect(response.results.slice(0, 2).map((r) => r.title).sort()).toEqual([
      'Low-rank lottery tickets: finding efficient low-rank neural networks via matrix differential equations',
      'Stabilizing the Lottery Ticket Hypothesis',
    ]);
    expect(response.results[0]!.signals.semantic).not.toBeNull();
    // First start: the whole corpus is embedded, with progress up to 119 of 119.
    const embedEvents = events.filter((e) => e.task === 'embed');
    expect(embedEvents.at(-1)).toMatchObject({ done: 119, total: 119 });
    await app.close();

    // Restart on the same data folder: every vector comes from the cache, nothing is embedded.
    const again: ProgressEvent[] = [];
    const restarted = await createApp(config, { logger: recordingLogger().logger, onProgress: (e) => again.push(e) });
    await restarted.semanticReady;
    expect(restarted.status().semantic.state).toBe('ready');
    expect(again.filter((e) => e.task === 'embed' && e.total > 0)).toEqual([]);
    expect((await restarted.search('lottery ticket')).results.map((r) => r.id)).toEqual(response.results.map((r) => r.id));
    await restarted.close();
  });

  it('keeps serving keyword results with one clear warning when the model cannot load', async () => {
    const { logger, lines } = recordingLogger();
    const config = loadConfig({ EMBEDDING_MODEL: '/nonexistent/model', DATA_DIR: await tempDataDir() });
    const app = await createApp(config, { logger });
    await app.semanticReady;
    const status = app.status().semantic;
    expect(status.state).toBe('unavailable');
    expect(status.reason).toMatch(/\/nonexistent\/model/);
    expect(status.reason).toMatch(/Fix: /);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    const response = await app.search('densly conected convolutional networks');
    expect(response.mode).toBe('keyword');
    expect(response.results[0]?.title).toBe('Densely Connected Convolutional Networks');
    await app.close();
  });

  it('fails over to keyword mode when the hub is unreachable, without hanging', async () => {
    const { logger, lines } = recordingLogger();
    // Port 1 on loopback refuses connections at once: the same path as a machine without network.
    const config = loadConfig({ MODEL_HUB_URL: 'http://127.0.0.1:1', DATA_DIR: await tempDataDir() });
    const app = await createApp(config, { logger });
    await app.semanticReady;
    expect(app.status().semantic).toMatchObject({ state: 'unavailable', modelId: 'Xenova/all-MiniLM-L6-v2' });
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([expect.stringMatching(/semantic search unavailable.*127\.0\.0\.1/)]);
    expect((await app.search('lottery ticket')).results[0]?.title).toMatch(/Lottery Ticket/i);
  });

  it('with lazySemantic, loads the model on the first read of semanticReady only; close does not wait for a load never started', async () => {
    let loads = 0;
    const config = loadConfig({ DATA_DIR: await tempDataDir() });
    const loadEmbedder = async () => {
      loads += 1;
      throw new Error('no model here');
    };
    const idle = await createApp(config, { logger: recordingLogger().logger, lazySemantic: true, loadEmbedder });
    expect((await idle.search('lottery ticket', { mode: 'keyword' })).results.length).toBeGreaterThan(0);
    await idle.close();
    expect(loads).toBe(0);
    const used = await createApp(config, { logger: recordingLogger().logger, lazySemantic: true, loadEmbedder });
    await used.semanticReady;
    await used.semanticReady;
    expect(loads).toBe(1);
    expect(used.status().semantic.state).toBe('unavailable');
  });

  it('with rememberModelFailure, skips a model whose load failed within MODEL_RETRY_MINUTES', async () => {
    const dataDir = await tempDataDir();
    const config = loadConfig({ EMBEDDING_MODEL: '/nonexistent/model', DATA_DIR: dataDir, MODEL_RETRY_MINUTES: '10' });
    const first = await createApp(config, { logger: recordingLogger().logger, rememberModelFailure: true });
    await first.semanticReady;
    const reason = first.status().semantic.reason!;
    expect(reason).toMatch(/\/nonexistent\/model/);

    const { logger, lines } = recordingLogger();
    const second = await createApp(config, { logger, rememberModelFailure: true });
    await second.semanticReady;
    expect(second.status().semantic).toMatchObject({ state: 'unavailable', reason: expect.stringContaining(reason) });
    expect(second.status().semantic.reason).toMatch(/failed at .*retried after MODEL_RETRY_MINUTES/);
    expect(lines.filter((l) => l.level === 'info' && /loading embedding model/.test(l.msg))).toEqual([]);

    // Without the option (the bot), or with MODEL_RETRY_MINUTES=0, the load is tried again.
    const retried = recordingLogger();
    const bot = await createApp(config, { logger: retried.logger });
    await bot.semanticReady;
    expect(bot.status().semantic.reason).not.toMatch(/failed at/);
    const always = await createApp(loadConfig({ EMBEDDING_MODEL: '/nonexistent/model', DATA_DIR: dataDir, MODEL_RETRY_MINUTES: '0' }), {
      logger: recordingLogger().logger,
      rememberModelFailure: true,
    });
    await always.semanticReady;
    expect(always.status().semantic.reason).not.toMatch(/failed at/);
  });

  it('serves keyword search only when embeddings are off, and says so', async () => {
    const app = await createApp(loadConfig({ EMBEDDINGS: 'off', DATA_DIR: await tempDataDir() }), { logger: recordingLogger().logger });
    expect(app.status().semantic).toMatchObject({ state: 'disabled', reason: expect.stringMatching(/EMBEDDINGS=off/) });
    const response = await app.search('graph attention', { mode: 'hybrid' });
    expect(response.mode).toBe('keyword');
  });

  it('adds papers live: searchable at once, merged with known ones', async () => {
    const app = await createApp(loadConfig({ DATA_DIR: await tempDataDir() }), { embedder: null, logger: recordingLogger().logger });
    const base = { authors: [], source: 'test' };
    const { added, merged } = await app.addPapers([
      { ...base, id: '2601.00001', arxivId: '2601.00001', title: 'Quokka Routing for Sparse Experts', abstract: 'We route tokens to experts with quokka gates.', url: 'https://arxiv.org/abs/2601.00001' },
      { ...base, id: 'x', title: 'Wide Residual Networks', abstract: 'duplicate of a corpus paper', url: 'https://example.org', upvotes: 9 },
    ]);
    expect(added.map((p) => p.id)).toEqual(['2601.00001']);
    expect(merged.map((p) => p.id)).toEqual(['wide-residual-networks']);
    expect(app.status().papers).toBe(120);
    expect((await app.search('quokka gates')).results[0]?.id).toBe('2601.00001');
    expect(app.store.get('wide-residual-networks')?.upvotes).toBe(9);
  });
});
