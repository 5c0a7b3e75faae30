import { describe, expect, it } from 'vitest';
import { bestSemantic, chooseThreshold, cueRuleSummary, measureCoverage, measureSummaries } from '../../scripts/eval-answers.js';
import { parseOffTopic, parseRoles, type LabelledPaper } from '../../scripts/eval-labels.js';
import type { Paper } from '../../src/corpus/types.js';
import type { SearchResponse } from '../../src/search/types.js';

const paper: Paper = { id: 'p', title: 'Skip Gates', abstract: 'Deep nets are hard to train. We propose skip gates. Gates cut error by 5%.', authors: [], url: 'u', source: 's' };

describe('parseOffTopic', () => {
  it('accepts queries with a kind and names the file and entry of a bad one', () => {
    expect(parseOffTopic('[{"query":"pizza","kind":"keyword"}]', 'o.json')).toEqual([{ query: 'pizza', kind: 'keyword' }]);
    expect(() => parseOffTopic('[{"query":"pizza","kind":"food"}]', 'o.json')).toThrow(/^o\.json: \[0\.kind\]/);
    expect(() => parseOffTopic('nope', 'o.json')).toThrow(/o\.json: not valid JSON/);
  });
});

describe('parseRoles', () => {
  it('resolves titles and checks one role per sentence and the key index', () => {
    const [l] = parseRoles('[{"title":"Skip Gates","key":1,"roles":["problem","contribution","result"]}]', 'r.json', [paper]);
    expect(l!.sentences).toHaveLength(3);
    expect(() => parseRoles('[{"title":"Skip Gates","key":1,"roles":["problem"]}]', 'r.json', [paper])).toThrow(/r\.json: entry 1 \("Skip Gates"\) has 1 roles for 3 sentences/);
    expect(() => parseRoles('[{"title":"Nope","key":0,"roles":["problem"]}]', 'r.json', [paper])).toThrow(/not the exact title/);
    expect(() => parseRoles('[{"title":"Skip Gates","key":5,"roles":["problem","contribution","result"]}]', 'r.json', [paper])).toThrow(/past the last sentence/);
  });
});

describe('measureCoverage', () => {
  it('counts on-topic queries covered, off-topic ones flagged, and the precision of the flag', async () => {
    const search = async (q: string) => ({ weak: q.startsWith('off'), results: [{}] }) as unknown as SearchResponse;
    const f = await measureCoverage(search, ['on a', 'on b', 'off c'], ['off d', 'on e']);
    expect(f.onTopicKept).toBeCloseTo(2 / 3);
    expect(f.offTopicFlagged).toBe(0.5);
    expect(f.precision).toBeCloseTo(2 / 3);
    expect(f.errors).toEqual([{ query: 'off c', expected: 'covered' }, { query: 'on e', expected: 'not covered' }]);
  });
});

describe('measureSummaries', () => {
  const labelled: LabelledPaper = { paper, sentences: ['Deep nets are hard to train.', 'We propose skip gates.', 'Gates cut error by 5%.'], roles: ['problem', 'contribution', 'result'], key: 2 };

  it('scores the first sentence (key or contribution) and whether the key is kept', async () => {
    expect(await measureSummaries([labelled], async () => ['We propose skip gates.', 'Gates cut error by 5%.'])).toMatchObject({ firstIsKeyOrContribution: 1, keyInSummary: 1 });
    const missed = await measureSummaries([labelled], async () => ['Deep nets are hard to train.']);
    expect(missed).toMatchObject({ firstIsKeyOrContribution: 0, keyInSummary: 0 });
    expect(missed.misses).toEqual([{ title: paper.title, first: 0, key: 2, chosen: [0], firstText: 'Deep nets are hard to train.', keyText: 'Gates cut error by 5%.' }]);
  });

  it('has the one-line cue rule as baseline: from the first "we propose" sentence on', async () => {
    expect(await cueRuleSummary(labelled)).toEqual(['We propose skip gates.', 'Gates cut error by 5%.']);
  });
});

describe('chooseThreshold', () => {
  it('picks the midpoint that best separates on-topic from off-topic scores', () => {
    expect(chooseThreshold([0.6, 0.7, 0.8], [0.2, 0.3, 0.4])).toEqual({ threshold: 0.5, accuracy: 1 });
    const overlap = chooseThreshold([0.35, 0.7, 0.8], [0.2, 0.4]);
    expect(overlap.accuracy).toBeCloseTo(0.8);
    expect(overlap.threshold).toBeCloseTo(0.55);
  });
});

describe('bestSemantic', () => {
  it('is the highest semantic signal of the results, 0 without one', () => {
    const r = (semantic: number | null) => ({ signals: { keyword: null, semantic, keywordRank: null, semanticRank: null } });
    expect(bestSemantic({ results: [r(0.2), r(0.6), r(null)] } as unknown as SearchResponse)).toBe(0.6);
    expect(bestSemantic({ results: [r(null)] } as unknown as SearchResponse)).toBe(0);
  });
});
