import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPaperStore } from '../../src/corpus/store.js';
import { silentLogger } from '../../src/shared/log.js';
import { openEmbeddingCache } from '../../src/search/embedding-cache.js';
import { coverage, createSearchEngine } from '../../src/search/engine.js';
import type { Paper } from '../../src/corpus/types.js';
import { createFakeEmbedder } from '../helpers/fake-embedder.js';
import { makePaper } from '../helpers/papers.js';

const paper = makePaper;

const PAPERS: Paper[] = [
  paper('pruning', 'Pruning Neural Networks at Initialization', 'Networks are large. We remove weights before training. Sparse networks train as well as dense ones.'),
  paper('lottery', 'The Lottery Ticket Hypothesis', 'Dense networks contain sparse subnetworks. Such winning tickets train in isolation to full accuracy.'),
  paper('graphs', 'Graph Attention Networks', 'We present attention layers on graph structured data. Nodes attend over their neighbourhoods.'),
  paper('speech', 'Speech Recognition with Transformers', 'Audio sequences are modelled with self attention. Word error rates drop on two benchmarks.'),
];

// Two words the fake model treats as synonyms, so a query can match by meaning alone.
// Their vector is long next to the hashed vectors of other words, so it dominates any text that contains it.
const DIMENSION = 64;
const SOUND = Array.from({ length: DIMENSION }, (_, i) => (i === 0 ? 30 : 0));
const SYNONYMS: Record<string, number[]> = { audio: SOUND, sound: SOUND };

const options = { weights: { keyword: 0.5, semantic: 0.5 }, minRelevance: 0.3, defaultLimit: 5, defaultMode: 'hybrid' as const, logger: silentLogger };

async function withSemantic(papers = PAPERS) {
  const store = createPaperStore(papers);
  const engine = createSearchEngine(store, options);
  const embedder = createFakeEmbedder(SYNONYMS, { dimension: DIMENSION });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'engine-'));
  const cache = await openEmbeddingCache({ dir, modelId: embedder.modelId, dimension: embedder.dimension });
  await engine.attachSemantic({ embedder, cache });
  return { store, engine, embedder };
}

describe('createSearchEngine', () => {
  it('ranks the title match first in keyword mode and quotes the matching sentence', async () => {
    const engine = createSearchEngine(createPaperStore(PAPERS), options);
    const response = await engine.search('lottery ticket', { mode: 'keyword' });
    expect(response.mode).toBe('keyword');
    expect(response.weak).toBe(false);
    expect(response.results[0]).toMatchObject({ id: 'lottery', title: 'The Lottery Ticket Hypothesis', url: 'https://example.org/lottery', score: 1 });
    expect(response.results[0]!.signals).toMatchObject({ keyword: 1, semantic: null, keywordRank: 1, semanticRank: null });
  });

  it('picks as evidence the abstract sentence sharing the most query words', async () => {
    const engine = createSearchEngine(createPaperStore(PAPERS), options);
    const response = await engine.search('winning tickets in isolation', { mode: 'keyword' });
    expect(response.results[0]?.evidence).toBe('Such winning tickets train in isolation to full accuracy.');
  });

  it('quotes the contribution sentence, not a generic opener, when no sentence holds a query word', async () => {
    const papers = [...PAPERS, paper('quokka', 'Quokka Nets', 'Neural networks have achieved tremendous success. We propose a layer that mixes channels cheaply. It is fast.')];
    const engine = createSearchEngine(createPaperStore(papers), options);
    const response = await engine.search('quokka', { mode: 'keyword' });
    expect(response.results[0]).toMatchObject({ id: 'quokka', evidence: 'We propose a layer that mixes channels cheaply.' });
  });

  it('quotes the finding that states what the authors did when no sentence is classified as a contribution', async () => {
    const papers = [...PAPERS, paper('parallel', 'Parallel Architectures Close the Duality Gap', [
      'Training deep networks is a hard non-convex problem.',
      'In this paper, we prove that the gap is non-zero for linear networks.',
      'In contrast, we show that the gap closes when networks are stacked in parallel, which we call a parallel architecture.',
    ].join(' '))];
    const engine = createSearchEngine(createPaperStore(papers), options);
    // "Duality" is in the title only, so no abstract sentence holds a query word.
    const response = await engine.search('duality', { mode: 'keyword' });
    expect(response.results[0]).toMatchObject({ id: 'parallel', evidence: expect.stringMatching(/^In contrast, we show that the gap closes/) });
  });

  it('ranks a paper with the query words as a phrase above one with them apart (proximity), and not with it off', async () => {
    const papers = [
      paper('apart', 'Teachers', 'Distillation is old. Students learn knowledge from teachers.'),
      paper('phrase', 'Students', 'Teachers use knowledge distillation. Students learn from teachers.'),
    ];
    const on = createSearchEngine(createPaperStore(papers), options);
    expect((await on.search('knowledge distillation', { mode: 'keyword' })).results[0]?.id).toBe('phrase');
    const off = createSearchEngine(createPaperStore(papers), { ...options, proximityWeight: 0 });
    const plain = await off.search('knowledge distillation', { mode: 'keyword' });
    expect(plain.results[0]!.score).toBe(plain.results[1]!.score);
  });

  it('ignores question words: a question finds what its topic words find', async () => {
    const engine = createSearchEngine(createPaperStore(PAPERS), options);
    const question = await engine.search('Which papers study graph attention?', { mode: 'keyword' });
    const keywords = await engine.search('graph attention', { mode: 'keyword' });
    expect(question.results.map((r) => r.id)).toEqual(keywords.results.map((r) => r.id));
    expect(question.results[0]?.id).toBe('graphs');
  });

  it('says when nothing covers the query', async () => {
    const engine = createSearchEngine(createPaperStore(PAPERS), options);
    const response = await engine.search('protein folding chemistry', { mode: 'keyword' });
    expect(response.weak).toBe(true);
    expect(response.note).toMatch(/nothing in the corpus covers this well/);
  });

  it('judges coverage by informative words: one frequent word matched is not coverage; the note is said once', async () => {
    const engine = createSearchEngine(createPaperStore(PAPERS), options);
    const response = await engine.search('networks of fishing boats', { mode: 'keyword' });
    expect(response.results.length).toBeGreaterThan(0);
    expect(response.weak).toBe(true);
    expect(response.results.every((r) => r.covered === false)).toBe(true);
    expect(response.note?.match(/covers this well/g)).toHaveLength(1);
  });

  it('marks covered the papers that match the informative words', async () => {
    const engine = createSearchEngine(createPaperStore(PAPERS), options);
    const response = await engine.search('sparse subnetworks winning tickets', { mode: 'keyword' });
    expect(response.weak).toBe(false);
    expect(response.note).toBeUndefined();
    expect(response.results.find((r) => r.id === 'lottery')?.covered).toBe(true);
    expect(response.results.find((r) => r.id === 'speech')?.covered ?? false).toBe(false);
  });

  it('does not read a common word as a typo of another ("rome" is not "role")', async () => {
    const papers = [...PAPERS, paper('roles', 'The Role of Hidden Units', 'Hidden units play a role. We hold that each unit detects a concept.')];
    const engine = createSearchEngine(createPaperStore(papers), options);
    const response = await engine.search('best pizza in rome', { mode: 'keyword' });
    expect(response.results.map((r) => r.id)).not.toContain('roles');
    expect(response.weak).toBe(true);
    const typo = await engine.search('hiden unts', { mode: 'keyword' });
    expect(typo.results[0]?.id).toBe('roles');
  });

  it('falls back to keyword when semantic is requested without a model, and says why', async () => {
    const engine = createSearchEngine(createPaperStore(PAPERS), options);
    const response = await engine.search('lottery', { mode: 'semantic' });
    expect(response).toMatchObject({ mode: 'keyword', requestedMode: 'semantic' });
    expect(response.note).toMatch(/semantic search is unavailable/);
    expect(engine.semantic()).toBeNull();
  });

  it('pages with offset and limit and leaves out excluded papers', async () => {
    const engine = createSearchEngine(createPaperStore(PAPERS), options);
    const all = await engine.search('networks', { mode: 'keyword', limit: 10 });
    const second = await engine.search('networks', { mode: 'keyword', limit: 1, offset: 1 });
    expect(second.results.map((r) => r.id)).toEqual([all.results[1]!.id]);
    expect(second.total).toBe(all.total);
    const without = await engine.search('networks', { mode: 'keyword', limit: 10, exclude: new Set([all.results[0]!.id]) });
    expect(without.results.map((r) => r.id)).toEqual(all.results.slice(1).map((r) => r.id));
  });

  it('finds a paper by meaning alone in semantic and hybrid mode', async () => {
    const { engine } = await withSemantic();
    const semantic = await engine.search('sound', { mode: 'semantic' });
    expect(semantic.results[0]?.id).toBe('speech');
    expect(semantic.results[0]?.signals.keyword).toBeNull();
    const hybrid = await engine.search('sound', { mode: 'hybrid' });
    expect(hybrid.results[0]?.id).toBe('speech');
    expect(hybrid.results[0]?.signals.keyword).toBe(0);
    // No query word occurs in the abstract, so the evidence is the sentence closest in meaning.
    expect(hybrid.results[0]?.evidence).toBe('Audio sequences are modelled with self attention.');
  });

  it('counts a strong match of one signal as covered even when the fused score is lower', async () => {
    const store = createPaperStore(PAPERS);
    const strict = createSearchEngine(store, { ...options, minRelevance: 0.5 });
    const embedder = createFakeEmbedder(SYNONYMS, { dimension: DIMENSION });
    const cache = await openEmbeddingCache({ dir: await mkdtemp(path.join(os.tmpdir(), 'engine-')), modelId: embedder.modelId, dimension: DIMENSION });
    await strict.attachSemantic({ embedder, cache });
    const response = await strict.search('sound', { mode: 'hybrid' });
    const top = response.results[0]!;
    expect(top.id).toBe('speech');
    expect(top.score).toBeLessThan(0.5);
    expect(top.signals.semantic).toBeGreaterThanOrEqual(0.5);
    expect(response.weak).toBe(false);
    expect((await strict.search('protein folding chemistry', { mode: 'hybrid' })).weak).toBe(true);
  });

  it('fuses both signals: hybrid score is the weighted mean of the breakdown', async () => {
    const { engine } = await withSemantic();
    const response = await engine.search('sparse networks', { mode: 'hybrid', limit: 4 });
    for (const r of response.results) {
      expect(r.score).toBeCloseTo(0.5 * (r.signals.keyword ?? 0) + 0.5 * (r.signals.semantic ?? 0), 3);
    }
    expect(response.results.map((r) => r.score)).toEqual([...response.results.map((r) => r.score)].sort((a, b) => b - a));
  });

  it('makes papers indexed later searchable and embeds only those', async () => {
    const { store, engine, embedder } = await withSemantic();
    embedder.reset();
    const added = paper('new', 'Quantum Annealing Schedules', 'We tune annealing schedules for quantum hardware.');
    store.add(added);
    await engine.indexPapers([added]);
    expect(embedder.embedded).toEqual(['Quantum Annealing Schedules. We tune annealing schedules for quantum hardware.']);
    const response = await engine.search('annealing', { mode: 'hybrid' });
    expect(response.results[0]?.id).toBe('new');
    expect(engine.semantic()?.vectorOf('new')).toBeInstanceOf(Float32Array);
  });
});

describe('SearchEngine.covers', () => {
  it('makes the same judgement as search, for papers in the store or not', async () => {
    const engine = createSearchEngine(createPaperStore(PAPERS), { ...options, defaultMode: 'keyword' });
    for (const query of ['lottery ticket', 'sparse subnetworks', 'deep sea fishing', 'networks']) {
      const response = await engine.search(query, { limit: 1 });
      const top = response.results[0];
      if (top) expect(engine.covers(query, top.paper)).toBe(top.covered);
    }
    expect(engine.covers('lottery ticket', PAPERS[1]!)).toBe(true);
    // A frequent word alone ("networks" is in every paper) is no coverage, nor is a paper without the words.
    expect(engine.covers('deep sea networks', PAPERS[1]!)).toBe(false);
    expect(engine.covers('lottery ticket', { title: 'Bread Baking', abstract: 'Sourdough needs a starter.' })).toBe(false);
    expect(engine.covers('lottery ticket', { title: 'Winning Tickets', abstract: 'A lottery of subnetworks.' })).toBe(true);
  });

  it('meets a paraphrase through related words when given a lexicon', async () => {
    const papers = [...PAPERS, paper('photo', 'Street Photo Reading', 'We read names from a photo of a street.')];
    const relatedTerms = (word: string) => (word === 'photographs' ? [{ word: 'photo', relation: 'synonym' as const }] : []);
    const plain = createSearchEngine(createPaperStore(papers), { ...options, defaultMode: 'keyword' });
    const withLexicon = createSearchEngine(createPaperStore(papers), { ...options, defaultMode: 'keyword', relatedTerms });
    expect((await plain.search('street photographs')).weak).toBe(true);
    const response = await withLexicon.search('street photographs');
    expect(response.weak).toBe(false);
    expect(response.results[0]!.id).toBe('photo');
  });
});

describe('coverage', () => {
  const exact = (term: string) => ({ surface: term, alternatives: [{ term, weight: 1, kind: 'exact' as const }] });
  it('is the share of query words found, typo alternatives counting their weight', () => {
    const typo = { surface: 'densly', alternatives: [{ term: 'dens', weight: 0.8, kind: 'fuzzy' as const }] };
    expect(coverage([exact('graph'), exact('attent')], new Set(['graph', 'attent']))).toBe(1);
    expect(coverage([exact('graph'), exact('speech')], new Set(['graph']))).toBe(0.5);
    expect(coverage([typo, exact('network')], new Set(['dens', 'network']))).toBeCloseTo(0.9, 10);
    expect(coverage([], new Set(['x']))).toBe(0);
  });
  it('credits an acronym only when the paper has every term of its long form', () => {
    const gnn = { surface: 'gnn', alternatives: [{ term: 'gnn', weight: 1, kind: 'exact' as const }, { term: 'graph neural network', weight: 0.8, kind: 'acronym' as const }] };
    expect(coverage([gnn], new Set(['graph', 'neural', 'network']))).toBeCloseTo(0.8, 10);
    expect(coverage([gnn], new Set(['graph', 'network']))).toBe(0);
  });
});
