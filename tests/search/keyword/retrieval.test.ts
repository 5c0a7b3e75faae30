import { describe, expect, it } from 'vitest';
import { createKeywordIndex, type KeywordDoc } from '../../../src/search/keyword-index.js';
import { defaultAnalyzer } from '../../../src/search/keyword/analysis.js';
import { appendDocument, createDocumentTable } from '../../../src/search/keyword/documents.js';
import { createPostings } from '../../../src/search/keyword/postings.js';
import { retrieveTopK } from '../../../src/search/keyword/retrieval.js';
import { createQueryScorer, documentPseudoTf, averageLengths } from '../../../src/search/keyword/scoring.js';

const P = { k1: 1.2, titleWeight: 3, titleB: 0.6, textB: 0.75 };

/** Deterministic generator (LCG) so the corpus is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// Pseudo-words "w0".."w1999" drawn with Zipf weights: the most common are in thousands of the documents.
const VOCABULARY = Array.from({ length: 2000 }, (_, r) => `term${String.fromCharCode(97 + (r % 26))}${String.fromCharCode(97 + ((r / 26) | 0) % 26)}${(r / 676) | 0}x`);
function corpus(size: number, seed: number): KeywordDoc[] {
  const next = random(seed);
  const weights = VOCABULARY.map((_, r) => 1 / (r + 1));
  const total = weights.reduce((s, w) => s + w, 0);
  const cumulative: number[] = [];
  weights.reduce((s, w, i) => ((cumulative[i] = (s + w) / total), s + w), 0);
  const word = () => {
    const u = next();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return VOCABULARY[lo]!;
  };
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  return Array.from({ length: size }, (_, i) => ({ id: `d${String(i).padStart(5, '0')}`, title: words(2 + Math.floor(next() * 8)), text: words(10 + Math.floor(next() * 90)) }));
}

function queries(count: number, seed: number): string[] {
  const next = random(seed);
  const pick = (top: number) => VOCABULARY[Math.floor(next() ** 2 * top)]!;
  return Array.from({ length: count }, (_, i) => {
    const words = Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(i % 3 === 0 ? 40 : 2000));
    // Some misspelled (a dropped letter) and some still being typed (a cut last word).
    if (i % 5 === 0) words[0] = words[0]!.slice(0, 3) + words[0]!.slice(4);
    if (i % 7 === 0) return words.join(' ').slice(0, -2);
    return words.join(' ');
  });
}

describe('retrieveTopK', () => {
  const docs = corpus(4000, 7);
  const index = createKeywordIndex();
  index.addMany(docs);
  const qs = queries(80, 11);

  it('finds exactly the exhaustive BM25F top k (hits, scores, coverage) where common words are in thousands of documents', () => {
    const common = index.searchDetailed(VOCABULARY[0]!, 10_000, { exhaustive: true }).hits.length;
    expect(common).toBeGreaterThan(3000);
    for (const k of [1, 10, 100]) {
      for (const q of qs) expect(index.searchDetailed(q, k), `${q} @${k}`).toEqual(index.searchDetailed(q, k, { exhaustive: true }));
    }
  });

  it('stays exact after additions and removals change the field averages the bounds were built with', () => {
    const changed = createKeywordIndex({}, index.exportSnapshot());
    // Longer titles and abstracts than the corpus average, then a quarter of the corpus removed.
    changed.addMany(corpus(300, 99).map((d) => ({ ...d, id: `new-${d.id}`, title: `${d.title} ${d.title} ${d.title}`, text: `${d.text} ${d.text}` })));
    for (const d of docs.slice(0, 1000)) changed.remove(d.id);
    for (const q of qs) expect(changed.searchDetailed(q, 20), q).toEqual(changed.searchDetailed(q, 20, { exhaustive: true }));
  });

  it('skips documents that cannot enter the top k', () => {
    const table = createDocumentTable();
    for (const d of docs) appendDocument(table, d.id, defaultAnalyzer.analyze(d.title).map((t) => t.term), defaultAnalyzer.analyze(d.text).map((t) => t.term));
    const postings = createPostings(table, P);
    postings.ensure();
    const words = [VOCABULARY[0]!, VOCABULARY[3]!, VOCABULARY[200]!].map((w) => defaultAnalyzer.analyze(w)[0]!.term);
    const prepared = createQueryScorer(table, P)(words.map((term) => ({ surface: term, alternatives: [{ term, weight: 1, kind: 'exact' as const }] })));
    const pruned = retrieveTopK(table, postings, prepared, 10);
    const exhaustive = retrieveTopK(table, postings, prepared, 10, { exhaustive: true });
    prepared.release();
    expect(pruned.top.sorted()).toEqual(exhaustive.top.sorted());
    expect(exhaustive.stats.scored).toBeGreaterThan(3000);
    expect(pruned.stats.scored).toBeLessThan(exhaustive.stats.scored / 10);
  });
});

describe('createPostings', () => {
  it('lists every document of a term in order, with impacts that bound its pseudo frequency', () => {
    const table = createDocumentTable();
    const frequencies = new Map<string, [number, number]>();
    for (const d of corpus(300, 3)) {
      const title = defaultAnalyzer.analyze(d.title).map((t) => t.term);
      const text = defaultAnalyzer.analyze(d.text).map((t) => t.term);
      const num = appendDocument(table, d.id, title, text);
      for (const term of new Set([...title, ...text])) frequencies.set(`${num} ${term}`, [title.filter((t) => t === term).length, text.filter((t) => t === term).length]);
    }
    const postings = createPostings(table, P);
    postings.ensure();
    // The postings took the documents in: the table no longer holds their entries.
    expect(table.forwardFrom).toBe(300);
    expect(table.entries).toBe(0);
    const avg = averageLengths(table);
    let listed = 0;
    for (let tid = 0; tid < table.terms.length; tid++) {
      const { docs, titleTf, textTf, impacts, maxTf } = postings.list(tid);
      expect(docs.length).toBe(table.df[tid]);
      listed += docs.length;
      for (let i = 0; i < docs.length; i++) {
        if (i > 0) expect(docs[i]!).toBeGreaterThan(docs[i - 1]!);
        const num = docs[i]!;
        expect([titleTf[i], textTf[i]]).toEqual(frequencies.get(`${num} ${table.terms[tid]}`));
        const tf = documentPseudoTf(table, P, num, titleTf[i]!, textTf[i]!, avg);
        expect(tf).toBeLessThanOrEqual((impacts[i]! / 255) * maxTf * (1 + 1e-12));
        expect(tf).toBeGreaterThan(((impacts[i]! - 1) / 255) * maxTf);
      }
    }
    expect(listed).toBe(frequencies.size);
    expect(postings.boundScale()).toBe(1);
  });

  it('widens the bounds when a field average grows after the build', () => {
    const table = createDocumentTable();
    appendDocument(table, 'a', ['x'], ['y', 'y']);
    const postings = createPostings(table, P);
    postings.ensure();
    appendDocument(table, 'b', ['x', 'x', 'x', 'x', 'x'], ['y', 'y']);
    // Title average 1 → 3, abstract unchanged.
    expect(postings.boundScale()).toBe(3);
  });
});
