import { describe, expect, it } from 'vitest';
import { tempDir } from '../state/helpers.js';
import { createTestRuntime } from '../trending/app.js';
import { startFakeArxiv } from './arxiv-server.js';

describe('createRuntime (arXiv adder and reading lists)', () => {
  it('wires the adder to the app and the state database, and reading lists to the same database', async () => {
    const api = await startFakeArxiv();
    const runtime = await createTestRuntime({ dataDir: tempDir(), env: { ARXIV_API_URL: api.url } }, { trendingSource: null, arxivIntervalMs: 0 });
    const { paper, status } = await runtime.adder.add('arXiv:1706.03762v7');
    expect(status).toBe('added');
    expect((await runtime.app.search('attention is all you need', { mode: 'keyword' })).results[0]?.id).toBe(paper.id);
    expect(runtime.digest.state.papers.all().map((r) => r.origin)).toEqual(['arxiv:1706.03762']);
    expect(runtime.readingList.save('u1', paper)).toEqual({ added: true, total: 1 });
    expect(runtime.digest.state.readingList.count('u1')).toBe(1);
    await runtime.close();
  });

  it('has neither in a read-only runtime', async () => {
    const runtime = await createTestRuntime({ dataDir: tempDir() }, {}, { readOnly: true });
    expect([runtime.adder, runtime.readingList]).toEqual([null, null]);
    await runtime.close();
  });
});
