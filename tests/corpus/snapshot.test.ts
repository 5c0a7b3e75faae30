import { cp, mkdtemp, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/app/config.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { normalizeTitle } from '../../src/corpus/ids.js';
import { CORPUS_SNAPSHOT_VERSION, decodeCorpusSnapshot, encodeCorpusSnapshot, stampCorpus } from '../../src/corpus/snapshot.js';
import type { Logger } from '../../src/shared/types.js';

const ABSTRACT = 'This abstract is long enough to be read as prose by the page parser.';

function recordingLogger() {
  const lines: string[] = [];
  const log = (level: string) => (msg: string, ctx?: Record<string, unknown>) => lines.push(`${level}: ${msg}${ctx?.reason ? ` (${String(ctx.reason)})` : ''}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { logger, lines };
}

/** A corpus folder with duplicates and a bad record, and a snapshot path in a separate data folder. */
async function setup() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'snap-'));
  const dir = path.join(root, 'corpus');
  await cp('corpus', dir, { recursive: true });
  await writeFile(
    path.join(dir, 'extra.jsonl'),
    [
      JSON.stringify({ title: 'Input Convex Gradient Networks', abstract: ABSTRACT, arxivId: '2111.12187', upvotes: 999 }),
      JSON.stringify({ title: 'Only In JSONL', abstract: ABSTRACT, authors: ['Ada Lovelace'], publishedAt: '2024-01-02' }),
      JSON.stringify({ abstract: 'no title' }),
    ].join('\n') + '\n',
  );
  return { dir, file: path.join(root, 'data', 'corpus-snapshot.bin'), root };
}

async function load(dir: string, file: string) {
  const { logger, lines } = recordingLogger();
  const corpus = await loadCorpus(dir, { snapshotFile: file, logger });
  return { corpus, lines };
}

const plain = (corpus: Awaited<ReturnType<typeof loadCorpus>>) => ({ papers: corpus.papers, problems: corpus.problems, files: corpus.files, merged: corpus.merged });

describe('encodeCorpusSnapshot / decodeCorpusSnapshot', () => {
  const stamp = { folder: 'corpus', files: [{ name: 'a.jsonl', size: 10, mtimeMs: 1.5 }] };
  const body = {
    papers: [{ id: 'x', title: 'X', abstract: 'A', authors: ['B'], url: 'https://arxiv.org/abs/1', source: 'corpus/a.jsonl:1', upvotes: 3 }],
    problems: [{ file: 'corpus/a.jsonl', line: 2, message: 'title: required; record skipped' }],
    files: ['a.jsonl'],
    merged: 1,
    titleKeys: ['x'],
  };

  it('round-trips the loaded corpus for the same stamp', () => {
    expect(decodeCorpusSnapshot(encodeCorpusSnapshot(stamp, body), stamp)).toEqual({ body });
  });

  it('refuses another stamp, another version and damaged text, saying why', () => {
    const text = encodeCorpusSnapshot(stamp, body);
    const touched = { ...stamp, files: [{ ...stamp.files[0]!, mtimeMs: 2 }] };
    expect(decodeCorpusSnapshot(text, touched)).toEqual({ miss: { kind: 'stale', reason: 'a.jsonl changed' } });
    expect(decodeCorpusSnapshot(text, { ...stamp, files: [...stamp.files, { name: 'b.json', size: 1, mtimeMs: 1 }] })).toEqual({ miss: { kind: 'stale', reason: 'b.json was added' } });
    expect(decodeCorpusSnapshot(text, { ...stamp, files: [] })).toEqual({ miss: { kind: 'stale', reason: 'a.jsonl was removed' } });
    const withHeader = (change: (header: string) => string) => {
      const newline = text.indexOf(10);
      return Buffer.concat([Buffer.from(change(text.toString('utf8', 0, newline))), text.subarray(newline)]);
    };
    const older = withHeader((h) => h.replace(`"version":${CORPUS_SNAPSHOT_VERSION}`, '"version":0'));
    expect(decodeCorpusSnapshot(older, stamp)).toEqual({ miss: { kind: 'stale', reason: `format version 0, this build reads ${CORPUS_SNAPSHOT_VERSION}` } });
    const otherV8 = withHeader((h) => h.replace(`"v8":"${process.versions.v8}"`, '"v8":"1.0"'));
    expect(decodeCorpusSnapshot(otherV8, stamp)).toEqual({ miss: { kind: 'stale', reason: `written by V8 1.0, this is ${process.versions.v8}` } });
    expect(decodeCorpusSnapshot(text.subarray(0, text.length - 20), stamp)).toMatchObject({ miss: { kind: 'corrupt', reason: expect.stringMatching(/^body: /) } });
    expect(decodeCorpusSnapshot(withHeader((h) => h.slice(0, -3)), stamp)).toMatchObject({ miss: { kind: 'corrupt', reason: expect.stringMatching(/^header: /) } });
    const malformed = encodeCorpusSnapshot(stamp, { ...body, papers: [{ ...body.papers[0]!, abstract: 7 as unknown as string }] });
    expect(decodeCorpusSnapshot(malformed, stamp)).toEqual({ miss: { kind: 'corrupt', reason: 'paper 1 is malformed' } });
    expect(decodeCorpusSnapshot(encodeCorpusSnapshot(stamp, { ...body, titleKeys: [] }), stamp)).toEqual({ miss: { kind: 'corrupt', reason: 'body is not a saved corpus' } });
    expect(decodeCorpusSnapshot(Buffer.from('garbage'), stamp)).toEqual({ miss: { kind: 'corrupt', reason: 'no header line' } });
  });
});

describe('loadCorpus with a snapshot file', () => {
  it('writes the parsed corpus, then loads the same corpus from it without parsing', async () => {
    const { dir, file } = await setup();
    const parsed = await load(dir, file);
    expect(parsed.lines).toEqual([]);
    expect(parsed.corpus.merged).toBe(1);
    expect(parsed.corpus.problems).toHaveLength(1);
    const written = await stat(file);

    const restored = await load(dir, file);
    expect(restored.lines).toEqual([]);
    expect(plain(restored.corpus)).toEqual(plain(parsed.corpus));
    expect((await stat(file)).mtimeMs).toBe(written.mtimeMs);
    // The store merges later additions as the parsed one does.
    expect(restored.corpus.store.add({ ...restored.corpus.papers[1]!, id: 'other' })).toMatchObject({ kind: 'merged', into: restored.corpus.papers[1]!.id });
    const jsonl = restored.corpus.papers.find((p) => p.title === 'Only In JSONL')!;
    expect(restored.corpus.store.findDuplicate({ title: ' only in jsonl ' })).toBe(jsonl);
    expect(restored.corpus.store.get(jsonl.id)).toBe(jsonl);
    expect(restored.corpus.store.add({ ...jsonl, id: 'new', title: 'A New Paper' })).toMatchObject({ kind: 'added' });
    expect(restored.corpus.store.size).toBe(parsed.corpus.store.size + 1);
    // Served from the file: an edit of the saved papers shows (the stamp still matches).
    const stamp = await stampCorpus(dir, restored.corpus.files);
    const edited = restored.corpus.papers.map((p) => (p.title === 'Only In JSONL' ? { ...p, title: 'Only In Snapshot' } : p));
    await writeFile(file, encodeCorpusSnapshot(stamp, { ...plain(restored.corpus), papers: edited, titleKeys: edited.map((p) => normalizeTitle(p.title)) }));
    expect((await load(dir, file)).corpus.papers.some((p) => p.title === 'Only In Snapshot')).toBe(true);
  });

  it('parses again and rewrites the file when a corpus file changed, even at the same size', async () => {
    const { dir, file } = await setup();
    await load(dir, file);
    const extra = path.join(dir, 'extra.jsonl');
    await writeFile(extra, (await readFile(extra, 'utf8')).replace('Only In JSONL', 'Only In JSONX'));
    const changed = await load(dir, file);
    expect(changed.lines).toEqual([`info: corpus snapshot out of date; parsing the corpus (extra.jsonl changed)`]);
    expect(changed.corpus.papers.some((p) => p.title === 'Only In JSONX')).toBe(true);
    expect((await load(dir, file)).lines).toEqual([]);

    const later = new Date(Date.now() + 5000);
    await utimes(extra, later, later);
    expect((await load(dir, file)).lines).toEqual([`info: corpus snapshot out of date; parsing the corpus (extra.jsonl changed)`]);
    await writeFile(path.join(dir, 'more.json'), JSON.stringify([{ title: 'Another One', abstract: ABSTRACT }]));
    const added = await load(dir, file);
    expect(added.lines).toEqual([`info: corpus snapshot out of date; parsing the corpus (more.json was added)`]);
    expect(added.corpus.papers.some((p) => p.title === 'Another One')).toBe(true);
  });

  it('logs a damaged file, parses the corpus and rewrites the file', async () => {
    const { dir, file } = await setup();
    const parsed = await load(dir, file);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length / 2));
    const damaged = await load(dir, file);
    expect(damaged.lines).toHaveLength(1);
    expect(damaged.lines[0]).toMatch(/^warn: corpus snapshot damaged; parsing the corpus \(body: /);
    expect(plain(damaged.corpus)).toEqual(plain(parsed.corpus));
    expect(decodeCorpusSnapshot(await readFile(file), await stampCorpus(dir, damaged.corpus.files))).toHaveProperty('body');
  });
});

describe('createApp with a corpus snapshot', () => {
  it('answers the same searches from the snapshot as from parsing the corpus', async () => {
    const { dir, root } = await setup();
    const config = loadConfig({ CORPUS_DIR: dir, DATA_DIR: path.join(root, 'data'), EMBEDDINGS: 'off' });
    const queries = ['convex gradient networks', 'graph neural networks for molecules', 'lovelace', 'diffusion image generation'];
    const answers = async () => {
      const { logger, lines } = recordingLogger();
      const app = await createApp(config, { embedder: null, logger });
      const results = [];
      for (const q of queries) results.push((await app.search(q, { mode: 'keyword' })).results.map((r) => [r.id, r.score]));
      const status = app.status();
      await app.close();
      return { results, papers: status.papers, problems: status.corpusProblems, lines };
    };
    const parsed = await answers();
    expect(parsed.results.flat().length).toBeGreaterThan(0);
    const snapshot = path.join(root, 'data', 'corpus-snapshot.bin');
    const written = await stat(snapshot);
    const restored = await answers();
    expect((await stat(snapshot)).mtimeMs).toBe(written.mtimeMs);
    expect(restored).toEqual(parsed);
  });
});
