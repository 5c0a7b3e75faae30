/** Identity helpers: stable ids, title normalisation for de-duplication, and paper links. */

/** Lower-case, diacritics off, punctuation folded to single spaces. Two titles are "the same paper" when this matches. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** URL-safe slug of a title, used as the id of a paper without an arXiv id. */
export function slugify(title: string, maxLength = 80): string {
  const slug = normalizeTitle(title).replace(/ /g, '-');
  if (slug.length <= maxLength) return slug;
  // Cut at a word boundary so ids stay readable.
  const cut = slug.slice(0, maxLength);
  const dash = cut.lastIndexOf('-');
  return dash > 20 ? cut.slice(0, dash) : cut;
}

// New-style (2301.12345, optional version) and old-style (cs/0112017) arXiv identifiers.
const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/i;

/** Accepts "2301.12345", "arXiv:2301.12345v2" or an arxiv.org abs/pdf URL; returns the bare id without version, or undefined. */
export function parseArxivId(input: string): string | undefined {
  const trimmed = input.trim();
  const fromUrl = /arxiv\.org\/(?:abs|pdf)\/([^?#\s]+?)(?:\.pdf)?(?:[?#].*)?$/i.exec(trimmed)?.[1];
  const candidate = (fromUrl ?? trimmed).replace(/^arxiv:/i, '');
  if (!ARXIV_ID.test(candidate)) return undefined;
  return candidate.replace(/v\d+$/i, '');
}

/** arXiv abs page when the id is known, otherwise an arXiv title search. */
export function paperUrl(title: string, arxivId?: string): string {
  if (arxivId) return `https://arxiv.org/abs/${arxivId}`;
  const query = new URLSearchParams({ query: title, searchtype: 'title' });
  return `https://arxiv.org/search/?${query.toString()}`;
}
