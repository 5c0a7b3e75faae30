import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPaperStore } from '../../src/corpus/store.js';
import { decodeKeywordSnapshot, encodeKeywordSnapshot } from '../../src/search/keyword-index.js';
import { createSearchEngine, fingerprintPapers } from '../../src/search/engine.js';
import type { Logger } from '../../src/shared/types.js';
import type { Paper } from '../../src/corpus/types.js';
import { makePaper } from '../helpers/papers.js';

const paper = makePaper;
const PAPERS: Paper[] = [
  paper('pruning', 'Pruning Neural Networks at Initialization', 'Networks are large. We remove weights before training.'),
  paper('lottery', 'The Lottery Ticket Hypothesis', 'Dense networks contain sparse subnetworks that train in isolation.'),
  paper('graphs', 'Graph Attention Networks', 'We present attention layers on graph structured data.'),
];

function recordingLogger() {
  const lines: string[] = [];
  const log = (level: string) => (msg: string) => lines.push(`${level}: ${msg}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { logger, lines };
}

async function start(papers: Paper[], file: string, stamp?: string) {
  const { logger, lines } = recordingLogger();
  const engine = createSearchEngine(createPaperStore(papers), {
    weights: { keyword: 0.5, semantic: 0.5 }, minRelevance: 0.3, defaultLimit: 5, defaultMode: 'keyword', logger, keywordIndexFile: file,
    ...(stamp !== undefined ? { corpus: { stamp, papers: papers.length } } : {}),
  });
  await engine.persisted;
  return { engine, lines };
}

const top = async (engine: Awaited<ReturnType<typeof start>>['engine'], q: string) => (await engine.search(q, { mode: 'keyword' })).results.map((r) => r.id);

describe('createSearchEngine with a keyword index file', () => {
  it('writes the index once and loads it on the next start', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'kw-')), 'sub', 'keyword-index.bin');
    const first = await start(PAPERS, file);
    const written = await stat(file);
    expect(decodeKeywordSnapshot(await readFile(file)).meta.fingerprint).toBe(fingerprintPapers(PAPERS));
    const second = await start(PAPERS, file);
    expect((await stat(file)).mtimeMs).toBe(written.mtimeMs);
    expect(second.lines).toEqual([]);
    expect(await top(second.engine, 'sparse networks')).toEqual(await top(first.engine, 'sparse networks'));
  });

  it('reuses the index of the first papers when papers were appended, and saves the longer one', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'kw-')), 'keyword-index.bin');
    await start(PAPERS.slice(0, 2), file);
    const grown = await start(PAPERS, file);
    expect(grown.lines).toEqual([]);
    expect(await top(grown.engine, 'attention')).toEqual(['graphs']);
    expect(decodeKeywordSnapshot(await readFile(file)).snapshot.ids).toEqual(['pruning', 'lottery', 'graphs']);
  });

  it('rebuilds when a paper changed, and when the file is damaged', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'kw-')), 'keyword-index.bin');
    await start(PAPERS, file);
    const edited = PAPERS.map((p) => (p.id === 'graphs' ? { ...p, abstract: 'Message passing over molecules.' } : p));
    const changed = await start(edited, file);
    expect(changed.lines.some((l) => l.includes('other papers'))).toBe(true);
    expect(await top(changed.engine, 'molecules')).toEqual(['graphs']);

    await writeFile(file, 'garbage');
    const damaged = await start(PAPERS, file);
    expect(damaged.lines.some((l) => l.startsWith('warn: keyword index file unusable'))).toBe(true);
    expect(await top(damaged.engine, 'attention')).toEqual(['graphs']);
    expect(decodeKeywordSnapshot(await readFile(file)).snapshot.ids).toHaveLength(3);
  });
});

describe('createSearchEngine with a keyword index file and a corpus stamp', () => {
  /** Rewrites the file's meta (the index itself unchanged). */
  const rewriteMeta = async (file: string, meta: Record<string, string | number>) => {
    const { snapshot } = decodeKeywordSnapshot(await readFile(file));
    await writeFile(file, encodeKeywordSnapshot(snapshot, meta));
  };

  it('records the stamp and then trusts a file of the same stamp and ids without fingerprinting the papers', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'kw-')), 'keyword-index.bin');
    await start(PAPERS, file, 'stamp-1');
    expect(decodeKeywordSnapshot(await readFile(file)).meta).toMatchObject({ corpus: 'stamp-1', fingerprint: fingerprintPapers(PAPERS) });
    // A wrong fingerprint shows which check decided: the stamp.
    await rewriteMeta(file, { corpus: 'stamp-1', fingerprint: 'not the papers', papers: 3 });
    const written = (await stat(file)).mtimeMs;
    const warm = await start(PAPERS, file, 'stamp-1');
    expect(warm.lines).toEqual([]);
    expect((await stat(file)).mtimeMs).toBe(written);
    expect(await top(warm.engine, 'attention')).toEqual(['graphs']);
  });

  it('falls back to the fingerprint under another stamp, and saves the index again under the new stamp', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'kw-')), 'keyword-index.bin');
    await start(PAPERS, file, 'stamp-1');
    const touched = await start(PAPERS, file, 'stamp-2');
    expect(touched.lines).toEqual([]);
    expect(decodeKeywordSnapshot(await readFile(file)).meta.corpus).toBe('stamp-2');

    // Same stamp, but the papers differ (ids or text): the stamp is not trusted, the fingerprint decides.
    await rewriteMeta(file, { corpus: 'stamp-3', fingerprint: 'not the papers', papers: 3 });
    const edited = PAPERS.map((p) => (p.id === 'graphs' ? { ...p, abstract: 'Message passing over molecules.' } : p));
    const reordered = await start([edited[2]!, edited[0]!, edited[1]!], file, 'stamp-3');
    expect(reordered.lines.some((l) => l.includes('other papers'))).toBe(true);
    expect(await top(reordered.engine, 'molecules')).toEqual(['graphs']);
    expect(await top(reordered.engine, 'structured data')).toEqual([]);
  });

  it('gives the same results from a stamped file as from a cold build', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'kw-')), 'keyword-index.bin');
    const cold = await start(PAPERS, file, 'stamp-1');
    const warm = await start(PAPERS, file, 'stamp-1');
    for (const q of ['sparse networks', 'attention graph', 'weights training', 'lotery']) {
      expect(await warm.engine.search(q, { mode: 'keyword' })).toEqual(await cold.engine.search(q, { mode: 'keyword' }));
    }
  });
});

describe('fingerprintPapers', () => {
  it('changes with any edit or reordering', () => {
    const base = fingerprintPapers(PAPERS);
    expect(fingerprintPapers([...PAPERS])).toBe(base);
    expect(fingerprintPapers([PAPERS[1]!, PAPERS[0]!, PAPERS[2]!])).not.toBe(base);
    expect(fingerprintPapers(PAPERS.map((p, i) => (i === 2 ? { ...p, title: `${p.title}.` } : p)))).not.toBe(base);
  });
});
