import { describe, expect, it } from 'vitest';
import type { QueryTermMatch } from '../../src/search/keyword-index.js';
import { boostByProximity, proximityScore, termPositions } from '../../src/search/proximity.js';

const word = (...terms: string[]): QueryTermMatch => ({ surface: terms[0]!, alternatives: terms.map((term) => ({ term, weight: 1, kind: 'exact' as const })) });
const query = [word('knowledg'), word('distil')];

describe('termPositions', () => {
  it('numbers terms in order, stop words left out, sentences and title far apart', () => {
    const p = termPositions('Knowledge Distillation', 'Network in network. Distillation helps.');
    expect(p.get('knowledg')).toEqual([0]);
    expect(p.get('distil')![0]).toBe(1);
    const [n1, n2] = p.get('network')!;
    expect(n2! - n1!).toBe(1);
    expect(p.get('distil')![1]! - p.get('network')![1]!).toBeGreaterThan(100);
  });
});

describe('proximityScore', () => {
  it('is 1 for the query words as a phrase, partial when close, 0 when apart or in other sentences', () => {
    expect(proximityScore(query, termPositions('', 'We study knowledge distillation.'))).toBe(1);
    expect(proximityScore(query, termPositions('', 'Distillation of teacher knowledge.'))).toBe(0.5);
    expect(proximityScore(query, termPositions('', 'Knowledge is power. Distillation is old.'))).toBe(0);
    expect(proximityScore(query, termPositions('', 'Knowledge of many large deep models needs distillation.'))).toBe(0);
  });

  it('averages over consecutive pairs, accepts any alternative of a word, and gives 0 for one word', () => {
    const three = [word('graph'), word('neural'), word('network', 'netwrok')];
    expect(proximityScore(three, termPositions('', 'Graph models use neural network layers.'))).toBe(0.75);
    expect(proximityScore([word('graph')], termPositions('', 'graph'))).toBe(0);
  });
});

describe('boostByProximity', () => {
  it('lifts a close match within the depth and keeps scores in [0, 1]', () => {
    const ranked = [{ id: 'a', score: 1 }, { id: 'b', score: 0.9 }, { id: 'c', score: 0.8 }];
    const out = boostByProximity(ranked, (id) => (id === 'b' ? 1 : 0), 0.5, 2);
    expect(out.find((h) => h.id === 'b')!.score).toBe(1);
    expect(out.find((h) => h.id === 'a')!.score).toBeCloseTo(1 / 1.35);
    expect(out.find((h) => h.id === 'c')!.score).toBeCloseTo(0.8 / 1.35);
    expect(boostByProximity(ranked, () => 1, 0, 3)).toEqual(ranked);
  });
});
