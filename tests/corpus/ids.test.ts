import { describe, expect, it } from 'vitest';
import { normalizeTitle, paperUrl, parseArxivId, slugify } from '../../src/corpus/ids.js';

describe('normalizeTitle', () => {
  it('folds case, diacritics and punctuation', () => {
    expect(normalizeTitle('  Attention Is All You Need!  ')).toBe('attention is all you need');
    expect(normalizeTitle('Schrödinger’s Cat: a-b')).toBe('schrodinger s cat a b');
  });
});

describe('slugify', () => {
  it('makes a readable url-safe id', () => {
    expect(slugify('Deep Residual Learning for Image Recognition')).toBe('deep-residual-learning-for-image-recognition');
  });
  it('cuts long titles at a word boundary', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug.split('-').every((w) => w === 'word')).toBe(true);
  });
});

describe('parseArxivId', () => {
  it('accepts bare ids, prefixes, versions and urls', () => {
    expect(parseArxivId('1706.03762')).toBe('1706.03762');
    expect(parseArxivId('arXiv:2301.12345v2')).toBe('2301.12345');
    expect(parseArxivId('https://arxiv.org/abs/1512.03385v1')).toBe('1512.03385');
    expect(parseArxivId('https://arxiv.org/pdf/1512.03385.pdf')).toBe('1512.03385');
    expect(parseArxivId('cs/0112017')).toBe('cs/0112017');
  });
  it('rejects anything else', () => {
    expect(parseArxivId('lottery ticket')).toBeUndefined();
    expect(parseArxivId('12.34')).toBeUndefined();
  });
});

describe('paperUrl', () => {
  it('links the abs page when the arXiv id is known', () => {
    expect(paperUrl('X', '1706.03762')).toBe('https://arxiv.org/abs/1706.03762');
  });
  it('falls back to an arXiv title search', () => {
    const url = new URL(paperUrl('Wide Residual Networks'));
    expect(url.hostname).toBe('arxiv.org');
    expect(url.searchParams.get('query')).toBe('Wide Residual Networks');
    expect(url.searchParams.get('searchtype')).toBe('title');
  });
});
