/**
 * CLI handlers of the answer commands: summarize, ask, compare, similar, paper. Each prints readable text, or with
 * `--json` exactly one JSON object on stdout. Exit codes: 0 ok, 2 usage error or a paper reference that does not
 * resolve to one paper (candidates / closest titles on stderr).
 */
import type { App } from '../app/types.js';
import { checkQueryLength, EXIT_CODES, intFlag, modeFlag, modelIsOnDisk, reportFailure, usageFailure, UsageError, type CliFailure, type CliIo, type ParsedArgs } from './args.js';
import { AnswerInputError } from '../answers/errors.js';
import { PaperLookupError, type Answer, type Citation, type Comparison, type PaperSummary, type Quote, type SimilarPapers, type TopicSummary } from '../answers/types.js';
import type { Paper } from '../corpus/types.js';
import type { SearchMode, SearchResult } from '../search/types.js';
import { LIMITS } from '../shared/limits.js';

/** Where a command writes. */
export type AnswerOutput = Pick<CliIo, 'stdout' | 'stderr'>;

/** The commands handled here. */
export const ANSWER_COMMANDS = ['summarize', 'ask', 'compare', 'similar', 'paper'] as const;
export type AnswerCommand = (typeof ANSWER_COMMANDS)[number];


const MAX_SENTENCES = LIMITS.summarySentences.max;
const MAX_SIMILAR = LIMITS.cliSimilarResults;
const FLAGS: Record<AnswerCommand, readonly string[]> = {
  summarize: ['json', 'sentences', 'topic', 'mode'],
  ask: ['json', 'sentences', 'mode'],
  compare: ['json'],
  similar: ['json', 'limit'],
  paper: ['json'],
};
/** The example of each command shown in its usage errors (run by the examples test). */
export const EXAMPLES: Record<AnswerCommand, string> = {
  summarize: 'summarize "How Powerful are Graph Neural Networks?" [--sentences 3] | summarize --topic "graph neural networks"',
  ask: 'ask "How do residual connections help training?"',
  compare: 'compare "Deep Residual Learning for Image Recognition" "Wide Residual Networks"',
  similar: 'similar "Wide Residual Networks" [--limit 5]',
  paper: 'paper "Wide Residual Networks"',
};

/**
 * Runs one answer command against `app` and returns its exit code. Usage errors, unresolved paper references and
 * invalid requests are reported on stderr with exit code 2; any other failure is thrown to the caller.
 */
export async function runAnswerCommand(app: App, command: string, args: ParsedArgs, out: AnswerOutput): Promise<number> {
  try {
    if (!isAnswerCommand(command)) throw new UsageError(`unknown command "${command}"; answer commands: ${ANSWER_COMMANDS.join(', ')}`);
    checkFlags(command, args);
    const json = args.flags.json === true;
    const print = (value: object, text: () => string) => out.stdout(json ? `${JSON.stringify(value)}\n` : `${text()}\n`);
    switch (command) {
      case 'summarize': {
        const sentences = intFlag(args, 'sentences', 1, MAX_SENTENCES);
        const topic = topicOf(args);
        if (topic !== undefined) {
          const mode = modeFlag(args);
          if (mode !== 'keyword') await app.semanticReady;
          const summary = await app.answers.summarizeTopic(topic, { ...(sentences ? { sentences } : {}), ...(mode ? { mode } : {}) });
          print(topicJson(summary), () => formatTopic(summary));
          return 0;
        }
        if (args.flags.mode !== undefined) throw new UsageError('--mode applies to summarize --topic only');
        const reference = single(command, args);
        app.answers.resolve(reference);
        await semanticIfOnDisk(app);
        const summary = await app.answers.summarizePaper(reference, sentences ? { sentences } : {});
        print(summaryJson(summary), () => formatSummary(summary));
        return 0;
      }
      case 'ask': {
        const question = checkQueryLength(single(command, args));
        const sentences = intFlag(args, 'sentences', 1, MAX_SENTENCES);
        const mode = modeFlag(args);
        if (mode !== 'keyword') await app.semanticReady;
        const answer = await app.answers.ask(question, { ...(sentences ? { sentences } : {}), ...(mode ? { mode } : {}) });
        print(answerJson(answer), () => formatAnswer(answer));
        return 0;
      }
      case 'compare': {
        const references = args.positionals.map((p) => p.trim()).filter((p) => p !== '');
        if (references.length < 2 || references.length > 4) {
          throw new UsageError(`compare needs 2 to 4 papers, each quoted (got ${references.length}); e.g. ${EXAMPLES.compare}`);
        }
        // Lookups first: a wrong title is reported at once, without waiting for the model.
        for (const reference of references) app.answers.resolve(reference);
        await semanticIfOnDisk(app);
        const comparison = await app.answers.compare(references);
        print(comparisonJson(comparison), () => formatComparison(comparison));
        return 0;
      }
      case 'similar': {
        const reference = single(command, args);
        const limit = intFlag(args, 'limit', 1, MAX_SIMILAR);
        app.answers.resolve(reference);
        await semanticIfOnDisk(app);
        const result = await app.answers.similar(reference, limit ? { limit } : {});
        print(similarJson(result), () => formatSimilar(result));
        return 0;
      }
      case 'paper': {
        const paper = app.answers.resolve(single(command, args));
        print({ paper: paperJson(paper) }, () => formatPaper(paper));
        return 0;
      }
    }
  } catch (error) {
    const json = args.flags.json === true;
    if (error instanceof PaperLookupError) return reportFailure(out, json, lookupFailure(error));
    if (error instanceof UsageError) return reportFailure(out, json, usageFailure(error.message));
    if (error instanceof AnswerInputError) return reportFailure(out, json, { code: 'invalid_input', message: error.message, exit: EXIT_CODES.usage });
    throw error;
  }
}

/**
 * Compare, similar and summarize of one paper answer with or without the model: they use it when it loads from
 * disk, and never wait for a download (search, ask and summarize --topic do).
 */
async function semanticIfOnDisk(app: App): Promise<void> {
  if (modelIsOnDisk(app.config.embeddings)) await app.semanticReady;
}

function isAnswerCommand(command: string): command is AnswerCommand {
  return (ANSWER_COMMANDS as readonly string[]).includes(command);
}

function checkFlags(command: AnswerCommand, args: ParsedArgs): void {
  for (const flag of Object.keys(args.flags)) {
    if (!FLAGS[command].includes(flag)) throw new UsageError(`--${flag} is not an option of ${command}; e.g. ${EXAMPLES[command]}`);
  }
}

/** The one free-text argument of a command (unquoted words are joined). */
function single(command: AnswerCommand, args: ParsedArgs): string {
  const text = args.positionals.join(' ').trim();
  if (text === '') throw new UsageError(`${command} needs ${command === 'ask' ? 'a question' : 'a paper (id, arXiv id or title)'}; e.g. ${EXAMPLES[command]}`);
  return text;
}

/** `--topic "<query>"`, or `--topic` followed by the query as positional words. */
function topicOf(args: ParsedArgs): string | undefined {
  const raw = args.flags.topic;
  if (raw === undefined || raw === false) return undefined;
  const topic = (typeof raw === 'string' ? [raw, ...args.positionals] : args.positionals).join(' ').trim();
  if (topic === '') throw new UsageError(`summarize --topic needs a query; e.g. ${EXAMPLES.summarize}`);
  return checkQueryLength(topic);
}

// --- JSON shapes: cited papers carry id, title and url; every quoted sentence carries the paperId it comes from.

function quoteJson(quote: Quote) {
  return { text: quote.text, paperId: quote.paperId, ...(quote.marker !== undefined ? { marker: quote.marker } : {}) };
}

function citationJson(citation: Citation) {
  return { id: citation.id, title: citation.title, url: citation.url };
}

function resultJson(result: SearchResult) {
  return { id: result.id, title: result.title, url: result.url, score: result.score, evidence: { text: result.evidence, paperId: result.id } };
}

/** `--json` of summarize "<paper>". */
export function summaryJson(summary: PaperSummary) {
  return { paper: citationJson(summary.paper), method: summary.method, sentences: summary.sentences.map(quoteJson) };
}

/** `--json` of summarize --topic. */
export function topicJson(summary: TopicSummary) {
  return {
    query: summary.query,
    mode: summary.mode,
    weak: summary.weak,
    ...(summary.note ? { note: summary.note } : {}),
    sentences: summary.sentences.map(quoteJson),
    citations: summary.citations.map(citationJson),
  };
}

/** `--json` of ask. */
export function answerJson(answer: Answer) {
  return {
    question: answer.question,
    mode: answer.mode,
    covered: answer.covered,
    ...(answer.note ? { note: answer.note } : {}),
    sentences: answer.sentences.map(quoteJson),
    citations: answer.citations.map(citationJson),
    papers: answer.papers.map(resultJson),
  };
}

/** `--json` of compare. */
export function comparisonJson(comparison: Comparison) {
  return {
    papers: comparison.papers.map(citationJson),
    similarity: comparison.similarity,
    pairwise: comparison.pairwise,
    sharedTerms: comparison.sharedTerms,
    distinctiveTerms: comparison.distinctiveTerms,
    rows: comparison.rows.map((row) => ({ aspect: row.aspect, cells: row.cells.map((cell) => (cell ? quoteJson(cell) : null)) })),
    related: comparison.related.map(citationJson),
  };
}

/** `--json` of similar. */
export function similarJson(result: SimilarPapers) {
  return {
    paper: citationJson(result.paper),
    results: result.results.map((r) => ({ ...citationJson(r.paper), score: r.score, evidence: r.evidence })),
  };
}

/** The full record of a paper, as stored. */
export function paperJson(paper: Paper) {
  return {
    id: paper.id,
    title: paper.title,
    url: paper.url,
    ...(paper.arxivId ? { arxivId: paper.arxivId } : {}),
    authors: paper.authors,
    ...(paper.publishedAt ? { publishedAt: paper.publishedAt } : {}),
    ...(paper.upvotes !== undefined ? { upvotes: paper.upvotes } : {}),
    abstract: paper.abstract,
    source: paper.source,
  };
}

// --- Readable output: titles cited, quotes in “…”.

function quoted(text: string): string {
  return `“${text}”`;
}

function sources(citations: readonly Citation[]): string[] {
  return citations.map((c, i) => `  [${i + 1}] ${c.title} — ${c.url}`);
}

/** Readable summarize "<paper>". */
export function formatSummary(summary: PaperSummary): string {
  return [
    summary.paper.title,
    summary.paper.url,
    '',
    `Key sentences (${summary.method === 'embedding' ? 'by meaning' : 'by shared terms'}):`,
    ...summary.sentences.map((s) => `  • ${quoted(s.text)}`),
  ].join('\n');
}

/** Readable summarize --topic. */
export function formatTopic(summary: TopicSummary): string {
  const lines = [`Topic: "${summary.query}" (${summary.mode})`];
  if (summary.note) lines.push(`note: ${summary.note}`);
  lines.push('');
  if (summary.sentences.length === 0) lines.push('No sentence of the corpus covers this topic.');
  for (const s of summary.sentences) lines.push(`  [${s.marker ?? '?'}] ${quoted(s.text)}`);
  if (summary.citations.length > 0) lines.push('', summary.weak ? 'Nearest papers:' : 'Sources:', ...sources(summary.citations));
  return lines.join('\n');
}

/** Readable ask. */
export function formatAnswer(answer: Answer): string {
  const lines = [`Q: ${answer.question} (${answer.mode})`];
  if (answer.note) lines.push(`note: ${answer.note}`);
  lines.push('');
  for (const s of answer.sentences) lines.push(`  [${s.marker ?? '?'}] ${quoted(s.text)}`);
  if (answer.citations.length > 0) lines.push('', 'Sources:', ...sources(answer.citations));
  const cited = new Set(answer.citations.map((c) => c.id));
  const more = answer.papers.filter((p) => !cited.has(p.id));
  if (more.length > 0) {
    lines.push('', answer.covered ? 'Also relevant:' : 'Nearest papers:');
    for (const p of more) lines.push(`  • ${p.title} — ${p.url}`);
  }
  return lines.join('\n');
}

const LETTERS = 'ABCD';

/** Readable compare: the papers, similarity, terms, then the aligned problem / method / result rows. */
export function formatComparison(c: Comparison): string {
  const letter = (i: number) => LETTERS[i] ?? String(i + 1);
  const lines = ['Comparing:', ...c.papers.map((p, i) => `  ${letter(i)}. ${p.title} — ${p.url}`), ''];
  lines.push(`Similarity: ${c.similarity.toFixed(2)}${c.papers.length > 2 ? ' (mean of pairs)' : ''}`);
  if (c.papers.length > 2) {
    for (let i = 0; i < c.papers.length; i += 1) {
      for (let j = i + 1; j < c.papers.length; j += 1) lines.push(`  ${letter(i)}–${letter(j)}: ${c.pairwise[i]![j]!.toFixed(2)}`);
    }
  }
  lines.push(`Shared terms: ${c.sharedTerms.length > 0 ? c.sharedTerms.join(', ') : '(none)'}`, 'Distinctive terms:');
  c.papers.forEach((p, i) => lines.push(`  ${letter(i)}. ${(c.distinctiveTerms[p.id] ?? []).join(', ') || '(none)'}`));
  for (const row of c.rows) {
    lines.push('', `${row.aspect[0]!.toUpperCase()}${row.aspect.slice(1)}:`);
    row.cells.forEach((cell, i) => lines.push(`  ${letter(i)}. ${cell ? quoted(cell.text) : '(not stated)'}`));
  }
  if (c.related.length > 0) lines.push('', 'Related papers:', ...c.related.map((p) => `  • ${p.title} — ${p.url}`));
  return lines.join('\n');
}

/** Readable similar. */
export function formatSimilar(result: SimilarPapers): string {
  const lines = [`Papers like "${result.paper.title}":`];
  if (result.results.length === 0) lines.push('  (none found)');
  result.results.forEach((r, i) => {
    lines.push(`${String(i + 1).padStart(3)}. ${r.paper.title} (${r.score.toFixed(2)}) — ${r.paper.url}`, `     ${r.evidence}`);
  });
  return lines.join('\n');
}

/** Readable full record. */
export function formatPaper(paper: Paper): string {
  const lines = [paper.title, paper.url, '', `id: ${paper.id}`];
  if (paper.arxivId) lines.push(`arXiv: ${paper.arxivId}`);
  if (paper.authors.length > 0) lines.push(`authors: ${paper.authors.join(', ')}`);
  if (paper.publishedAt) lines.push(`published: ${paper.publishedAt}`);
  if (paper.upvotes !== undefined) lines.push(`upvotes: ${paper.upvotes}`);
  lines.push(`source: ${paper.source}`, '', paper.abstract);
  return lines.join('\n');
}

/** Papers that fit an ambiguous reference but are not listed. */
function unlistedCount(result: { candidates: readonly unknown[]; total?: number }): number {
  return Math.max(0, (result.total ?? result.candidates.length) - result.candidates.length);
}

function moreLine(count: number): string[] {
  return count > 0 ? [`  … and ${count} more`] : [];
}

/** What to tell the user when a reference names no paper or several (exit code 2). */
export function lookupFailure(error: PaperLookupError): CliFailure {
  const result = error.result;
  if (result.kind === 'ambiguous') {
    return {
      code: 'ambiguous',
      message: `"${result.query}" matches several papers: name one by its id or by more of its title`,
      exit: EXIT_CODES.usage,
      details: [...result.candidates.map((p) => `  - ${p.title} (id: ${p.id})`), ...moreLine(unlistedCount(result))],
    };
  }
  return {
    code: 'not_found',
    message: `no paper matches "${result.query}"`,
    exit: EXIT_CODES.usage,
    ...(result.closest.length > 0 ? { details: ['Closest titles:', ...result.closest.map((p) => `  - ${p.title} (id: ${p.id})`)] } : {}),
  };
}
