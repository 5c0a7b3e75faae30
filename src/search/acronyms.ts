/**
 * Acronym definitions learnt from the corpus itself ("Graph Neural Networks (GNNs)", "knowledge distillation (KD)"),
 * so a query acronym can also match papers that only spell the long form, and no hand-made synonym list is needed.
 * The matching follows Schwartz & Hearst (2003) in spirit: the acronym's capitals must be the initials of the words
 * right before the parenthesis, in order, with short function words allowed in between.
 */
import { stemWord, tokenize } from './tokenize.js';

/** One definition found in a text. */
export interface AcronymDefinition {
  /** The acronym as an index term (lower-cased, plural s dropped, stemmed like any query word). */
  acronym: string;
  /** Index terms of the long form, in order. */
  longForm: string[];
}

// Function words that may sit inside a long form without an initial in the acronym ("Network In Network (NIN)"
// still needs the "in"; "Learning to Rank (LTR)" too — they are only skipped when their initial does not match).
const SKIPPABLE = new Set(['of', 'in', 'the', 'for', 'and', 'to', 'a', 'an', 'on', 'with', 'via', 'by']);

// "(GNNs)", "(LoRA)", "(ViT)", "(R-GCNs)": a capital, then letters/digits/hyphens with at least two capitals overall.
const PARENTHESISED = /\(\s*([A-Z][A-Za-z0-9-]{1,11}?)(s?)\s*\)/g;

/** All acronym definitions in `text`, in order of appearance (duplicates kept). */
export function extractAcronyms(text: string): AcronymDefinition[] {
  const out: AcronymDefinition[] = [];
  for (const match of text.matchAll(PARENTHESISED)) {
    const raw = match[1]!;
    const letters = [...raw].filter((c) => /[A-Z]/.test(c)).map((c) => c.toLowerCase());
    if (letters.length < 2 || letters.length > 8) continue;
    const before = text.slice(Math.max(0, match.index! - 200), match.index!);
    // Words before the parenthesis, hyphenated parts as separate words ("super-resolution" → super, resolution).
    const words = before.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const longForm = matchInitials(words, letters);
    if (!longForm) continue;
    const terms = tokenize(longForm.join(' '));
    if (terms.length < 2) continue;
    out.push({ acronym: stemWord(raw.replace(/-/g, '').toLowerCase()), longForm: terms });
  }
  return out;
}

/** The shortest run of trailing `words` whose initials spell `letters`, skipping function words; else undefined. */
function matchInitials(words: readonly string[], letters: readonly string[]): string[] | undefined {
  let li = letters.length - 1;
  let wi = words.length - 1;
  while (li >= 0 && wi >= 0) {
    const word = words[wi]!;
    const initial = word[0]!.toLowerCase();
    if (initial === letters[li]) {
      li--;
      wi--;
    } else if (SKIPPABLE.has(word.toLowerCase())) {
      wi--;
    } else {
      return undefined;
    }
  }
  return li < 0 ? words.slice(wi + 1) : undefined;
}
