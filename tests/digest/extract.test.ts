import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPICS, extractContribution, tagTopic } from '../../src/digest/index.js';

const SPARSE =
  'Transformers are powerful sequence models, but require time and memory that grows quadratically with the sequence length. In this paper we introduce sparse factorizations of the attention matrix which reduce this to O(n n). We also introduce a) a variation on architecture and initialization to train deeper networks, b) the recomputation of attention matrices to save memory, and c) fast attention kernels for training. We call networks with these changes Sparse Transformers.';

describe('extractContribution', () => {
  it('starts at the first sentence that states the contribution and adds the next one when it fits', () => {
    expect(extractContribution(SPARSE, { maxChars: 400 })).toBe(
      'In this paper we introduce sparse factorizations of the attention matrix which reduce this to O(n n). We also introduce a) a variation on architecture and initialization to train deeper networks, b) the recomputation of attention matrices to save memory, and c) fast attention kernels for training.',
    );
  });

  it('keeps one sentence when two would exceed the budget, or when asked for one', () => {
    const one = 'In this paper we introduce sparse factorizations of the attention matrix which reduce this to O(n n).';
    expect(extractContribution(SPARSE, { maxChars: 200 })).toBe(one);
    expect(extractContribution(SPARSE, { maxSentences: 1 })).toBe(one);
  });

  it('is verbatim, keeping the original spacing between the sentences', () => {
    const text = 'Background here.  We present X (e.g. a tool).\nIt is fast.';
    expect(extractContribution(text)).toBe('We present X (e.g. a tool).\nIt is fast.');
  });

  it('falls back to the opening sentences when none reads as a contribution', () => {
    expect(extractContribution('Attention is costly. Memory grows fast. Nothing else.')).toBe('Attention is costly. Memory grows fast.');
  });

  it('returns short or unpunctuated text whole', () => {
    expect(extractContribution('  a fragment without a period  ')).toBe('a fragment without a period');
  });
});

describe('tagTopic', () => {
  // Word containment stands in for search's coverage judgement (tested with the engine): every query word present.
  const words = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];
  const covers = (query: string, paper: { title: string; abstract: string }) => {
    const own = new Set(words(`${paper.title} ${paper.abstract}`));
    return words(query).every((w) => own.has(w));
  };

  it('picks the label whose keywords the paper covers most, a keyword covered by the title counting double', () => {
    const topics = [
      { label: 'Graphs', keywords: ['graph', 'message passing', 'node'] },
      { label: 'Language models', keywords: ['language model', 'token', 'decoding'] },
    ];
    expect(tagTopic({ title: 'Message Passing on a Graph', abstract: 'Node features.' }, covers, topics)).toBe('Graphs');
    expect(tagTopic({ title: 'Speculative Decoding for a Language Model', abstract: 'Every token costs a pass.' }, covers, topics)).toBe('Language models');
  });

  it('asks each keyword, an alternative phrasing of the topic, separately', () => {
    const asked: string[] = [];
    tagTopic({ title: 't', abstract: 'a' }, (q) => (asked.push(q), false), [{ label: 'Graphs', keywords: ['graph', 'message passing'] }]);
    expect(asked).toEqual(['graph', 'graph', 'message passing', 'message passing']);
  });

  it('breaks a tie by title hits', () => {
    const topics = [
      { label: 'Vision', keywords: ['vision', 'image', 'imagenet'] },
      { label: 'Efficiency', keywords: ['quantization', 'low'] },
    ];
    // Vision: "vision" in the title, "image" and "ImageNet" in the abstract (4); efficiency: two title hits (4).
    expect(tagTopic({ title: 'Low Quantization of Vision Transformers', abstract: 'Image classification on ImageNet.' }, covers, topics)).toBe('Efficiency');
  });

  it('gives no tag below the minimum score', () => {
    expect(tagTopic({ title: 'On Categories', abstract: 'A note with one image.' }, covers)).toBeUndefined();
    expect(tagTopic({ title: 'Graph', abstract: '' }, () => false)).toBeUndefined();
  });

  it('accepts custom labels', () => {
    const topics = [{ label: 'Biology', keywords: ['protein', 'cell'] }];
    expect(tagTopic({ title: 'Protein Folding', abstract: 'Cell data.' }, covers, topics)).toBe('Biology');
    expect(DEFAULT_TOPICS.length).toBeGreaterThan(3);
  });
});
