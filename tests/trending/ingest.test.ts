import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/shared/log.js';
import { openState, statePathFor } from '../../src/state/index.js';
import { createHfSource, createIngester, readPaperFile, restoreIngestedPapers } from '../../src/trending/index.js';
import { fakeClock, tempDir } from '../state/helpers.js';
import { createTestApp } from './app.js';
import { startFakeHfApi } from './hf-server.js';

const clock = fakeClock('2026-03-06T10:00:00Z');

describe('createIngester().ingest', () => {
  it('makes fetched papers searchable at once, merges the one the corpus already has, and persists them', async () => {
    const dataDir = tempDir();
    const api = await startFakeHfApi();
    const app = await createTestApp({ dataDir, hfUrl: api.url });
    const corpusSize = app.store.size;
    const before = await app.search('speculative decoding draft tree', { mode: 'keyword' });
    expect(before.results.some((r) => r.paper.arxivId === '2603.04512')).toBe(false);

    const state = openState(statePathFor(dataDir), { clock, logger: silentLogger });
    const ingester = createIngester({ app, state, logger: silentLogger });
    const day = await createHfSource({ apiUrl: api.url, logger: silentLogger }).fetchDay('2026-03-06');
    const report = await ingester.ingest(day.papers, 'huggingface:2026-03-06');

    expect(report.added.map((p) => p.id).sort()).toEqual(['2603.02291', '2603.03877', '2603.04512', '2603.05120']);
    expect(report.merged.map((p) => p.title)).toEqual(['Generating Long Sequences with Sparse Transformers']);
    expect(app.store.size).toBe(corpusSize + 4);
    // The corpus paper gained the arXiv id and upvotes instead of being duplicated.
    const sparse = app.store.findDuplicate({ title: 'Generating Long Sequences with Sparse Transformers' })!;
    expect(sparse).toMatchObject({ arxivId: '1904.10509', upvotes: 12 });
    expect(report.papers.find((p) => p.arxivId === '1904.10509')!.id).toBe(sparse.id);

    const after = await app.search('speculative decoding draft tree', { mode: 'keyword' });
    expect(after.results[0]?.paper.arxivId).toBe('2603.04512');
    expect(state.papers.size).toBe(5);
    state.close();
    await app.close();
  });

  it('tells listeners about each ingestion and survives a failing listener', async () => {
    const dataDir = tempDir();
    const app = await createTestApp({ dataDir });
    const state = openState(':memory:', { clock, logger: silentLogger });
    const ingester = createIngester({ app, state, logger: silentLogger });
    const seen: string[][] = [];
    ingester.onIngested(() => {
      throw new Error('listener broke');
    });
    ingester.onIngested((r) => {
      seen.push(r.added.map((p) => p.title));
    });
    const paper = { id: 'x', title: 'Counting Sheep with Transformers', abstract: 'We count sheep.', authors: [], url: 'https://example.org', source: 'test' };
    await ingester.ingest([paper], 'test');
    expect(seen).toEqual([['Counting Sheep with Transformers']]);
    await app.close();
  });
});

describe('restoreIngestedPapers', () => {
  it('re-adds persisted papers to a restarted app, so they stay searchable', async () => {
    const dataDir = tempDir();
    const api = await startFakeHfApi();
    const first = await createTestApp({ dataDir });
    const state = openState(statePathFor(dataDir), { clock, logger: silentLogger });
    const day = await createHfSource({ apiUrl: api.url, logger: silentLogger }).fetchDay('2026-03-06');
    await createIngester({ app: first, state, logger: silentLogger }).ingest(day.papers, 'huggingface:2026-03-06');
    state.close();
    await first.close();

    const restarted = await createTestApp({ dataDir });
    const reopened = openState(statePathFor(dataDir), { clock, logger: silentLogger });
    expect(await restoreIngestedPapers(restarted, reopened, silentLogger)).toBe(4);
    const hits = await restarted.search('dexterous robot hand diffusion policy', { mode: 'keyword' });
    expect(hits.results[0]?.paper.arxivId).toBe('2603.05120');
    expect(restarted.store.findDuplicate({ title: 'Generating Long Sequences with Sparse Transformers' })?.upvotes).toBe(12);
    reopened.close();
    await restarted.close();
  });
});

describe('readPaperFile', () => {
  it('reads the corpus JSON format and reports bad records with position and field', async () => {
    const file = path.join(tempDir(), 'papers.json');
    writeFileSync(
      file,
      JSON.stringify({
        papers: [
          { title: 'A Good Paper', abstract: 'We show a thing.', arxivId: 'arXiv:2603.00001v2', upvotes: 3 },
          { title: 'No Abstract', abstract: '' },
          { title: 'Bad Id', abstract: 'Text.', arxivId: 'nope' },
        ],
      }),
    );
    const { papers, problems } = await readPaperFile(file);
    expect(papers.map((p) => [p.id, p.source])).toEqual([['2603.00001', 'papers.json#1']]);
    expect(problems).toEqual([
      'papers.json record 2: abstract: abstract must not be empty; record skipped',
      'papers.json record 3: arxivId: "nope" is not an arXiv identifier (e.g. 1706.03762); record skipped',
    ]);
  });

  it('throws for a file that is not JSON', async () => {
    const file = path.join(tempDir(), 'papers.json');
    writeFileSync(file, 'title,abstract\n');
    await expect(readPaperFile(file)).rejects.toThrow(/papers\.json is not valid JSON/);
  });
});
