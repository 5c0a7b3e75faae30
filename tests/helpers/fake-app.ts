/**
 * A small, deterministic App for unit tests of the Discord and terminal layers: three hand-written papers,
 * word-overlap search, and answers built from the first sentences. Any method can be replaced.
 */
import type { App } from '../../src/app/types.js';
import type { SearchOptions } from '../../src/search/types.js';
import { PaperLookupError } from '../../src/answers/types.js';
import type { Answers, Citation, LookupResult } from '../../src/answers/types.js';
import { loadConfig } from '../../src/app/config.js';
import { createPaperStore } from '../../src/corpus/store.js';
import { silentLogger } from '../../src/shared/log.js';
import type { Clock } from '../../src/shared/types.js';
import type { Paper } from '../../src/corpus/types.js';
import type { SearchResponse, SemanticStatus } from '../../src/search/types.js';

export const FIXTURE_PAPERS: Paper[] = [
  {
    id: '1803.03635',
    arxivId: '1803.03635',
    title: 'The Lottery Ticket Hypothesis',
    abstract: 'Pruning removes weights from trained networks. Dense networks contain sparse subnetworks that train well. We call them winning tickets.',
    authors: ['Jonathan Frankle', 'Michael Carbin'],
    url: 'https://arxiv.org/abs/1803.03635',
    source: 'fixture:1',
  },
  {
    id: 'graph-networks-for-molecules',
    title: 'Graph Networks for Molecules',
    abstract: 'Molecules are graphs of atoms. Message passing networks predict molecular properties. Results improve on quantum chemistry benchmarks.',
    authors: [],
    url: 'https://arxiv.org/search/?query=Graph+Networks+for+Molecules&searchtype=title',
    source: 'fixture:3',
  },
  {
    id: 'a-very-long-slug-for-a-paper-whose-title-goes-on-and-on-about-pruning-sparse-networks',
    title: 'A Very Long Title for a Paper Whose Title Goes On and On About Pruning Sparse Networks',
    abstract: 'Sparse networks can be pruned further. Pruning at initialization is hard.',
    authors: ['A. Author'],
    url: 'https://arxiv.org/search/?query=long&searchtype=title',
    source: 'fixture:5',
  },
];

const sentencesOf = (paper: Paper) => paper.abstract.split(/(?<=\.)\s+/);
const cite = (paper: Paper): Citation => ({ id: paper.id, title: paper.title, url: paper.url });
const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

export interface FakeAppOptions {
  papers?: Paper[];
  clock?: Clock;
  semantic?: SemanticStatus;
  env?: Record<string, string>;
  answers?: Partial<Answers>;
}

/** Creates the fake app. */
export function createFakeApp(options: FakeAppOptions = {}): App {
  const store = createPaperStore(options.papers ?? FIXTURE_PAPERS);
  const clock = options.clock ?? { now: () => new Date('2025-01-15T12:00:00Z') };
  const startedAt = clock.now();
  const config = loadConfig({ EMBEDDINGS: 'off', COOLDOWN_SECONDS: '0', ...options.env });

  const search = async (query: string, searchOptions: SearchOptions = {}): Promise<SearchResponse> => {
    const terms = new Set(words(query));
    const scored = store
      .all()
      .map((paper) => {
        const hits = words(`${paper.title} ${paper.abstract}`).filter((w) => terms.has(w)).length;
        return { paper, score: terms.size === 0 ? 0 : Math.min(1, hits / (terms.size * 2)) };
      })
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id));
    const offset = searchOptions.offset ?? 0;
    const page = scored.slice(offset, offset + (searchOptions.limit ?? config.search.limit));
    return {
      query,
      mode: 'keyword',
      requestedMode: searchOptions.mode ?? 'keyword',
      weak: page.length > 0 && (page[0]?.score ?? 0) < 0.2,
      total: scored.length,
      results: page.map(({ paper, score }, i) => ({
        id: paper.id,
        title: paper.title,
        url: paper.url,
        score,
        evidence: sentencesOf(paper).find((s) => words(s).some((w) => terms.has(w))) ?? sentencesOf(paper)[0] ?? '',
        signals: { keyword: score, semantic: null, keywordRank: offset + i + 1, semanticRank: null },
        paper,
      })),
    };
  };

  const lookup = (reference: string): LookupResult => {
    const ref = reference.trim().toLowerCase();
    const exact = store.all().find((p) => p.id === reference || p.title.toLowerCase() === ref);
    if (exact) return { kind: 'found', paper: exact };
    const partial = store.all().filter((p) => p.title.toLowerCase().includes(ref));
    if (partial.length === 1 && partial[0]) return { kind: 'found', paper: partial[0] };
    if (partial.length > 1) return { kind: 'ambiguous', query: reference, candidates: partial };
    return { kind: 'unknown', query: reference, closest: [] };
  };
  const resolve = (reference: string): Paper => {
    const result = lookup(reference);
    if (result.kind !== 'found') throw new PaperLookupError(result);
    return result.paper;
  };

  const answers: Answers = {
    lookup,
    resolve,
    autocomplete: (partial, limit = 25) =>
      store
        .all()
        .filter((p) => p.title.toLowerCase().includes(partial.toLowerCase()))
        .slice(0, limit)
        .map((p) => ({ name: p.title, value: p.id })),
    async summarizePaper(reference, o) {
      const paper = resolve(reference);
      return { paper: cite(paper), sentences: sentencesOf(paper).slice(0, o?.sentences ?? 2).map((text) => ({ text, paperId: paper.id })), method: 'tfidf' };
    },
    async summarizeTopic(query, o) {
      const response = await search(query);
      const papers = response.results.map((r) => r.paper);
      return {
        query,
        mode: 'keyword',
        sentences: papers.slice(0, o?.sentences ?? 2).map((p, i) => ({ text: sentencesOf(p)[0] ?? '', paperId: p.id, marker: i + 1 })),
        citations: papers.map(cite),
        weak: papers.length === 0,
      };
    },
    async ask(question) {
      const response = await search(question);
      const papers = response.results.map((r) => r.paper);
      return {
        question,
        mode: 'keyword',
        sentences: response.results.map((r, i) => ({ text: r.evidence, paperId: r.id, marker: i + 1 })),
        citations: papers.map(cite),
        papers: response.results,
        covered: papers.length > 0,
      };
    },
    async compare(references) {
      const papers = references.map(resolve);
      return {
        papers: papers.map(cite),
        similarity: 0.5,
        pairwise: papers.map((_, i) => papers.map((__, j) => (i === j ? 1 : 0.5))),
        sharedTerms: ['networks'],
        distinctiveTerms: Object.fromEntries(papers.map((p) => [p.id, words(p.title).slice(0, 2)])),
        rows: (['problem', 'method', 'result'] as const).map((aspect, k) => ({
          aspect,
          cells: papers.map((p) => {
            const text = sentencesOf(p)[k];
            return text ? { text, paperId: p.id } : null;
          }),
        })),
        related: [],
      };
    },
    async similar(reference, o) {
      const paper = resolve(reference);
      const others = store.all().filter((p) => p.id !== paper.id).slice(0, o?.limit ?? 5);
      return { paper: cite(paper), results: others.map((p, i) => ({ paper: cite(p), score: 0.9 - i * 0.1, evidence: sentencesOf(p)[0] ?? '' })) };
    },
    ...options.answers,
  };

  return {
    config,
    logger: silentLogger,
    clock,
    store,
    answers,
    search,
    // Word overlap: every word of the query in the paper.
    covers: (query, paper) => {
      const own = new Set(words(`${paper.title} ${paper.abstract}`));
      const asked = words(query);
      return asked.length > 0 && asked.every((w) => own.has(w));
    },
    async addPapers(papers) {
      const added: Paper[] = [];
      const merged: Paper[] = [];
      for (const paper of papers) {
        const outcome = store.add(paper);
        (outcome.kind === 'added' ? added : merged).push(outcome.paper);
      }
      return { added, merged };
    },
    semanticReady: Promise.resolve(),
    status: () => ({
      version: '9.9.9',
      papers: store.size,
      semantic: options.semantic ?? { state: 'disabled', modelId: 'test-model', reason: 'turned off for tests' },
      startedAt,
      corpusProblems: [],
    }),
    async close() {},
  };
}
