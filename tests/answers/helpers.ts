/** Shared fixture, fakes and assertions for the answer tests. */
import { expect } from 'vitest';
import { createAnswers } from '../../src/answers/index.js';
import type { Answers, Citation, Quote, SemanticAccess } from '../../src/answers/types.js';
import type { SearchOptions } from '../../src/search/types.js';
import { createPaperStore, type PaperStore } from '../../src/corpus/store.js';
import { silentLogger } from '../../src/shared/log.js';
import { tokenize, tokenizeQuery } from '../../src/search/tokenize.js';
import { splitSentences } from '../../src/text/sentences.js';
import type { Logger } from '../../src/shared/types.js';
import type { Paper } from '../../src/corpus/types.js';
import type { SearchResponse, SearchResult } from '../../src/search/types.js';

function paper(id: string, title: string, abstract: string, upvotes?: number): Paper {
  return {
    id,
    title,
    abstract,
    authors: [],
    url: `https://example.org/${id}`,
    source: `fixture:${id}`,
    ...(upvotes !== undefined ? { upvotes } : {}),
  };
}

/** Eight hand-written papers: two residual-network papers, two lottery-ticket papers, and four on other topics. */
export function fixturePapers(): Paper[] {
  return [
    paper(
      'resnet',
      'Residual Learning for Deep Image Recognition',
      'Deeper neural networks are more difficult to train. We present a residual learning framework that eases the training of very deep networks. ' +
        'Residual blocks learn residual functions with reference to the layer inputs. ' +
        'Our residual networks achieve 3.6% error on ImageNet image recognition and outperform plain networks.',
      50,
    ),
    paper(
      'wide',
      'Wide Residual Networks for Image Classification',
      'Very deep residual networks suffer from diminishing feature reuse, which makes them slow to train. ' +
        'We propose wide residual networks that decrease depth and increase the width of residual blocks. ' +
        'A wide residual network with 16 layers outperforms thousand-layer residual networks on image classification.',
      30,
    ),
    paper(
      'lottery-stable',
      'Stabilizing the Lottery Ticket Hypothesis',
      'The lottery ticket hypothesis conjectures that dense networks contain sparse subnetworks that train to full accuracy. ' +
        'However, iterative magnitude pruning fails to find such winning tickets in deeper networks. ' +
        'We introduce late rewinding, which resets pruned weights to their values early in training. ' +
        'With rewinding, pruning finds winning tickets in large networks on ImageNet.',
      20,
    ),
    paper(
      'lottery-lowrank',
      'Low-Rank Lottery Tickets for Compact Networks',
      'Lottery tickets are sparse subnetworks found by pruning. We propose low-rank lottery tickets that factorize the weight matrices of a network. ' +
        'Low-rank tickets reduce memory by 40% while matching the accuracy of the dense network.',
      10,
    ),
    paper(
      'gnn',
      'Graph Neural Networks with Attention Pooling',
      'Graph neural networks aggregate features from the neighbours of each node. ' +
        'Pooling node features into a graph representation remains a challenge. ' +
        'We propose attention pooling, which weighs nodes by learned attention scores. ' +
        'Attention pooling improves graph classification accuracy on molecule benchmarks.',
      40,
    ),
    paper(
      'sparse',
      'Sparse Transformers for Long Sequences',
      'Transformers need time and memory that grow quadratically with the sequence length. ' +
        'We introduce sparse factorizations of the attention matrix which reduce this cost. ' +
        'Sparse transformers model sequences tens of thousands of steps long.',
    ),
    paper(
      'distill',
      'Knowledge Distillation with Soft Targets',
      'Large ensembles are accurate but expensive to deploy. We distill the knowledge of an ensemble into a single small network by training on soft targets. ' +
        'The distilled network keeps most of the accuracy of the ensemble.',
    ),
    paper('tensors', 'A Note on Tensors', 'Tensors are arrays with many indices. Such arrays appear in physics. They are often drawn as boxes'),
  ];
}

/** Deterministic keyword search: score = share of query terms the paper contains; weak below half. */
export function fakeSearch(store: PaperStore) {
  const calls: { query: string; options: SearchOptions | undefined }[] = [];
  const search = async (query: string, options?: SearchOptions): Promise<SearchResponse> => {
    calls.push({ query, options });
    const terms = tokenizeQuery(query);
    const results: SearchResult[] = [];
    for (const p of store.all()) {
      if (options?.exclude?.has(p.id)) continue;
      const paperTerms = new Set(tokenize(`${p.title} ${p.abstract}`));
      const matched = terms.filter((t) => paperTerms.has(t)).length;
      if (matched === 0) continue;
      const score = matched / terms.length;
      const evidence = splitSentences(p.abstract).find((s) => tokenize(s.text).some((t) => terms.includes(t)))?.text ?? '';
      results.push({
        id: p.id,
        title: p.title,
        url: p.url,
        score,
        evidence,
        signals: { keyword: score, semantic: null, keywordRank: null, semanticRank: null },
        paper: p,
      });
    }
    results.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    const limited = results.slice(options?.offset ?? 0, (options?.offset ?? 0) + (options?.limit ?? 10));
    return {
      query,
      mode: 'keyword',
      requestedMode: options?.mode ?? 'keyword',
      results: limited,
      weak: (limited[0]?.score ?? 0) < 0.5,
      total: results.length,
    };
  };
  return { search, calls };
}

const DIMENSION = 64;

/** Bag of stemmed words hashed into 64 dimensions, L2-normalised: texts sharing words get close vectors. */
export function fakeEmbed(text: string): Float32Array {
  const v = new Float32Array(DIMENSION);
  for (const term of tokenize(text)) {
    let h = 0;
    for (const ch of term) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    v[h % DIMENSION]! += 1;
  }
  const length = Math.hypot(...v);
  if (length > 0) for (let i = 0; i < DIMENSION; i += 1) v[i]! /= length;
  return v;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i += 1) s += a[i]! * b[i]!;
  return s;
}

/** A SemanticAccess over `store` with the hashed bag-of-words embedding; counts embed calls. */
export function fakeSemantic(store: PaperStore, options: { failEmbed?: boolean } = {}): SemanticAccess & { embedCalls: number } {
  const fake = {
    embedCalls: 0,
    async embed(texts: string[]) {
      fake.embedCalls += 1;
      if (options.failEmbed) throw new Error('model crashed');
      return texts.map(fakeEmbed);
    },
    vectorOf(id: string) {
      const p = store.get(id);
      return p ? fakeEmbed(`${p.title}\n${p.abstract}`) : undefined;
    },
    nearest(vector: Float32Array, limit: number, exclude?: ReadonlySet<string>) {
      return store
        .all()
        .filter((p) => !exclude?.has(p.id))
        .map((p) => ({ id: p.id, score: dot(vector, fakeEmbed(`${p.title}\n${p.abstract}`)) }))
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
        .slice(0, limit);
    },
  };
  return fake;
}

/** A logger that keeps warnings, to check that fallbacks are reported. */
export function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...silentLogger, warn: (msg: string) => warnings.push(msg), warnings };
}

/** Answers over the fixture; `semantic: null` is keyword-only. */
export function fixtureAnswers(options: { semantic?: 'fake' | 'failing' | null; papers?: Paper[]; logger?: Logger } = {}) {
  const store = createPaperStore(options.papers ?? fixturePapers());
  const { search, calls } = fakeSearch(store);
  const semantic = options.semantic === 'fake' ? fakeSemantic(store) : options.semantic === 'failing' ? fakeSemantic(store, { failEmbed: true }) : null;
  const answers: Answers = createAnswers({ store, search, semantic: () => semantic, logger: options.logger ?? silentLogger });
  return { answers, store, calls, semantic };
}

/**
 * Every quote is a verbatim substring of its paper's abstract and one of its sentences; with `citations`, every marker
 * points at the citation of that same paper.
 */
export function expectVerbatimQuotes(store: PaperStore, quotes: readonly (Quote | null)[], citations?: readonly Citation[]): void {
  for (const quote of quotes) {
    if (quote === null) continue;
    const source = store.get(quote.paperId);
    expect(source, `quote cites unknown paper ${quote.paperId}`).toBeDefined();
    expect(source!.abstract.includes(quote.text), `"${quote.text}" is not in the abstract of ${quote.paperId}`).toBe(true);
    expect(splitSentences(source!.abstract).map((s) => s.text)).toContain(quote.text);
    if (citations) {
      expect(quote.marker, `quote from ${quote.paperId} has no marker`).toBeDefined();
      expect(citations[quote.marker! - 1]?.id).toBe(quote.paperId);
    }
  }
}
