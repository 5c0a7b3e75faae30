import { describe, expect, it } from 'vitest';
import { normalizeTitle, parseArxivId } from '../../src/corpus/ids.js';
import { splitSentences } from '../../src/text/sentences.js';
import { analyseSource, generateCorpus, isContentWord, isTitleCaseWord, syntheticArxivId, syntheticWord } from '../../scripts/bench/corpus.js';

const SOURCE = analyseSource([
  {
    title: 'Pruning Networks at Initialization',
    abstract:
      'Pruning removes weights from networks. Pruning at initialization saves training. We study pruning criteria. ' +
      'Results hold across datasets. Sparse networks train quickly. Magnitude pruning remains strong.',
  },
  {
    title: 'Graph Transformers Go Deeper',
    abstract:
      'Graph transformers suffer from depth. Attention smooths node features. We propose residual attention. ' +
      'Deeper graph transformers improve accuracy. Benchmarks confirm the gains. Code is released.',
  },
  {
    title: 'Knowledge Distillation for Small Students',
    abstract: 'A teacher guides a student. Distillation transfers knowledge. Students become accurate.',
  },
]);

describe('analyseSource', () => {
  it('splits abstracts into sentences and ranks content words by frequency', () => {
    expect(SOURCE.papers[0]!.sentences).toHaveLength(6);
    expect(SOURCE.rankedWords[0]).toBe('pruning');
    expect(SOURCE.rankedCounts[0]).toBe(5);
    expect(SOURCE.rankedWords).not.toContain('from');
  });
});

describe('isContentWord', () => {
  it('accepts lower-case words of four letters or more that are not function words', () => {
    expect(isContentWord('pruning')).toBe(true);
    expect(isContentWord('with')).toBe(false);
    expect(isContentWord('gan')).toBe(false);
    expect(isContentWord('ResNet')).toBe(false);
  });
});

describe('isTitleCaseWord', () => {
  it('accepts capitalised content words only', () => {
    expect(isTitleCaseWord('Pruning')).toBe(true);
    expect(isTitleCaseWord('With')).toBe(false);
    expect(isTitleCaseWord('GNN')).toBe(false);
  });
});

describe('syntheticWord', () => {
  it('gives distinct pronounceable words for distinct numbers', () => {
    const words = Array.from({ length: 20_000 }, (_, n) => syntheticWord(n));
    const stems = new Set(words.map((w) => w.replace(/(net|former|ization|gan|ic|al|ing|ers)$/, '')));
    expect(stems.size).toBe(words.length);
    for (const w of words.slice(0, 50)) expect(w).toMatch(/^[a-z]{4,}$/);
  });
});

describe('syntheticArxivId', () => {
  it('makes unique, valid arXiv ids', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => syntheticArxivId(i));
    expect(new Set(ids).size).toBe(ids.length);
    expect(syntheticArxivId(0)).toBe('1501.00001');
    expect(syntheticArxivId(121)).toBe('1502.00002');
    for (const id of ids.slice(0, 200)) expect(parseArxivId(id)).toBe(id);
  });
});

describe('generateCorpus', () => {
  it('is deterministic, and a smaller corpus is a prefix of a larger one', () => {
    const a = generateCorpus(SOURCE, { size: 40 });
    expect(generateCorpus(SOURCE, { size: 40 })).toEqual(a);
    expect(generateCorpus(SOURCE, { size: 60 }).slice(0, 40)).toEqual(a);
    expect(generateCorpus(SOURCE, { size: 40, seed: 2 })).not.toEqual(a);
  });

  it('makes unique titles and abstracts of 6 to 10 sentences', () => {
    const papers = generateCorpus(SOURCE, { size: 300 });
    expect(new Set(papers.map((p) => normalizeTitle(p.title))).size).toBe(300);
    expect(new Set(papers.map((p) => p.id)).size).toBe(300);
    for (const paper of papers) {
      const count = splitSentences(paper.abstract).length;
      expect(count).toBeGreaterThanOrEqual(6);
      expect(count).toBeLessThanOrEqual(10);
    }
  });

  it('keeps source sentences verbatim without substitution', () => {
    const sentences = new Set(SOURCE.papers.flatMap((p) => p.sentences));
    for (const paper of generateCorpus(SOURCE, { size: 20, substitution: 0 })) {
      for (const s of splitSentences(paper.abstract)) expect(sentences.has(s.text)).toBe(true);
    }
  });

  it('replaces about the requested share of content words, some with synthetic words', () => {
    const words = generateCorpus(SOURCE, { size: 300, substitution: 0.3 })
      .flatMap((p) => p.abstract.match(/\b[a-z]{4,}\b/g) ?? [])
      .filter(isContentWord);
    const known = new Set(SOURCE.rankedWords);
    const synthetic = words.filter((w) => !known.has(w)).length / words.length;
    // 0.3 of the words are drawn; of those, topic words (0.15) and synthetic draws (0.85 × 0.1) are new: about 7%.
    expect(synthetic).toBeGreaterThan(0.04);
    expect(synthetic).toBeLessThan(0.1);
    expect(generateCorpus(SOURCE, { size: 50, substitution: 0 }).every((p) => (p.abstract.match(/\b[a-z]{4,}\b/g) ?? []).every((w) => !isContentWord(w) || known.has(w)))).toBe(true);
  });

  it('rejects bad options, naming them', () => {
    expect(() => generateCorpus(SOURCE, { size: -1 })).toThrow(/size/);
    expect(() => generateCorpus(SOURCE, { size: 1, substitution: 2 })).toThrow(/substitution/);
  });
});
