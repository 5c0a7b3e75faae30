/**
 * Turns answers of the core into Discord embeds: titles linked to papers, quoted evidence, a compact "why it
 * matched", and a footer with the mode and the time taken. Every text is escaped and fitted to Discord's limits
 * here already (the responder fits the message as a whole once more).
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { AppStatus } from '../app/types.js';
import type { Answer, Citation, Comparison, PaperSummary, Quote, SimilarPapers, TopicSummary } from '../answers/types.js';
import type { Paper } from '../corpus/types.js';
import type { SearchMode, SearchResponse, SearchResult } from '../search/types.js';
import {
  escapeCorpusText,
  escapeUserText,
  formatElapsed,
  formatScore,
  formatUptime,
  markdownLink,
  plural,
  quoteBlock,
} from './format.js';
import { DISCORD_LIMITS, fitEmbed, fitLines, truncateText } from './limits.js';

/** Embed colours: normal answers, weak answers (nothing covers the question well), information. */
export const COLORS = { result: 0x3b82f6, weak: 0xf59e0b, info: 0x64748b } as const;

/** Footer text from its parts, e.g. "hybrid · 5 results · 120 ms". */
export function footerText(...parts: (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' · ');
}

/** "keyword" or "keyword (semantic requested)". */
export function describeMode(mode: SearchMode, requested?: SearchMode): string {
  return requested && requested !== mode ? `${mode} (${requested} unavailable)` : mode;
}

/** The compact "why this matched" line of a search result. */
export function describeMatch(result: SearchResult): string {
  const { keywordRank, semanticRank } = result.signals;
  const why = [
    keywordRank !== null ? `keyword #${keywordRank}` : undefined,
    semanticRank !== null ? `meaning #${semanticRank}` : undefined,
  ].filter(Boolean);
  return `score ${formatScore(result.score)}${why.length > 0 ? ` · matched by ${why.join(', ')}` : ''}`;
}

/** One search page: one embed per result; the last carries the footer. */
export function searchEmbeds(
  response: SearchResponse,
  page: { index: number; offset: number; hasNext: boolean; elapsedMs: number },
): { content: string; embeds: APIEmbed[] } {
  const query = escapeUserText(response.query);
  const header = `Results for “${truncateText(query, 300)}”${page.index > 0 ? ` — page ${page.index + 1}` : ''}`;
  const notes = [
    response.results.length === 0 ? 'No paper in the corpus matches that. Try other words, or /ask a question.' : undefined,
    response.note ? escapeCorpusText(response.note) : undefined,
  ].filter(Boolean);
  const color = response.weak ? COLORS.weak : COLORS.result;
  const embeds = response.results.map(
    (result, i): APIEmbed => ({
      title: `${page.offset + i + 1}. ${escapeCorpusText(result.title)}`,
      url: result.url,
      description: `${quoteBlock(truncateText(escapeCorpusText(result.evidence), 600))}\n*${describeMatch(result)}*`,
      color,
    }),
  );
  const final = embeds.at(-1);
  if (final) {
    const first = page.offset + 1;
    const last = page.offset + response.results.length;
    const total = Math.max(response.total ?? 0, last);
    const range = total > last || page.hasNext ? `results ${first}–${last} of ${total}` : `results ${first}–${last}`;
    final.footer = { text: footerText(describeMode(response.mode, response.requestedMode), range, formatElapsed(page.elapsedMs)) };
  }
  return { content: [`**${header}**`, ...notes].join('\n'), embeds: embeds.map(fitEmbed) };
}

/** Quote lines with citation markers: `> sentence` then ` — [2]`. */
function quoteLines(quotes: readonly Quote[], withMarkers: boolean): string[] {
  return quotes.map((q) => {
    const marker = withMarkers && q.marker !== undefined ? ` **[${q.marker}]**` : '';
    return `${quoteBlock(truncateText(escapeCorpusText(q.text), 900))}${marker}`;
  });
}

/** `[1] [Title](url)` lines. */
function citationLines(citations: readonly Citation[]): string[] {
  return citations.map((c, i) => `**[${i + 1}]** ${markdownLink(truncateText(escapeCorpusText(c.title), 200), c.url)}`);
}

function sourcesField(citations: readonly Citation[], name = 'Sources'): APIEmbedField | undefined {
  if (citations.length === 0) return undefined;
  return { name, value: fitLines(citationLines(citations), DISCORD_LIMITS.fieldValue) };
}

/** `/ask` (and mentions): the best answering sentences, quoted, with their sources. */
export function answerEmbed(answer: Answer, elapsedMs: number): APIEmbed {
  const lines = quoteLines(answer.sentences, answer.citations.length > 1);
  // An uncovered question quotes nothing; its note (shown once, below) says so.
  const description = fitLines(lines.length > 0 ? lines : ['No sentence answers this.'], 3500, '\n\n');
  const fields = [sourcesField(answer.citations)].filter((f): f is APIEmbedField => f !== undefined);
  if (answer.note) fields.push({ name: 'Note', value: escapeCorpusText(answer.note) });
  return fitEmbed({
    title: truncateText(escapeUserText(answer.question), DISCORD_LIMITS.embedTitle),
    ...(answer.citations.length === 1 && answer.citations[0] ? { url: answer.citations[0].url } : {}),
    description,
    fields,
    color: answer.covered ? COLORS.result : COLORS.weak,
    footer: { text: footerText(answer.mode, plural(answer.citations.length, 'paper'), formatElapsed(elapsedMs)) },
  });
}

/** `/summarize paper`: the central sentences of one abstract. */
export function paperSummaryEmbed(summary: PaperSummary, elapsedMs: number): APIEmbed {
  return fitEmbed({
    title: escapeCorpusText(summary.paper.title),
    url: summary.paper.url,
    description: fitLines(quoteLines(summary.sentences, false), 3500, '\n\n'),
    color: COLORS.result,
    footer: {
      text: footerText(
        'summary',
        plural(summary.sentences.length, 'sentence'),
        summary.method === 'embedding' ? 'by meaning' : 'by word weight',
        formatElapsed(elapsedMs),
      ),
    },
  });
}

/** `/summarize topic`: sentences across the top papers, with sources. */
export function topicSummaryEmbed(summary: TopicSummary, elapsedMs: number): APIEmbed {
  const lines = quoteLines(summary.sentences, true);
  const fields = [sourcesField(summary.citations)].filter((f): f is APIEmbedField => f !== undefined);
  if (summary.note) fields.push({ name: 'Note', value: escapeCorpusText(summary.note) });
  return fitEmbed({
    title: `Topic: ${truncateText(escapeUserText(summary.query), 240)}`,
    description: fitLines(lines.length > 0 ? lines : ['Nothing to summarise.'], 3500, '\n\n'),
    fields,
    color: summary.weak ? COLORS.weak : COLORS.result,
    footer: { text: footerText('topic summary', summary.mode, plural(summary.citations.length, 'paper'), formatElapsed(elapsedMs)) },
  });
}

const ASPECT_NAMES = { problem: 'Problem', method: 'Method', result: 'Result' } as const;

/** `/compare`: aligned problem / method / result quotes, shared and distinctive terms, similarity. */
export function comparisonEmbed(comparison: Comparison, elapsedMs: number): APIEmbed {
  const papers = comparison.papers;
  const fields: APIEmbedField[] = [];
  for (const row of comparison.rows) {
    const cells = row.cells.map((cell, i) =>
      cell ? `**[${i + 1}]** ${truncateText(escapeCorpusText(cell.text), 400)}` : `**[${i + 1}]** *(not stated)*`,
    );
    fields.push({ name: ASPECT_NAMES[row.aspect], value: fitLines(cells, DISCORD_LIMITS.fieldValue) });
  }
  if (comparison.sharedTerms.length > 0) {
    fields.push({ name: 'Shared terms', value: truncateText(comparison.sharedTerms.map(escapeCorpusText).join(', '), 1000) });
  }
  const distinct = papers
    .map((p, i) => {
      const terms = comparison.distinctiveTerms[p.id] ?? [];
      return terms.length > 0 ? `**[${i + 1}]** ${terms.slice(0, 8).map(escapeCorpusText).join(', ')}` : undefined;
    })
    .filter((line): line is string => line !== undefined);
  if (distinct.length > 0) fields.push({ name: 'What sets each apart', value: fitLines(distinct, DISCORD_LIMITS.fieldValue) });
  if (papers.length > 2) {
    const pairs: string[] = [];
    for (let i = 0; i < papers.length; i += 1) {
      for (let j = i + 1; j < papers.length; j += 1) {
        pairs.push(`[${i + 1}]–[${j + 1}] ${formatScore(comparison.pairwise[i]?.[j] ?? 0)}`);
      }
    }
    fields.push({ name: 'Pairwise similarity', value: pairs.join(' · '), inline: false });
  }
  const related = sourcesField(comparison.related, 'Related papers');
  if (related) fields.push({ ...related, value: fitLines(comparison.related.map((c) => `• ${markdownLink(truncateText(escapeCorpusText(c.title), 200), c.url)}`), DISCORD_LIMITS.fieldValue) });
  return fitEmbed({
    title: `Comparing ${plural(papers.length, 'paper')}`,
    description: fitLines(
      [...citationLines(papers), '', `Overall similarity: **${formatScore(comparison.similarity)}** (0 = unrelated, 1 = same)`],
      DISCORD_LIMITS.embedDescription,
    ),
    fields,
    color: COLORS.result,
    footer: { text: footerText('comparison', formatElapsed(elapsedMs)) },
  });
}

/** `/similar` and the Similar button: the nearest papers with what they share. */
export function similarEmbed(similar: SimilarPapers, elapsedMs: number): APIEmbed {
  const lines = similar.results.map(
    (r, i) =>
      `**${i + 1}.** ${markdownLink(truncateText(escapeCorpusText(r.paper.title), 200), r.paper.url)} · ${formatScore(r.score)}\n${quoteBlock(truncateText(escapeCorpusText(r.evidence), 300))}`,
  );
  return fitEmbed({
    title: `Papers like “${truncateText(escapeCorpusText(similar.paper.title), 230)}”`,
    url: similar.paper.url,
    description: lines.length > 0 ? fitLines(lines, 3800, '\n\n') : 'No similar papers in the corpus.',
    color: COLORS.result,
    footer: { text: footerText('similar papers', plural(similar.results.length, 'result'), formatElapsed(elapsedMs)) },
  });
}

/** `/paper`: the full abstract and details. */
export function paperEmbed(paper: Paper): APIEmbed {
  const fields: APIEmbedField[] = [];
  if (paper.authors.length > 0) {
    const shown = paper.authors.slice(0, 12).map(escapeCorpusText).join(', ');
    fields.push({ name: 'Authors', value: paper.authors.length > 12 ? `${shown}, and ${paper.authors.length - 12} more` : shown });
  }
  if (paper.publishedAt) fields.push({ name: 'Published', value: paper.publishedAt.slice(0, 10), inline: true });
  if (paper.arxivId) fields.push({ name: 'arXiv', value: markdownLink(paper.arxivId, paper.url), inline: true });
  if (paper.upvotes !== undefined) fields.push({ name: 'Upvotes', value: String(paper.upvotes), inline: true });
  return fitEmbed({
    title: escapeCorpusText(paper.title),
    url: paper.url,
    description: escapeCorpusText(paper.abstract),
    fields,
    color: COLORS.info,
    footer: { text: footerText(`id ${paper.id}`) },
  });
}

/** `/about`: corpus, model and semantic status (with why it is off), uptime, version. */
export function aboutEmbed(status: AppStatus, now: Date, commandNames: readonly string[]): APIEmbed {
  const semantic = status.semantic;
  const semanticLine = {
    ready: `on — ${semantic.modelId}`,
    loading: `loading ${semantic.modelId}… keyword search works meanwhile`,
    unavailable: `off — ${semantic.reason ?? 'the model could not be loaded'}`,
    disabled: `off — ${semantic.reason ?? 'disabled in the configuration (EMBEDDINGS=false)'}`,
  }[semantic.state];
  const fields: APIEmbedField[] = [
    { name: 'Corpus', value: `${plural(status.papers, 'paper')}${status.corpusProblems.length > 0 ? ` (${plural(status.corpusProblems.length, 'record')} skipped)` : ''}`, inline: true },
    { name: 'Uptime', value: formatUptime(now.getTime() - status.startedAt.getTime()), inline: true },
    { name: 'Version', value: status.version, inline: true },
    { name: 'Semantic search', value: escapeCorpusText(semanticLine) },
    { name: 'Model', value: escapeCorpusText(semantic.modelId), inline: true },
    { name: 'Commands', value: commandNames.map((n) => `/${n}`).join(' ') || '—' },
  ];
  return fitEmbed({
    title: 'Paper Scout',
    description: 'Answers research questions from a corpus of ML paper abstracts, quoting the abstracts and citing every paper by title.',
    fields,
    color: COLORS.info,
  });
}
