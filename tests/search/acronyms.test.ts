import { describe, expect, it } from 'vitest';
import { extractAcronyms } from '../../src/search/acronyms.js';

describe('extractAcronyms', () => {
  it('finds a plural acronym defined by the initials of the preceding words', () => {
    expect(extractAcronyms('We study Graph Neural Networks (GNNs) at scale.')).toEqual([
      { acronym: 'gnn', longForm: ['graph', 'neural', 'network'] },
    ]);
  });

  it('handles mixed-case acronyms, hyphenated long forms and skipped function words', () => {
    expect(extractAcronyms('Low-Rank Adaptation (LoRA) helps.')).toEqual([{ acronym: 'lora', longForm: ['low', 'rank', 'adapt'] }]);
    expect(extractAcronyms('image super-resolution (SR) is hard')).toEqual([{ acronym: 'sr', longForm: ['super', 'resolut'] }]);
    expect(extractAcronyms('a Network In Network (NIN) structure')).toEqual([{ acronym: 'nin', longForm: ['network', 'network'] }]);
    expect(extractAcronyms('the Mixture of Experts (ME) model')).toEqual([{ acronym: 'me', longForm: ['mixtur', 'expert'] }]);
  });

  it('ignores parentheses whose content is not spelled by the preceding words', () => {
    expect(extractAcronyms('accuracy improves (CIFAR) a lot')).toEqual([]);
    expect(extractAcronyms('results (see Table 2) and (2014)')).toEqual([]);
    expect(extractAcronyms('a single capital (A) only')).toEqual([]);
  });

  it('lists every definition in order', () => {
    const defs = extractAcronyms('knowledge distillation (KD) and convolutional neural networks (CNNs)');
    expect(defs.map((d) => d.acronym)).toEqual(['kd', 'cnn']);
  });
});
