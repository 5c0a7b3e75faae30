import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDigestCommand } from '../../src/cli/digest.js';
import { main } from '../../src/cli/main.js';
import { openState, statePathFor } from '../../src/state/index.js';
import { silentLogger } from '../../src/shared/log.js';
import { fakeClock, tempDir } from '../state/helpers.js';
import { createTestRuntime } from '../trending/app.js';
import { startFakeHfApi } from '../trending/hf-server.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out: () => out.join(''), err: () => err.join('') };
}

const args = (flags: Record<string, string | boolean>, positionals: string[] = []) => ({ positionals, flags });

describe('runDigestCommand ingest', () => {
  it('ingests a Hugging Face day into the state database and reports new, known and skipped papers', async () => {
    const dataDir = tempDir();
    const api = await startFakeHfApi();
    const runtime = await createTestRuntime({ dataDir, hfUrl: api.url });
    const cap = capture();
    expect(await runDigestCommand(runtime, 'ingest', args({ 'hf-date': '2026-03-06' }), cap.io)).toBe(0);
    expect(cap.out()).toContain('Ingested huggingface:2026-03-06: 4 new paper(s), 1 already known, 3 skipped.');
    expect(cap.out()).toContain('  + Speculative Decoding with Draft Trees for Long-Context Language Models  https://arxiv.org/abs/2603.04512');
    expect(cap.err()).toContain('warning: item 2: paper.summary: expected a string; skipped');
    const state = openState(statePathFor(dataDir), { clock: fakeClock('2026-03-06T10:00:00Z'), logger: silentLogger });
    expect(state.papers.size).toBe(5);
    state.close();
    await runtime.close();
  });

  it('ingests a JSON file in the corpus format, with --json output', async () => {
    const dataDir = tempDir();
    const runtime = await createTestRuntime({ dataDir });
    const file = path.join(dataDir, 'papers.json');
    writeFileSync(file, JSON.stringify([{ title: 'Counting Sheep with Transformers', abstract: 'We count sheep with attention.', arxivId: '2603.09999' }, { title: 'Bad' }]));
    const cap = capture();
    expect(await runDigestCommand(runtime, 'ingest', args({ file, json: true }), cap.io)).toBe(0);
    const json = JSON.parse(cap.out());
    expect(json).toMatchObject({ origin: 'file:papers.json', added: [{ id: '2603.09999', title: 'Counting Sheep with Transformers' }], merged: [] });
    expect(json.skipped).toEqual(['papers.json record 2: abstract: Invalid input: expected string, received undefined; record skipped']);
    expect((await runtime.app.search('counting sheep', { mode: 'keyword' })).results[0]?.id).toBe('2603.09999');
    await runtime.close();
  });

  it('fails with exit code 1 when the source is unreachable', async () => {
    const api = await startFakeHfApi();
    api.behave({ status: 502 });
    const runtime = await createTestRuntime({ dataDir: tempDir(), hfUrl: api.url });
    const cap = capture();
    expect(await runDigestCommand(runtime, 'ingest', args({ 'hf-date': '2026-03-06' }), cap.io)).toBe(1);
    expect(cap.err()).toMatch(/^error: cannot ingest 2026-03-06: GET .* HTTP 502/);
    await runtime.close();
  });

  it('rejects missing, doubled or malformed sources as usage errors', async () => {
    const runtime = await createTestRuntime({ dataDir: tempDir() });
    const usage = async (flags: Record<string, string | boolean>) => {
      const cap = capture();
      expect(await runDigestCommand(runtime, 'ingest', args(flags), cap.io)).toBe(2);
      return cap.err();
    };
    expect(await usage({})).toBe('error: ingest needs exactly one source: --hf-date YYYY-MM-DD or --file papers.json; see --help\n');
    expect(await usage({ 'hf-date': '2026-03-06', file: 'x.json' })).toMatch(/exactly one source/);
    expect(await usage({ 'hf-date': '6 March' })).toMatch(/^error: --hf-date must be a calendar date as YYYY-MM-DD \(got "6 March"\)/);
    await runtime.close();
  });
});

describe('runDigestCommand digest --dry-run', () => {
  it('prints the papers that would be posted', async () => {
    const api = await startFakeHfApi();
    const runtime = await createTestRuntime({ dataDir: tempDir(), hfUrl: api.url });
    const cap = capture();
    expect(await runDigestCommand(runtime, 'digest', args({ 'dry-run': true, date: '2026-03-06', limit: '2' }), cap.io)).toBe(0);
    expect(cap.out()).toBe(
      [
        'Trending papers for 2026-03-06',
        'The top 2 papers on Hugging Face daily papers, by upvotes.',
        '',
        ' 1. Speculative Decoding with Draft Trees for Long-Context Language Models',
        '    ▲ 87 · Language models · https://arxiv.org/abs/2603.04512',
        '    “We propose DraftTree, a speculative decoding method that drafts a tree of candidate continuations and verifies all branches in one pass of the target model. On long-context benchmarks, DraftTree decodes 2.8x faster than standard decoding without changing the output distribution.”',
        '',
        ' 2. Diffusion Policies for Dexterous Robot Manipulation from Few Demonstrations',
        '    ▲ 54 · Robotics · https://arxiv.org/abs/2603.05120',
        '    “We show that a diffusion policy pre-trained on simulated grasps can be adapted to a new real-world task from ten demonstrations. On a five-fingered robot hand, the adapted policy succeeds in 78% of trials across twelve tasks.”',
        '',
      ].join('\n'),
    );
    expect(cap.err()).toBe('');
    // Nothing was ingested by the dry run.
    expect(runtime.app.store.get('2603.04512')).toBeUndefined();
    await runtime.close();
  });

  it('works offline through the corpus fallback and says so on stderr', async () => {
    const refused: typeof fetch = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND huggingface.co' } });
    };
    const runtime = await createTestRuntime({ dataDir: tempDir() }, { fetch: refused });
    const cap = capture();
    expect(await runDigestCommand(runtime, 'digest', args({ 'dry-run': true, date: '2026-03-06', json: true, limit: '3' }), cap.io)).toBe(0);
    expect(cap.err()).toBe(
      'note: Hugging Face daily papers could not be reached (GET https://huggingface.co/api/daily_papers?date=2026-03-06: ENOTFOUND (getaddrinfo ENOTFOUND huggingface.co)), so these are the best corpus papers not posted here yet.\n',
    );
    const json = JSON.parse(cap.out());
    expect(json).toMatchObject({ date: '2026-03-06', origin: 'corpus', fallback: true });
    expect(json.items.map((i: { title: string }) => i.title)).toEqual([
      'Input Convex Gradient Networks',
      'Parallel Deep Neural Networks Have Zero Duality Gap',
      'Image Super-Resolution Using Very Deep Residual Channel Attention Networks',
    ]);
    await runtime.close();
  });

  it('requires --dry-run', async () => {
    const runtime = await createTestRuntime({ dataDir: tempDir() });
    const cap = capture();
    expect(await runDigestCommand(runtime, 'digest', args({}), cap.io)).toBe(2);
    expect(cap.err()).toMatch(/use digest --dry-run/);
    expect(await runDigestCommand(runtime, 'digest', args({ 'dry-run': true, limit: '11' }), cap.io)).toBe(2);
    expect(cap.err()).toMatch(/--limit must be a whole number from 1 to 10 \(got "11"\)/);
    await runtime.close();
  });
});

describe('main with ingest', () => {
  it('stores ingested papers in DATA_DIR, where a later search finds them', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'papers.json');
    writeFileSync(file, JSON.stringify([{ title: 'Counting Sheep with Transformers', abstract: 'We count sheep with attention.', arxivId: '2603.09999' }]));
    const env = { EMBEDDINGS: 'off', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    const ingest = capture();
    expect(await main(['ingest', '--file', file], ingest.io, env)).toBe(0);
    expect(ingest.out()).toContain(`Stored in ${statePathFor(dataDir)}`);
    const search = capture();
    expect(await main(['search', 'counting sheep', '--mode', 'keyword', '--json'], search.io, env)).toBe(0);
    expect(JSON.parse(search.out()).results[0]).toMatchObject({ id: '2603.09999', title: 'Counting Sheep with Transformers' });
  });
});
