import { describe, expect, it } from 'vitest';
import { contrastTerms } from '../../src/answers/compare.js';
import { countTerms, createCorpusCounts, isContentTerm, paperTerms } from '../../src/answers/phrases.js';
import { createPaperStore } from '../../src/corpus/store.js';
import type { Paper } from '../../src/corpus/types.js';

const paper = (id: string, title: string, abstract: string): Paper => ({ id, title, abstract, authors: [], url: `u/${id}`, source: 's' });

describe('isContentTerm', () => {
  it('rejects numbers, short terms and generic verbs', () => {
    expect(isContentTerm('distil')).toBe(true);
    expect(isContentTerm('2015')).toBe(false);
    expect(isContentTerm('resnet50')).toBe(false);
    expect(isContentTerm('of')).toBe(false);
    expect(isContentTerm('propos')).toBe(false);
  });
});

describe('countTerms', () => {
  it('counts content words and adjacent pairs, never across punctuation or stop words', () => {
    const { counts, surfaces } = countTerms('Knowledge distillation trains students. Distillation of knowledge helps.');
    expect(counts.get('knowledg distil')).toBe(1);
    expect(counts.get('distil')).toBe(2);
    expect(counts.has('student distil')).toBe(false);
    expect(counts.has('distil knowledg')).toBe(false);
    expect(surfaces.get('knowledg distil')).toBe('knowledge distillation');
  });

  it('leaves out URLs, e-mail addresses, cited author names and generic verbs', () => {
    const { counts } = countTerms('We propose hints (Weston et al., 2015), following Veit et al. (2016). Code: https://github.com/szagoruyko/wrn, mail a@b.org.');
    expect([...counts.keys()].some((t) => /weston|veit|szagoruyko|github|propos/.test(t))).toBe(false);
    expect(counts.get('hint')).toBe(1);
  });
});

describe('paperTerms', () => {
  it('counts title words twice', () => {
    expect(paperTerms({ title: 'Hyperbolic Nets', abstract: 'Hyperbolic space.' }).counts.get('hyperbol')).toBe(3);
  });
});

describe('createCorpusCounts', () => {
  it('follows papers added to the store', () => {
    const store = createPaperStore([paper('a', 'Graphs', 'Graph networks.')]);
    const counts = createCorpusCounts(store);
    expect(counts().get('graph')).toBe(3);
    store.add(paper('b', 'More Graphs', 'Graph data.'));
    expect(counts().get('graph')).toBe(6);
  });
});

describe('contrastTerms', () => {
  it('lists what each paper repeats that the other lacks, and what both share, phrases over their words', () => {
    const a = paper('a', 'Knowledge Distillation with Teacher Assistants', 'Knowledge distillation trains a student from a teacher. A teacher assistant bridges the gap. The teacher assistant is mid-sized. It won first place.');
    const b = paper('b', 'Hints for Knowledge Distillation', 'Knowledge distillation trains a thin student from a teacher. Hints guide the thin student.');
    const prior = new Map([['teacher', 10], ['student', 10], ['knowledg distil', 4], ['hint', 2], ['thin', 3], ['won', 50], ['place', 50]]);
    const { sharedTerms, distinctiveTerms } = contrastTerms([a, b], prior);
    expect(sharedTerms).toContain('knowledge distillation');
    expect(sharedTerms).not.toContain('distillation');
    expect(distinctiveTerms.a).toContain('teacher assistant');
    expect(distinctiveTerms.a).not.toContain('won');
    expect(distinctiveTerms.b).toEqual(expect.arrayContaining(['hints', 'thin student']));
  });
});
