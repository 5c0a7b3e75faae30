import { cp, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.js';
import { loadConfig } from '../../src/app/config.js';
import { createTitleIndex, type TitleIndex, type TitleIndexSnapshot } from '../../src/answers/title-index.js';
import { checkTitleIndex, readTitleIndexFile, writeTitleIndexFile } from '../../src/answers/title-index-file.js';
import { createPaperStore } from '../../src/corpus/store.js';
import type { Logger } from '../../src/shared/types.js';
import type { Paper } from '../../src/corpus/types.js';
import { fixturePapers } from './helpers.js';

function recordingLogger() {
  const lines: string[] = [];
  const log = (level: string) => (msg: string, ctx?: Record<string, unknown>) => lines.push(`${level}: ${msg}${ctx?.reason ? ` (${String(ctx.reason)})` : ''}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { logger, lines };
}

// Exact, typo, sound-alike, prefix and short-prefix references, and whole-title prefixes.
const QUERIES = ['lottery ticket', 'lotery tiket', 'resid learn', 'deep resid', 'wide', 'stabilizing', 'transformers', 'g', 'atention'];
const PREFIXES = ['deep', 'the', 'wide res', 'x'];

/** Every answer of the index, as ids and scores, for comparing two indexes. */
function answersOf(index: TitleIndex) {
  return {
    match: QUERIES.map((q) => index.match(q, { prefixLast: true, limit: 20 }).map((m) => [m.paper.id, m.score, m.coverage, m.precision])),
    prefix: PREFIXES.map((p) => index.withTitlePrefix(p, 10).map((paper) => paper.id)),
    popular: index.popular(5).map((paper) => paper.id),
  };
}

/** The snapshot a title index of the first `papers` papers hands to `save`. */
function snapshotOf(papers: Paper[], count = papers.length): TitleIndexSnapshot {
  let saved: TitleIndexSnapshot | undefined;
  createTitleIndex(createPaperStore(papers), { save: { papers: count, save: (s) => (saved = s) } }).popular(1);
  return saved!;
}

describe('createTitleIndex with a saved snapshot', () => {
  it('answers every lookup exactly as a freshly built index', () => {
    const papers = fixturePapers();
    const built = createTitleIndex(createPaperStore(papers));
    const restored = createTitleIndex(createPaperStore(papers), { saved: snapshotOf(papers) });
    expect(answersOf(restored)).toEqual(answersOf(built));
  });

  it('saves the first papers only, and indexes papers added after them as a fresh index does', () => {
    const papers = fixturePapers();
    const first = papers.length - 3;
    const snapshot = snapshotOf(papers, first);
    expect(snapshot.papers).toBe(first);
    expect(snapshot.norms).toHaveLength(first);
    const built = createTitleIndex(createPaperStore(papers));
    const grown = createTitleIndex(createPaperStore(papers), { saved: snapshot });
    expect(answersOf(grown)).toEqual(answersOf(built));
    // A paper added after start is found by a prefix of its title and by its words.
    const store = createPaperStore(papers);
    const live = createTitleIndex(store, { saved: snapshotOf(papers) });
    live.popular(1);
    store.add({ id: 'zebra', title: 'Zebra Stripes for Robust Vision', abstract: 'A.', authors: [], url: 'https://example.org/zebra', source: 'test' });
    expect(live.withTitlePrefix('zebra str', 5).map((p) => p.id)).toEqual(['zebra']);
    expect(live.match('robust zebra')[0]?.paper.id).toBe('zebra');
  });
});

describe('readTitleIndexFile / writeTitleIndexFile', () => {
  const setup = async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'titles-')), 'data', 'title-index.bin');
    const papers = fixturePapers();
    const snapshot = snapshotOf(papers);
    await writeTitleIndexFile(file, 'stamp-1', snapshot);
    return { file, papers, snapshot };
  };

  it('reads back the index saved for the same stamp, typed arrays included', async () => {
    const { file, papers, snapshot } = await setup();
    const { logger, lines } = recordingLogger();
    const read = await readTitleIndexFile(file, 'stamp-1', papers.length, logger);
    expect(read).toEqual(snapshot);
    expect(read!.postPapers).toBeInstanceOf(Uint32Array);
    expect(lines).toEqual([]);
  });

  it('ignores a file of another stamp or size and a damaged one, with one log line each', async () => {
    const { file, papers } = await setup();
    const { logger, lines } = recordingLogger();
    expect(await readTitleIndexFile(file, 'stamp-2', papers.length, logger)).toBeUndefined();
    expect(await readTitleIndexFile(file, 'stamp-1', papers.length + 1, logger)).toBeUndefined();
    expect(lines).toEqual([
      'info: title index file out of date; rebuilding it (made for other corpus files)',
      `warn: title index file damaged; rebuilding it (indexes ${papers.length} papers, the corpus has ${papers.length + 1})`,
    ]);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 100));
    lines.length = 0;
    expect(await readTitleIndexFile(file, 'stamp-1', papers.length, logger)).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warn: title index file damaged; rebuilding it \(body: /);
  });
});

describe('checkTitleIndex', () => {
  it('names what does not fit together', () => {
    const papers = fixturePapers();
    const good = snapshotOf(papers);
    const n = papers.length;
    expect(checkTitleIndex(good, n)).toBeUndefined();
    expect(checkTitleIndex({ ...good, norms: 'x' }, n)).toBe('body is not a title index');
    expect(checkTitleIndex({ ...good, sortedTitles: good.sortedTitles.subarray(1) }, n)).toBe('norms or title order do not match the papers');
    expect(checkTitleIndex({ ...good, sounds: good.sounds.slice(1) }, n)).toBe('postings do not match the vocabulary');
    const postPapers = good.postPapers.slice();
    postPapers[0] = n;
    expect(checkTitleIndex({ ...good, postPapers }, n)).toBe(`a posting refers to paper ${n} of ${n}`);
    expect(checkTitleIndex({ ...good, typos: { ...good.typos, keys: [] as unknown as Uint32Array } }, n)).toBe('typo index is malformed');
  });
});

describe('createApp with a saved title index', () => {
  it('saves the title index on the first start, restores it on the next (same autocomplete), and rebuilds it when the corpus changed', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'titles-app-'));
    const corpusDir = path.join(root, 'corpus');
    await cp('corpus', corpusDir, { recursive: true });
    const config = loadConfig({ CORPUS_DIR: corpusDir, DATA_DIR: path.join(root, 'data'), EMBEDDINGS: 'off', LOG_LEVEL: 'warn' });
    const file = path.join(root, 'data', 'title-index.bin');
    const start = async () => {
      const { logger, lines } = recordingLogger();
      const app = await createApp(config, { logger });
      const suggestions = ['', 'lottery', 'atention is al', 'resid'].map((q) => app.answers.autocomplete(q, 10).map((s) => s.value));
      await app.close();
      return { lines, suggestions };
    };
    const cold = await start();
    const written = (await stat(file)).mtimeMs;
    const warm = await start();
    expect(warm.lines).toEqual([]);
    expect((await stat(file)).mtimeMs).toBe(written);
    expect(warm.suggestions).toEqual(cold.suggestions);

    await writeFile(path.join(corpusDir, 'more.json'), JSON.stringify([{ title: 'Lottery Tickets in Zebra Nets', abstract: 'This abstract is long enough to be read as prose by the page parser.' }]));
    const changed = await start();
    expect(changed.lines).toContain('info: title index file out of date; rebuilding it (made for other corpus files)');
    expect(changed.suggestions[1]).toContain('lottery-tickets-in-zebra-nets');
    expect((await start()).lines).toEqual([]);
  });
});
