/**
 * Answer-quality measures for the evaluation: the covered flag on on-topic vs off-topic queries, where summaries
 * start and whether they keep the key sentence, and whether compare cells hold a sentence of the right role.
 */
import type { Answers } from '../src/answers/types.js';
import type { SearchResponse } from '../src/search/types.js';
import type { LabelledPaper, RoleLabel } from './eval-labels.js';

/** The covered flag against labels: on-topic queries should be covered, off-topic ones not. */
export interface CoverageFigures {
  onTopic: number;
  offTopic: number;
  /** Share of on-topic queries flagged covered (recall of the flag). */
  onTopicKept: number;
  /** Share of off-topic queries flagged not covered. */
  offTopicFlagged: number;
  /** Covered flags that are right: on-topic covered / all covered. */
  precision: number;
  /** Off-topic queries wrongly covered, and on-topic ones wrongly flagged (for reading). */
  errors: { query: string; expected: 'covered' | 'not covered' }[];
}

export async function measureCoverage(
  search: (query: string) => Promise<SearchResponse>,
  onTopic: readonly string[],
  offTopic: readonly string[],
): Promise<CoverageFigures> {
  const covered = async (q: string) => {
    const r = await search(q);
    return !r.weak && r.results.length > 0;
  };
  const errors: CoverageFigures['errors'] = [];
  let kept = 0;
  for (const q of onTopic) if (await covered(q)) kept += 1;
  else errors.push({ query: q, expected: 'covered' });
  let wronglyCovered = 0;
  for (const q of offTopic) if (await covered(q)) {
    wronglyCovered += 1;
    errors.push({ query: q, expected: 'not covered' });
  }
  return {
    onTopic: onTopic.length,
    offTopic: offTopic.length,
    onTopicKept: onTopic.length ? kept / onTopic.length : 0,
    offTopicFlagged: offTopic.length ? 1 - wronglyCovered / offTopic.length : 0,
    precision: kept + wronglyCovered > 0 ? kept / (kept + wronglyCovered) : 0,
    errors,
  };
}

/**
 * The semantic threshold (`MIN_RELEVANCE`) that best separates on-topic from off-topic queries by their best
 * semantic similarity: the midpoint between neighbouring scores that maximises on-topic kept + off-topic flagged
 * (ties to the higher threshold). Run on the development set for the model in use.
 */
export function chooseThreshold(onTopic: readonly number[], offTopic: readonly number[]): { threshold: number; accuracy: number } {
  const all = [...onTopic, ...offTopic].sort((a, b) => a - b);
  const candidates = [0, ...all.slice(1).map((x, i) => (x + all[i]!) / 2), (all.at(-1) ?? 0) + 1e-6];
  let best = { threshold: 1, accuracy: -1 };
  for (const t of candidates) {
    const right = onTopic.filter((x) => x >= t).length + offTopic.filter((x) => x < t).length;
    const accuracy = right / Math.max(1, onTopic.length + offTopic.length);
    if (accuracy >= best.accuracy) best = { threshold: t, accuracy };
  }
  return best;
}

/** Best semantic similarity among a response's results (0 without a semantic signal). */
export function bestSemantic(response: SearchResponse): number {
  return response.results.reduce((m, r) => Math.max(m, r.signals.semantic ?? 0), 0);
}

/** Where summaries start and what they keep. */
export interface SummaryFigures {
  papers: number;
  /** Share of papers whose summary opens with the key sentence or a contribution sentence. */
  firstIsKeyOrContribution: number;
  /** Share of papers whose default summary contains the key sentence. */
  keyInSummary: number;
  /** Papers whose summary misses either: indices, and the opening and key sentences to read. */
  misses: { title: string; first: number; key: number; chosen: number[]; firstText: string; keyText: string }[];
}

/** Scores a summariser: `summarize` returns the chosen sentences of a paper, first sentence first. */
export async function measureSummaries(labelled: readonly LabelledPaper[], summarize: (p: LabelledPaper) => Promise<string[]>): Promise<SummaryFigures> {
  let first = 0;
  let key = 0;
  const misses: SummaryFigures['misses'] = [];
  for (const l of labelled) {
    const chosen = (await summarize(l)).map((text) => l.sentences.indexOf(text));
    const opener = chosen[0] ?? -1;
    const goodFirst = opener === l.key || l.roles[opener] === 'contribution';
    const hasKey = chosen.includes(l.key);
    if (goodFirst) first += 1;
    if (hasKey) key += 1;
    if (!goodFirst || !hasKey) misses.push({ title: l.paper.title, first: opener, key: l.key, chosen, firstText: l.sentences[opener] ?? '', keyText: l.sentences[l.key]! });
  }
  const n = labelled.length || 1;
  return { papers: labelled.length, firstIsKeyOrContribution: first / n, keyInSummary: key / n, misses };
}

/** The default summary of the app, as a summariser for {@link measureSummaries}. */
export function appSummaries(answers: Answers): (p: LabelledPaper) => Promise<string[]> {
  return async (l) => (await answers.summarizePaper(l.paper.id)).sentences.map((s) => s.text);
}

/**
 * The one-line rule the issue compares against: the first sentence where the authors say what they do ("we propose /
 * show / introduce …", "in this paper"), else the first sentence; then the next two sentences in order.
 */
export async function cueRuleSummary(l: LabelledPaper): Promise<string[]> {
  const cue = /\b(?:we|this (?:paper|work))\s+(?:propose|show|introduce|present|develop|describe)|\bin this (?:paper|work)\b/i;
  const at = Math.max(0, l.sentences.findIndex((s) => cue.test(s)));
  return l.sentences.slice(at, at + 3);
}

const ROW_ROLE: Record<string, RoleLabel> = { problem: 'problem', method: 'contribution', result: 'result' };

/** Compare cells holding a sentence of the row's role (or "not stated" when the abstract has none of that role). */
export interface CompareFigures {
  cells: number;
  accuracy: number;
  /** Cells filled with a sentence of another role, and cells left empty although the role is stated. */
  wrong: { title: string; aspect: string; got: RoleLabel | 'not stated'; text: string }[];
}

/** Compares labelled papers in pairs (each paper once, the last with the first when the count is odd). */
export async function measureCompare(labelled: readonly LabelledPaper[], answers: Answers): Promise<CompareFigures> {
  let cells = 0;
  let right = 0;
  const wrong: CompareFigures['wrong'] = [];
  for (let i = 0; i < labelled.length; i += 2) {
    const pair = [labelled[i]!, labelled[i + 1] ?? labelled[0]!];
    if (pair[0] === pair[1]) continue;
    const comparison = await answers.compare(pair.map((l) => l.paper.id));
    // Only the first column counts for a wrapped-around pair, so each paper is scored once.
    const columns = labelled[i + 1] ? [0, 1] : [0];
    for (const row of comparison.rows) {
      const role = ROW_ROLE[row.aspect]!;
      for (const c of columns) {
        const l = pair[c]!;
        const cell = row.cells[c];
        const got: RoleLabel | 'not stated' = cell ? (l.roles[l.sentences.indexOf(cell.text)] ?? 'other') : 'not stated';
        const ok = cell ? got === role : !l.roles.includes(role);
        cells += 1;
        if (ok) right += 1;
        else wrong.push({ title: l.paper.title, aspect: row.aspect, got, text: cell?.text ?? '' });
      }
    }
  }
  return { cells, accuracy: cells ? right / cells : 0, wrong };
}
