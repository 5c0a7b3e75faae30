import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/answers/types.js';
import {
  aboutEmbed,
  answerEmbed,
  comparisonEmbed,
  describeMatch,
  describeMode,
  footerText,
  paperEmbed,
  searchEmbeds,
  similarEmbed,
} from '../../src/discord/embeds.js';
import { findLimitViolations } from '../fake-discord/assertions.js';
import { createFakeApp, FIXTURE_PAPERS } from '../helpers/fake-app.js';

const app = createFakeApp();
const [lottery, graphs, long] = FIXTURE_PAPERS as [(typeof FIXTURE_PAPERS)[0], (typeof FIXTURE_PAPERS)[0], (typeof FIXTURE_PAPERS)[0]];

describe('footerText', () => {
  it('joins the present parts with middots', () => {
    expect(footerText('hybrid', undefined, false, '', '3 ms')).toBe('hybrid · 3 ms');
  });
});

describe('describeMode', () => {
  it('says when the requested mode was not available', () => {
    expect(describeMode('keyword', 'hybrid')).toBe('keyword (hybrid unavailable)');
    expect(describeMode('hybrid', 'hybrid')).toBe('hybrid');
  });
});

describe('describeMatch', () => {
  it('names the signals that ranked the paper', async () => {
    const [result] = (await app.search('pruning')).results;
    expect(describeMatch({ ...result!, score: 0.5, signals: { keyword: 0.5, semantic: 0.4, keywordRank: 1, semanticRank: 3 } })).toBe(
      'score 0.50 · matched by keyword #1, meaning #3',
    );
  });
});

describe('searchEmbeds', () => {
  it('makes one linked embed per result, numbered from the offset, with the footer on the last', async () => {
    const response = await app.search('pruning networks', { limit: 2, offset: 1 });
    const { content, embeds } = searchEmbeds(response, { index: 1, offset: 1, hasNext: false, elapsedMs: 12 });
    expect(embeds.map((e) => e.title?.slice(0, 3))).toEqual(['2. ', '3. ']);
    expect(embeds[0]?.url).toBe(response.results[0]?.url);
    expect(embeds[0]?.description?.startsWith('> ')).toBe(true);
    expect(embeds[0]?.footer).toBeUndefined();
    expect(embeds[1]?.footer?.text).toBe('keyword · results 2–3 · 12 ms');
    expect(content).toBe('**Results for “pruning networks” — page 2**');
  });

  it('gives the total when more pages follow', async () => {
    const response = await app.search('pruning networks', { limit: 1 });
    const { embeds } = searchEmbeds(response, { index: 0, offset: 0, hasNext: true, elapsedMs: 1 });
    expect(embeds[0]?.footer?.text).toBe('keyword · results 1–1 of 3 · 1 ms');
  });

  it('says so when nothing matched', async () => {
    const { content, embeds } = searchEmbeds(await app.search('zebra'), { index: 0, offset: 0, hasNext: false, elapsedMs: 1 });
    expect(embeds).toEqual([]);
    expect(content).toContain('No paper in the corpus matches that.');
  });
});

describe('answerEmbed', () => {
  it('quotes with markers and lists sources when several papers answer', async () => {
    const embed = answerEmbed(await app.answers.ask('pruning networks'), 5);
    expect(embed.description).toContain('> Pruning removes weights from trained networks. **[2]**');
    expect(embed.fields?.[0]).toEqual({
      name: 'Sources',
      value: expect.stringContaining(`**[2]** [${lottery.title}](${lottery.url})`),
    });
  });

  it('warns when the corpus does not cover the question', async () => {
    const note = 'nothing in the corpus covers this well; these are the closest papers.';
    const embed = answerEmbed({ ...(await app.answers.ask('zebra')), sentences: [], covered: false, note }, 5);
    expect(embed.description).toBe('No sentence answers this.');
    expect(embed.fields?.filter((f) => /covers this well/.test(f.value))).toHaveLength(1);
    expect(embed.color).toBe(0xf59e0b);
  });
});

describe('comparisonEmbed', () => {
  it('stays within limits with four papers of very long quotes and many terms', () => {
    const huge = 'A sentence that goes on and on. '.repeat(80);
    const papers = [lottery, graphs, long, lottery].map((p, i) => ({ id: `${p.id}-${i}`, title: `${p.title} ${'x'.repeat(200)}`, url: p.url }));
    const comparison: Comparison = {
      papers,
      similarity: 0.42,
      pairwise: papers.map(() => papers.map(() => 0.3)),
      sharedTerms: Array.from({ length: 200 }, (_, i) => `term${i}`),
      distinctiveTerms: Object.fromEntries(papers.map((p) => [p.id, ['alpha', 'beta']])),
      rows: (['problem', 'method', 'result'] as const).map((aspect) => ({ aspect, cells: papers.map((p) => ({ text: huge, paperId: p.id })) })),
      related: papers,
    };
    const embed = comparisonEmbed(comparison, 10);
    expect(findLimitViolations({ embeds: [embed] })).toEqual([]);
    expect(embed.fields?.map((f) => f.name)).toEqual(['Problem', 'Method', 'Result', 'Shared terms', 'What sets each apart', 'Pairwise similarity', 'Related papers']);
  });

  it('marks aspects an abstract does not state', async () => {
    const embed = comparisonEmbed(await app.answers.compare([long.id, lottery.id]), 1);
    expect(embed.fields?.find((f) => f.name === 'Result')?.value).toContain('**[1]** *(not stated)*');
  });
});

describe('similarEmbed', () => {
  it('links each neighbour with its score and evidence', async () => {
    const embed = similarEmbed(await app.answers.similar(lottery.id, { limit: 1 }), 3);
    expect(embed.title).toBe(`Papers like “${lottery.title}”`);
    expect(embed.description).toBe(`**1.** [${graphs.title}](${graphs.url}) · 0.90\n> Molecules are graphs of atoms.`);
  });
});

describe('paperEmbed', () => {
  it('shows the abstract, authors and arXiv link', () => {
    const embed = paperEmbed(lottery);
    expect(embed.description).toBe(lottery.abstract);
    expect(embed.fields).toEqual([
      { name: 'Authors', value: 'Jonathan Frankle, Michael Carbin' },
      { name: 'arXiv', value: `[1803.03635](${lottery.url})`, inline: true },
    ]);
  });
});

describe('aboutEmbed', () => {
  it('explains each semantic state', () => {
    const base = app.status();
    const line = (semantic: typeof base.semantic) =>
      aboutEmbed({ ...base, semantic }, new Date(base.startedAt.getTime() + 65_000), ['ask']).fields?.find((f) => f.name === 'Semantic search')?.value;
    expect(line({ state: 'ready', modelId: 'm' })).toBe('on — m');
    expect(line({ state: 'loading', modelId: 'm' })).toBe('loading m… keyword search works meanwhile');
    expect(line({ state: 'unavailable', modelId: 'm', reason: 'offline. Fix: set EMBEDDING_MODEL' })).toBe('off — offline. Fix: set EMBEDDING\\_MODEL');
    const fields = aboutEmbed(base, new Date(base.startedAt.getTime() + 65_000), ['ask', 'search']).fields;
    expect(fields?.slice(0, 3).map((f) => f.value)).toEqual(['3 papers', '1 min 5 s', '9.9.9']);
    expect(fields?.find((f) => f.name === 'Model')?.value).toBe('test-model');
  });
});
