import { describe, expect, it } from 'vitest';
import { buildWorkload, titleWords } from '../../scripts/bench/queries.js';
import type { Paper } from '../../src/corpus/types.js';

const paper = (id: string, title: string): Paper => ({ id, title, abstract: `${title}.`, authors: [], url: `https://arxiv.org/abs/${id}`, source: 'test' });
const PAPERS = [
  paper('1', 'Deep Residual Learning for Image Recognition'),
  paper('2', 'Graph Attention Networks'),
  paper('3', 'Lottery Tickets | A Survey'),
  paper('4', 'Pruning Filters for Efficient ConvNets'),
];
const EVAL = [
  { query: 'lottery ticket', kind: 'keyword' },
  { query: 'what is grokking?', kind: 'question' },
];

describe('titleWords', () => {
  it('keeps the content words of a title in order', () => {
    expect(titleWords('Deep Residual Learning for Image Recognition')).toEqual(['Deep', 'Residual', 'Learning', 'Image', 'Recognition']);
  });
});

describe('buildWorkload', () => {
  const workload = buildWorkload(PAPERS, EVAL, { generatedSearches: 30, questions: 3, references: 6, pairs: 5, partials: 4 });

  it('starts with the evaluation queries, then queries typed from titles', () => {
    expect(workload.searches).toHaveLength(32);
    expect(workload.searches.slice(0, 2)).toEqual(['lottery ticket', 'what is grokking?']);
    const vocabulary = new Set(PAPERS.flatMap((p) => titleWords(p.title).map((w) => w.toLowerCase())));
    for (const q of workload.searches.slice(2)) {
      const words = q.split(' ');
      expect(words.length).toBeGreaterThanOrEqual(2);
      // Every word is a title word, a prefix of one (still typing) or one with two letters swapped (a typo).
      for (const w of words) {
        const close = [...vocabulary].some((v) => v === w || v.startsWith(w) || (v.length === w.length && [...v].sort().join() === [...w].sort().join()));
        expect(close, `"${w}" in "${q}"`).toBe(true);
      }
    }
  });

  it('uses the evaluation questions first, then questions about titles', () => {
    expect(workload.questions[0]).toBe('what is grokking?');
    expect(workload.questions).toHaveLength(3);
    expect(workload.questions[1]).toMatch(/^which papers study .+\?$/);
  });

  it('never puts a title the compare syntax would split into references or pairs', () => {
    expect(workload.references).toHaveLength(6);
    expect(workload.pairs).toHaveLength(5);
    for (const r of [...workload.references, ...workload.pairs.flat()]) expect(r).not.toContain('|');
    for (const [a, b] of workload.pairs) expect(a).not.toBe(b);
  });

  it('is deterministic for a seed', () => {
    expect(buildWorkload(PAPERS, EVAL, { generatedSearches: 30 })).toEqual(buildWorkload(PAPERS, EVAL, { generatedSearches: 30 }));
  });
});
