import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { loadQuerySet, parseQuerySet, resolveQuerySet } from '../../scripts/eval-queries.js';

const ok = JSON.stringify([{ query: 'lottery ticket', kind: 'keyword', relevant: { 'Paper A': 3, 'Paper B': 1 } }]);

describe('parseQuerySet', () => {
  it('accepts a well-formed set', () => {
    expect(parseQuerySet(ok, 'q.json')).toEqual([{ query: 'lottery ticket', kind: 'keyword', relevant: { 'Paper A': 3, 'Paper B': 1 } }]);
  });

  it('names the file and the field of a bad entry', () => {
    const bad = JSON.stringify([{ query: 'x', kind: 'keyword', relevant: { 'Paper A': 5 } }]);
    expect(() => parseQuerySet(bad, 'q.json')).toThrow(/^q\.json: \[0\.relevant\.Paper A\]/);
    const kind = JSON.stringify([{ query: 'x', kind: 'vibes', relevant: { 'Paper A': 1 } }]);
    expect(() => parseQuerySet(kind, 'q.json')).toThrow(/q\.json: \[0\.kind\]/);
    const empty = JSON.stringify([{ query: 'x', kind: 'typo', relevant: {} }]);
    expect(() => parseQuerySet(empty, 'q.json')).toThrow(/at least one relevant title/);
  });

  it('reports invalid JSON with the file name', () => {
    expect(() => parseQuerySet('[{', 'q.json')).toThrow(/^q\.json: not valid JSON/);
  });
});

describe('resolveQuerySet', () => {
  const titles = new Map([
    ['Paper A', 'paper-a'],
    ['Paper B', 'paper-b'],
  ]);

  it('maps exact titles to ids with their grades', () => {
    const [q] = resolveQuerySet(parseQuerySet(ok, 'q.json'), titles, 'q.json');
    expect(q!.judgments).toEqual(new Map([['paper-a', 3], ['paper-b', 1]]));
  });

  it('fails loudly on a title that is not in the corpus', () => {
    const typo = parseQuerySet(JSON.stringify([{ query: 'x', kind: 'typo', relevant: { 'paper a': 3 } }]), 'q.json');
    expect(() => resolveQuerySet(typo, titles, 'q.json')).toThrow('q.json: query 1 ("x") labels "paper a", which is not the exact title of any corpus paper');
  });
});

describe('the shipped query sets', () => {
  it('parse, resolve against the corpus, and have enough queries of every kind', async () => {
    const { papers } = await loadCorpus('corpus');
    const idByTitle = new Map(papers.map((p) => [p.title, p.id]));
    for (const [set, minimum] of [['dev', 30], ['heldout', 20]] as const) {
      const file = `eval/queries.${set}.json`;
      const queries = resolveQuerySet(await loadQuerySet(file), idByTitle, file);
      expect(queries.length).toBeGreaterThanOrEqual(minimum);
      expect(new Set(queries.map((q) => q.kind))).toEqual(new Set(['keyword', 'typo', 'question', 'paraphrase']));
    }
  });
});
