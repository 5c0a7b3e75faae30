import { describe, expect, it } from 'vitest';
import { createPaperStore } from '../../src/corpus/store.js';
import type { Paper } from '../../src/corpus/types.js';

const paper = (over: Partial<Paper>): Paper => ({
  id: 'p',
  title: 'A Paper',
  abstract: 'An abstract.',
  authors: [],
  url: 'https://example.org',
  source: 'test',
  ...over,
});

describe('createPaperStore', () => {
  it('merges the same title written differently, filling missing fields', () => {
    const store = createPaperStore([paper({ id: 'a-paper', title: 'A Paper' })]);
    const outcome = store.add(paper({ id: '2301.00001', title: 'a paper!', arxivId: '2301.00001', authors: ['Ada'], upvotes: 7, url: 'https://arxiv.org/abs/2301.00001' }));
    expect(outcome).toMatchObject({ kind: 'merged', into: 'a-paper' });
    expect(store.size).toBe(1);
    expect(store.get('a-paper')).toMatchObject({ arxivId: '2301.00001', authors: ['Ada'], upvotes: 7, url: 'https://arxiv.org/abs/2301.00001' });
  });

  it('merges by arXiv id even when titles differ', () => {
    const store = createPaperStore([paper({ id: '1', title: 'Old Title', arxivId: '1706.03762' })]);
    expect(store.add(paper({ id: '2', title: 'New Title', arxivId: '1706.03762' })).kind).toBe('merged');
    expect(store.all().map((p) => p.title)).toEqual(['Old Title']);
  });

  it('keeps the higher upvote count', () => {
    const store = createPaperStore([paper({ upvotes: 10 })]);
    store.add(paper({ upvotes: 3 }));
    expect(store.get('p')?.upvotes).toBe(10);
  });

  it('gives distinct papers with a colliding id a suffix', () => {
    const store = createPaperStore([paper({ id: 'x', title: 'One' }), paper({ id: 'x', title: 'Two' })]);
    expect(store.all().map((p) => p.id)).toEqual(['x', 'x-2']);
    expect(store.get('x-2')?.title).toBe('Two');
  });

  it('finds duplicates without adding', () => {
    const store = createPaperStore([paper({ title: 'Deep Residual Learning' })]);
    expect(store.findDuplicate({ title: 'deep residual learning' })?.id).toBe('p');
    expect(store.findDuplicate({ title: 'Other' })).toBeUndefined();
  });
});
