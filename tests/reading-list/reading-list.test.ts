import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { createPaperStore } from '../../src/corpus/store.js';
import { silentLogger } from '../../src/shared/log.js';
import { bibtexKey, createReadingList, escapeBibtex, READING_LIST_MAX, ReadingListError, toBibtex, toMarkdown } from '../../src/reading-list/index.js';
import { openState } from '../../src/state/index.js';
import type { Paper } from '../../src/corpus/types.js';
import { fakeClock } from '../state/helpers.js';

const paper = (id: string, title: string, extra: Partial<Paper> = {}): Paper => ({
  id,
  title,
  abstract: `${title}. An abstract.`,
  authors: [],
  url: `https://example.org/${id}`,
  source: 'test',
  ...extra,
});

const ATTENTION = paper('1706.03762', 'Attention Is All You Need', {
  arxivId: '1706.03762',
  authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit'],
  url: 'https://arxiv.org/abs/1706.03762',
  publishedAt: '2017-06-12T17:57:34Z',
});

describe('escapeBibtex', () => {
  it('escapes every LaTeX special so the field stays one balanced value', () => {
    expect(escapeBibtex('50% of $x_1$ & {y} #2 ~a^b \\c')).toBe('50\\% of \\$x\\_1\\$ \\& \\{y\\} \\#2 \\textasciitilde{}a\\textasciicircum{}b \\textbackslash{}c');
  });
});

describe('bibtexKey', () => {
  it('uses the arXiv id when known, else surname + year + first long title word', () => {
    expect(bibtexKey(ATTENTION)).toBe('arXiv:1706.03762');
    expect(bibtexKey(paper('w', 'Wide Residual Networks', { authors: ['Sergey Zagoruyko'], publishedAt: '2016-05-23' }))).toBe('zagoruyko2016wide');
    expect(bibtexKey(paper('o', 'On Élan', {}))).toBe('paperelan');
  });
});

describe('toBibtex', () => {
  it('writes entries a BibTeX parser reads back, with unique keys and the tricky title intact', () => {
    const tricky = paper('t', 'Costs & Benefits of {Sparse} 100% $O(n)$ #models', { authors: ['Ana Núñez'], publishedAt: '2024-01-02' });
    const twin = paper('t2', 'Costs and benefits revisited', { authors: ['Ana Núñez'], publishedAt: '2024-03-04' });
    const text = toBibtex([ATTENTION, tricky, twin]);
    const parsed = parseBibtex(text, { sentenceCase: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries.map((e) => e.key)).toEqual(['arXiv:1706.03762', 'nunez2024costs', 'nunez2024costsa']);
    expect(parsed.entries[0]!.fields).toMatchObject({ eprint: '1706.03762', archiveprefix: 'arXiv', year: '2017', url: 'https://arxiv.org/abs/1706.03762' });
    expect(parsed.entries[1]!.fields.title).toBe('Costs & Benefits of {Sparse} 100% $O(n)$ #models');
  });
});

describe('toMarkdown', () => {
  it('links each title, escapes markdown and shortens long author lists', () => {
    const md = toMarkdown([ATTENTION, paper('x', 'Why [brackets] *matter*', { url: 'https://example.org/a(b)' })]);
    expect(md).toBe(
      [
        '# Reading list',
        '',
        '- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) — Ashish Vaswani, Noam Shazeer, Niki Parmar et al. · 2017 · arXiv:1706.03762',
        '- [Why \\[brackets\\] \\*matter\\*](https://example.org/a%28b%29)',
        '',
      ].join('\n'),
    );
  });
});

describe('createReadingList', () => {
  const setup = () => {
    const clock = fakeClock('2026-03-01T00:00:00Z');
    const state = openState(':memory:', { clock, logger: silentLogger });
    const store = createPaperStore([ATTENTION]);
    return { clock, state, list: createReadingList({ state, store }) };
  };

  it('keeps one list per user, newest first, paged, and shows the store’s current version of a paper', () => {
    const { clock, state, list } = setup();
    for (let i = 1; i <= 12; i += 1) {
      clock.advance(60_000);
      expect(list.save('u1', paper(`p${i}`, `Paper number ${i}`)).added).toBe(true);
    }
    expect(list.save('u1', paper('p3', 'Paper number 3'))).toEqual({ added: false, total: 12 });
    list.save('u2', { ...ATTENTION, authors: [] });
    const first = list.page('u1', 0, 5);
    expect([first.total, first.pages, first.entries.map((e) => e.paper.title)]).toEqual([12, 3, ['Paper number 12', 'Paper number 11', 'Paper number 10', 'Paper number 9', 'Paper number 8']]);
    expect(list.page('u1', 9, 5).entries.map((e) => e.paper.id)).toEqual(['p2', 'p1']);
    expect(list.page('u2', 0, 5).entries[0]!.paper.authors).toHaveLength(4);
    expect(list.find('u1', 'number 1', 25).map((e) => e.paper.id)).toEqual(['p12', 'p11', 'p10', 'p1']);
    expect(list.remove('u1', 'title:paper number 3')?.paper.id).toBe('p3');
    expect(list.remove('u1', 'title:paper number 3')).toBeUndefined();
    expect(list.count('u1')).toBe(11);
    state.close();
  });

  it('refuses a new paper on a full list and an export of an empty one', () => {
    const { state, list } = setup();
    for (let i = 0; i < READING_LIST_MAX; i += 1) state.readingList.save('u1', paper(`p${i}`, `Paper ${i}`));
    expect(() => list.save('u1', ATTENTION)).toThrow(ReadingListError);
    expect(list.save('u1', paper('p7', 'Paper 7')).added).toBe(false);
    expect(() => list.export('u9', 'bibtex')).toThrow(/Your reading list is empty/);
    expect(list.export('u1', 'markdown')).toMatchObject({ name: 'reading-list.md', count: READING_LIST_MAX });
    state.close();
  });
});
