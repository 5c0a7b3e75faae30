import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../src/shared/log.js';
import { openState, statePathFor } from '../src/state/index.js';
import { createFakeApp } from './helpers/fake-app.js';
import { fakeClock, tempDir } from './state/helpers.js';
import { createTestRuntime } from './trending/app.js';

const SHEEP = { id: '2603.09999', arxivId: '2603.09999', title: 'Counting Sheep with Transformers', abstract: 'We count sheep.', authors: [], url: 'https://arxiv.org/abs/2603.09999', source: 'test' };

/** Stores one paper in the state database under `dataDir`, as an earlier ingest would have. */
function storeSheep(dataDir: string): void {
  const state = openState(statePathFor(dataDir), { clock: fakeClock('2026-03-06T10:00:00Z'), logger: silentLogger });
  state.papers.upsert([SHEEP], 'file:x.json');
  state.close();
}

describe('createRuntime', () => {
  it('opens the state database under DATA_DIR, restores ingested papers once and wires the digest service to the app', async () => {
    const dataDir = tempDir();
    storeSheep(dataDir);
    const runtime = await createTestRuntime({ dataDir }, { trendingSource: null });
    expect(runtime.digest.state.path).toBe(statePathFor(dataDir));
    expect((await runtime.app.search('counting sheep', { mode: 'keyword' })).results[0]?.id).toBe('2603.09999');
    // Ingestion through the digest service reaches the same app.
    await runtime.digest.ingestPapers([{ ...SHEEP, id: '2603.08888', arxivId: '2603.08888', title: 'Herding Cats with Diffusion', url: 'https://arxiv.org/abs/2603.08888' }], 'test');
    expect((await runtime.app.search('herding cats', { mode: 'keyword' })).results[0]?.id).toBe('2603.08888');
    expect(runtime.digest.state.papers.size).toBe(2);
    await runtime.close();
    await runtime.close(); // closing twice is harmless
  });

  it('in read-only mode restores stored papers, creates no missing database and runs no digest service', async () => {
    const dataDir = tempDir();
    const empty = await createTestRuntime({ dataDir }, {}, { readOnly: true });
    expect(empty.digest).toBeNull();
    await empty.close();
    expect(existsSync(statePathFor(dataDir))).toBe(false);

    storeSheep(dataDir);
    const runtime = await createTestRuntime({ dataDir }, {}, { readOnly: true });
    expect((await runtime.app.search('counting sheep', { mode: 'keyword' })).results[0]?.id).toBe('2603.09999');
    await runtime.close();
  });

  it('uses a ready-made app and a throw-away database when asked', async () => {
    const dataDir = tempDir();
    const app = createFakeApp();
    const runtime = await createTestRuntime({ dataDir }, { app, statePath: ':memory:', trendingSource: null });
    expect(runtime.app).toBe(app);
    expect(runtime.digest.state.path).toBe(':memory:');
    await runtime.close();
    expect(existsSync(statePathFor(dataDir))).toBe(false);
  });

  it('fails with a clear error when the state file is corrupt', async () => {
    const dataDir = tempDir();
    writeFileSync(statePathFor(dataDir), 'garbage that is not SQLite at all, long enough to be read as a header');
    await expect(createTestRuntime({ dataDir })).rejects.toThrow(/cannot open state database .*paper-scout\.db: file is not a database.*Fix:/);
  });
});
