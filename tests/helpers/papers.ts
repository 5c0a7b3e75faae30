import type { Paper } from '../../src/corpus/types.js';

/** A corpus paper for fixtures: the fields a test names, the rest filled in. */
export const makePaper = (id: string, title: string, abstract: string, extra: Partial<Paper> = {}): Paper => ({
  id,
  title,
  abstract,
  authors: [],
  url: `https://example.org/${id}`,
  source: 'test',
  ...extra,
});
