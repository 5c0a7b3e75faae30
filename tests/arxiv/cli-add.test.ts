import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startFakeArxiv } from './arxiv-server.js';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

const envFor = (apiUrl: string, dataDir = mkdtempSync(path.join(os.tmpdir(), 'paper-scout-add-'))) => ({
  EMBEDDINGS: 'off',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  ARXIV_API_URL: apiUrl,
});

async function cli(argv: string[], env: Record<string, string>) {
  const cap = capture();
  const code = await main(argv, cap.io, env);
  return { code, ...cap.out };
}

describe('cli add', () => {
  it('adds a paper that the next process finds first by its title', async () => {
    const api = await startFakeArxiv();
    const env = envFor(api.url);
    const added = await cli(['add', '1706.03762'], env);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added Attention Is All You Need \(arXiv 1706\.03762\)  https:\/\/arxiv\.org\/abs\/1706\.03762\n/);
    // A fresh app, as a new process would build it.
    const search = await cli(['search', 'Attention Is All You Need', '--json', '--mode', 'keyword'], env);
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout).results[0]).toMatchObject({ id: '1706.03762', title: 'Attention Is All You Need' });
  });

  it('merges a paper the corpus already has and reports it as JSON', async () => {
    const api = await startFakeArxiv();
    const env = envFor(api.url);
    const added = await cli(['add', 'https://arxiv.org/pdf/1903.01611v3', '--json'], env);
    expect(added.code).toBe(0);
    const json = JSON.parse(added.stdout);
    expect(json.status).toBe('merged');
    expect(json.paper).toMatchObject({ title: 'Stabilizing the Lottery Ticket Hypothesis', arxivId: '1903.01611', authors: ['Jonathan Frankle', 'Gintare Karolina Dziugaite', 'Daniel M. Roy', 'Michael Carbin'] });
    const paper = await cli(['paper', '1903.01611', '--json'], env);
    expect(JSON.parse(paper.stdout).paper.title).toBe('Stabilizing the Lottery Ticket Hypothesis');
  });

  it.each([
    [['add', 'attention please'], 2, /^error: "attention please" is not an arXiv id or link; use e\.g\. 1706\.03762/],
    [['add', '2601.99999'], 1, /^error: arXiv has no paper 2601\.99999; nothing was added\n$/],
  ])('%j fails clearly and stores nothing', async (argv, code, message) => {
    const api = await startFakeArxiv();
    const env = envFor(api.url);
    const result = await cli(argv, env);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    const search = await cli(['search', 'Attention Is All You Need', '--json', '--mode', 'keyword'], env);
    expect(JSON.parse(search.stdout).results[0]?.id).not.toBe('1706.03762');
  });

  it('leaves the corpus unchanged when the API is down', async () => {
    const api = await startFakeArxiv();
    const env = envFor(api.url);
    await api.close();
    const result = await cli(['add', '1706.03762'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: the arXiv API is unreachable \(ECONNREFUSED; http:\/\/127\.0\.0\.1:\d+\/api\/query\?id_list=1706\.03762&max_results=1\); nothing was added\n$/);
    const about = await cli(['paper', '1706.03762'], env);
    expect(about.code).toBe(2);
  });

  it('names a stray flag and a missing id', async () => {
    const env = envFor('http://127.0.0.1:9/api/query');
    expect((await cli(['add'], env)).stderr).toMatch(/add needs exactly one arXiv id or URL/);
    expect((await cli(['add', '1706.03762', '--limit', '3'], env)).stderr).toMatch(/--limit is not an option of add/);
  });
});
