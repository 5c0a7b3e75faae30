/** A sentence of a text, verbatim, with its character offsets in the source. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

// Abbreviations after which a period does not end a sentence (lower-cased, without the final period).
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'et al', 'al', 'vs', 'cf', 'fig', 'figs', 'eq', 'eqs', 'sec', 'secs', 'tab', 'no', 'nos', 'approx',
  'resp', 'ref', 'refs', 'dr', 'mr', 'ms', 'prof', 'st', 'vol', 'pp', 'ca', 'viz', 'incl', 'w.r.t', 'a.k.a', 'u.s',
  'ph.d', 'etc',
]);
// After these, a period ends the sentence only when a capitalised word follows.
const SOFT_ABBREVIATIONS = new Set(['etc', 'al', 'et al', 'no']);
// Inline math longer than this is taken for a lone dollar sign ("costs $5"), not LaTeX.
const MAX_MATH_LENGTH = 200;

/**
 * Splits prose (an abstract) into sentences that are exact substrings of the input.
 * Survives abbreviations ("e.g.", "et al.", "Fig. 2"), decimals ("0.1%", "7.5x"), URLs,
 * inline LaTeX (`$\mu$LO`) and a missing final period.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = skipSpace(text, 0);
  let inMath = false;
  for (let i = start; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch === '$') {
      if (text[i + 1] === '$') i += 1; // "$$" display math is one delimiter
      // Enter math only when it closes soon, so a lone "$5" cannot swallow the rest of the text.
      if (inMath) inMath = false;
      else {
        const close = text.indexOf('$', i + 1);
        inMath = close > i && close - i <= MAX_MATH_LENGTH;
      }
      continue;
    }
    if (inMath || (ch !== '.' && ch !== '!' && ch !== '?')) continue;
    // Take closing quotes/brackets and repeated punctuation into the sentence.
    let end = i + 1;
    while (end < text.length && /[.!?"'”’)\]]/.test(text[end]!)) end += 1;
    if (end < text.length && !/\s/.test(text[end]!)) continue; // "0.1", "a.b.c", URLs
    const next = skipSpace(text, end);
    if (next >= text.length) break;
    if (/[a-z]/.test(text[next]!)) continue; // "e.g. the", "(why?) in": a lower-case word continues the sentence
    if (ch === '.' && !isSentenceStart(text, next, wordBefore(text, i))) continue;
    pushSentence(sentences, text, start, end);
    start = next;
    i = next - 1;
  }
  if (start < text.length) pushSentence(sentences, text, start, trimEnd(text, text.length));
  return sentences;
}

/** The texts of `splitSentences`. */
export function sentenceTexts(text: string): string[] {
  return splitSentences(text).map((s) => s.text);
}

function pushSentence(out: Sentence[], text: string, start: number, end: number): void {
  const stop = trimEnd(text, end);
  if (stop > start) out.push({ text: text.slice(start, stop), start, end: stop });
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i += 1;
  return i;
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1]!)) e -= 1;
  return e;
}

/** The token that ends at the period at `dot`, lower-cased, e.g. "e.g", "al", "fig", "x". */
function wordBefore(text: string, dot: number): string {
  let s = dot;
  while (s > 0 && /[A-Za-z.]/.test(text[s - 1]!)) s -= 1;
  const token = text.slice(s, dot).toLowerCase();
  // "et al." is two words.
  if (token === 'al' && /\bet\s+$/i.test(text.slice(Math.max(0, s - 4), s))) return 'et al';
  return token;
}

function isSentenceStart(text: string, next: number, before: string): boolean {
  const first = text[next]!;
  if (SOFT_ABBREVIATIONS.has(before)) return /[A-Z]/.test(first) && !/^[A-Z][a-z]*\.?\s*\d/.test(text.slice(next, next + 8));
  if (ABBREVIATIONS.has(before)) return false;
  if (/\d/.test(first) && /^(fig|figs|eq|eqs|sec|tab|table|no|ref|vol|pp)$/.test(before)) return false;
  return true;
}
