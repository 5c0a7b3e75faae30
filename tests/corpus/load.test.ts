import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusError, formatProblem, loadCorpus } from '../../src/corpus/load.js';

const ABSTRACT = 'This abstract is long enough to be read as prose by the page parser.';

async function corpusDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe('loadCorpus', () => {
  it('loads the shipped trending page: 119 papers with stable ids and links', async () => {
    const corpus = await loadCorpus('corpus');
    expect(corpus.papers).toHaveLength(119);
    expect(corpus.problems).toEqual([]);
    const first = corpus.papers[0]!;
    expect(first.title).toBe('Input Convex Gradient Networks');
    expect(first.id).toBe('input-convex-gradient-networks');
    expect(new URL(first.url).hostname).toBe('arxiv.org');
    expect(new Set(corpus.papers.map((p) => p.id)).size).toBe(119);
    expect(corpus.papers.some((p) => p.title === 'Densely Connected Convolutional Networks')).toBe(true);
  });

  it('returns a store of the same papers that merges later additions', async () => {
    const corpus = await loadCorpus('corpus');
    expect(corpus.store.all().map((p) => p.id)).toEqual(corpus.papers.map((p) => p.id));
    const outcome = corpus.store.add({ ...corpus.papers[0]!, id: 'other-id', title: corpus.papers[0]!.title.toUpperCase() });
    expect(outcome).toMatchObject({ kind: 'merged', into: corpus.papers[0]!.id });
  });

  it('reads json and jsonl records, merges duplicates across files, uses arXiv ids', async () => {
    const dir = await corpusDir({
      'a.txt': `Shared Paper\n${ABSTRACT}\n`,
      'b.json': JSON.stringify([{ title: 'shared paper', abstract: ABSTRACT, arxivId: 'arXiv:2401.00001v3', upvotes: 4 }]),
      'c.jsonl': `${JSON.stringify({ title: 'Only In JSONL', abstract: ABSTRACT, authors: ['Ada Lovelace'], publishedAt: '2024-01-02' })}\n`,
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((p) => p.title)).toEqual(['Shared Paper', 'Only In JSONL']);
    expect(corpus.merged).toBe(1);
    expect(corpus.papers[0]).toMatchObject({ id: 'shared-paper', arxivId: '2401.00001', upvotes: 4, url: 'https://arxiv.org/abs/2401.00001' });
    expect(corpus.papers[1]).toMatchObject({ authors: ['Ada Lovelace'], publishedAt: '2024-01-02', source: `${path.basename(dir)}/c.jsonl:1` });
  });

  it('reports malformed records with file, line or record and field, and keeps the rest', async () => {
    const dir = await corpusDir({
      'good.json': JSON.stringify({ papers: [{ title: 'Good', abstract: ABSTRACT }, { title: 'No Abstract' }, { title: 'Bad Id', abstract: ABSTRACT, arxivId: 'nope' }] }),
      'lines.jsonl': `${JSON.stringify({ title: 'Fine', abstract: ABSTRACT })}\n{not json\n${JSON.stringify({ title: '', abstract: ABSTRACT })}\n`,
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.papers.map((p) => p.title)).toEqual(['Good', 'Fine']);
    const messages = corpus.problems.map(formatProblem);
    const base = path.basename(dir);
    expect(messages).toEqual([
      expect.stringMatching(new RegExp(`^${base}/good\\.json record 2: abstract: .*record skipped$`)),
      expect.stringMatching(new RegExp(`^${base}/good\\.json record 3: arxivId: "nope" is not an arXiv identifier`)),
      expect.stringMatching(new RegExp(`^${base}/lines\\.jsonl:2: invalid JSON`)),
      expect.stringMatching(new RegExp(`^${base}/lines\\.jsonl:3: title: title must not be empty`)),
    ]);
  });

  it('fails clearly on a missing folder, an empty folder, and a folder without usable papers', async () => {
    await expect(loadCorpus('/nonexistent/corpus')).rejects.toThrow(new CorpusError('cannot read corpus folder /nonexistent/corpus: ENOENT'));
    const empty = await mkdtemp(path.join(os.tmpdir(), 'corpus-'));
    await expect(loadCorpus(empty)).rejects.toThrow(/has no \.txt, \.json or \.jsonl files/);
    const bad = await corpusDir({ 'x.json': '[{"title": 1}]' });
    await expect(loadCorpus(bad)).rejects.toThrow(/contains no usable paper \(1 problem\(s\), first: .*x\.json record 1: title/);
  });

  it('skips an unreadable file and loads the others', async () => {
    const dir = await corpusDir({ 'ok.json': JSON.stringify([{ title: 'Ok', abstract: ABSTRACT }]) });
    await mkdir(path.join(dir, 'folder.json'));
    const corpus = await loadCorpus(dir);
    expect(corpus.papers).toHaveLength(1);
    expect(corpus.problems[0]?.message).toMatch(/unreadable \(EISDIR\)/);
  });
});
