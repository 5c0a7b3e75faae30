/**
 * Corpus-wide TF-IDF statistics for the answer builders: document frequencies, sparse vectors of papers and
 * sentences, and for each stem the surface word most often seen for it (the stem "residu" reads "residual"), so
 * term lists read as words.
 */
import type { PaperStore } from '../corpus/store.js';
import { analyze, normalizeText, tokenize, tokenizeQuery } from '../search/tokenize.js';
import type { Paper } from '../corpus/types.js';
import type { SparseVector } from './vectors.js';

export interface TermModel {
  /** Inverse document frequency of a stemmed term (smoothed; unseen terms get the highest value). */
  idf(term: string): number;
  /** Number of papers containing a stemmed term (estimated from the sample on a large corpus). */
  documentFrequency(term: string): number;
  /** L2-normalised TF-IDF vector of a paper (title + abstract). */
  paperVector(paper: Paper): SparseVector;
  /** L2-normalised TF-IDF vector of any text (a sentence, a title). */
  textVector(text: string): SparseVector;
  /** TF-IDF vector of a query: question words and request filler are dropped. */
  queryVector(text: string): SparseVector;
  /**
   * The readable word for a stem, or undefined when the stem never occurred as a whole word (e.g. "res" of "ResNet").
   * Known for every term of the sampled papers and of every paper vectorised.
   */
  surface(term: string): string | undefined;
  /** Number of papers counted. */
  readonly size: number;
}

const VECTOR_CACHE_SIZE = 512;

// Words of academic prose that say nothing about a paper's topic; kept in vectors, left out of term lists.
const GENERIC_STEMS: ReadonlySet<string> = new Set(
  tokenize(
    'still well new novel show shown shows showing propose proposed proposes based result results paper work many several ' +
      'often even much may one two three first second different various recent recently across without within ' +
      'significantly able due since make makes made achieve achieves achieved provide provides given present presents ' +
      'existing known including whether way ways order terms number study studies further furthermore moreover ' +
      'respectively particular particularly specifically simple demonstrate demonstrates lead leads allow allows ' +
      'previous previously despite important key yield yields obtain obtains towards considerably called named nearly',
  ),
);

/** Above this many papers, document frequencies are counted on an evenly spread sample of about this size. */
export const DF_SAMPLE_SIZE = 2000;

/**
 * Creates a model that follows `store`: papers added later are counted on the next call. Document frequencies come
 * from every paper up to {@link DF_SAMPLE_SIZE} papers, then from every k-th paper (IDF estimated from a few thousand
 * abstracts is practically the corpus IDF, and 100k abstracts would take tens of seconds to analyse).
 */
export function createTermModel(store: PaperStore, options: { sampleSize?: number } = {}): TermModel {
  const sampleSize = options.sampleSize ?? DF_SAMPLE_SIZE;
  const df = new Map<string, number>();
  // stem → surface word → count, only for surfaces that occurred as whole words; each paper counted once.
  const surfaces = new Map<string, Map<string, number>>();
  const surfacesOf = new Set<string>();
  let stride = 1;
  let scanned = 0;
  let sampled = 0;
  // Paper vectors depend on corpus statistics: cleared whenever papers are counted.
  const vectorCache = new Map<string, SparseVector>();

  const sync = (): void => {
    const papers = store.all();
    if (scanned === papers.length) return;
    const wanted = Math.max(1, Math.ceil(papers.length / sampleSize));
    if (wanted !== stride) {
      // The corpus outgrew the sample: draw it again, evenly over all papers.
      stride = wanted;
      df.clear();
      scanned = 0;
      sampled = 0;
    }
    for (let i = scanned; i < papers.length; i += 1) {
      if (i % stride !== 0) continue;
      countPaper(papers[i]!);
      sampled += 1;
    }
    scanned = papers.length;
    vectorCache.clear();
  };

  const countPaper = (paper: Paper): void => {
    const seen = new Set<string>();
    for (const token of countSurfaces(paper)) seen.add(token);
    for (const term of seen) df.set(term, (df.get(term) ?? 0) + 1);
  };

  /** The terms of a paper, recording their whole-word surfaces the first time the paper is seen. */
  const countSurfaces = (paper: Paper): string[] => {
    const text = `${paper.title}\n${paper.abstract}`;
    const tokens = analyze(text);
    if (!surfacesOf.has(paper.id)) {
      surfacesOf.add(paper.id);
      const words = new Set(normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? []);
      for (const token of tokens) {
        if (!words.has(token.surface)) continue;
        let forms = surfaces.get(token.term);
        if (!forms) surfaces.set(token.term, (forms = new Map()));
        forms.set(token.surface, (forms.get(token.surface) ?? 0) + 1);
      }
    }
    return tokens.map((t) => t.term);
  };

  const idf = (term: string): number => {
    sync();
    return Math.log((1 + sampled) / (1 + (df.get(term) ?? 0))) + 1;
  };

  const weigh = (terms: readonly string[]): SparseVector => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const vector = new Map<string, number>();
    let sumSquares = 0;
    for (const [term, count] of tf) {
      const w = (1 + Math.log(count)) * idf(term);
      vector.set(term, w);
      sumSquares += w * w;
    }
    const length = Math.sqrt(sumSquares);
    if (length > 0) for (const [term, w] of vector) vector.set(term, w / length);
    return vector;
  };

  return {
    idf,
    documentFrequency(term) {
      sync();
      return Math.round((df.get(term) ?? 0) * (scanned / Math.max(1, sampled)));
    },
    paperVector(paper) {
      sync();
      const cached = vectorCache.get(paper.id);
      if (cached) return cached;
      const vector = weigh(countSurfaces(paper));
      if (vectorCache.size >= VECTOR_CACHE_SIZE) vectorCache.delete(vectorCache.keys().next().value!);
      vectorCache.set(paper.id, vector);
      return vector;
    },
    textVector: (text) => weigh(tokenize(text)),
    queryVector: (text) => weigh(tokenizeQuery(text)),
    surface(term) {
      sync();
      const forms = surfaces.get(term);
      if (!forms) return undefined;
      let best: string | undefined;
      let bestCount = 0;
      // Most frequent form; ties to the shorter, then alphabetically first, so the choice is stable.
      for (const [form, count] of forms) {
        if (best === undefined || count > bestCount || (count === bestCount && (form.length < best.length || (form.length === best.length && form < best)))) {
          best = form;
          bestCount = count;
        }
      }
      return best;
    },
    get size() {
      sync();
      return scanned;
    },
  };
}

/**
 * The `limit` heaviest terms of `vector` that have a readable surface word, as words (duplicates of one word removed),
 * optionally only among terms accepted by `keep`. Ties go to the alphabetically first term.
 */
export function topWords(model: TermModel, vector: SparseVector, limit: number, keep: (term: string) => boolean = () => true): { term: string; word: string; weight: number }[] {
  const out: { term: string; word: string; weight: number }[] = [];
  const words = new Set<string>();
  const ranked = [...vector].filter(([term]) => keep(term)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [term, weight] of ranked) {
    if (out.length >= limit) break;
    const word = model.surface(term);
    // Numbers, two-letter fragments and generic prose read badly in a term list.
    if (word === undefined || word.length < 3 || /^\d/.test(word) || GENERIC_STEMS.has(term) || words.has(word)) continue;
    words.add(word);
    out.push({ term, word, weight });
  }
  return out;
}
