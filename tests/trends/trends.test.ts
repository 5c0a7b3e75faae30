import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { computeTrends, countPerDay, daysEnding, paperTerms, renderTrendsPng, renderTrendsSvg, sparkline } from '../../src/trends/index.js';
import { trendingPapers, TRENDS_NOW } from './dated-papers.js';
import { pngSize } from './png.js';

describe('paperTerms', () => {
  it('keeps content words and adjacent phrases by stem, never across a stop word or between title and abstract', () => {
    const terms = paperTerms({ title: 'Diffusion Models', abstract: 'We train a diffusion model of the world.' });
    expect([...terms.keys()].sort()).toEqual(['diffus', 'diffus model', 'model', 'train', 'world']);
    expect(terms.get('diffus model')).toBe('diffusion models');
  });
});

describe('series helpers', () => {
  it('lists days, counts per day and draws a sparkline', () => {
    const days = daysEnding('2026-03-02', 4);
    expect(days).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(countPerDay(['2026-03-01', '2026-03-01', '2026-02-27', '2025-01-01'], days)).toEqual([1, 0, 2, 0]);
    expect(sparkline([0, 1, 2, 4])).toBe('▁▃▅█');
    expect(sparkline([0, 0])).toBe('▁▁');
  });
});

describe('computeTrends', () => {
  it('finds the rising terms of the recent week and counts a topic per day', () => {
    const trends = computeTrends(trendingPapers(), { days: 7, now: TRENDS_NOW, topic: 'diffusion models' });
    if (!trends.enough) throw new Error(trends.reason);
    expect([trends.recentPapers, trends.previousPapers]).toEqual([24, 21]);
    expect(trends.rising.map((t) => t.term)).toEqual(expect.arrayContaining(['diffusion', 'diffusion models']));
    expect(trends.rising.every((t) => t.z > 1.96 && t.recent >= 3)).toBe(true);
    // Graph papers fell: never among the rising terms.
    expect(trends.rising.map((t) => t.term).some((t) => t.includes('graph'))).toBe(false);
    expect(trends.topic?.perDay).toEqual([0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2]);
    expect(trends.dates.at(-1)).toBe('2026-03-06');
  });

  it('says there is too little dated data instead of inventing a trend', () => {
    const older = trendingPapers().filter((p) => p.publishedAt! < '2026-02-28');
    const trends = computeTrends(older, { days: 7, now: TRENDS_NOW });
    expect(trends).toMatchObject({ enough: false, recentPapers: 0, previousPapers: 21 });
    expect(!trends.enough && trends.reason).toBe('too little dated data: 0 paper(s) dated in the last 7 days and 21 in the 7 before; trends need at least 5 in each');
    expect(() => computeTrends([], { days: 3, now: TRENDS_NOW })).toThrow(/days must be a whole number from 7 to 90/);
  });
});

describe('renderTrendsPng', () => {
  it('renders a valid PNG of the chart, with escaped text in the SVG', () => {
    const trends = computeTrends(trendingPapers(), { days: 7, now: TRENDS_NOW, topic: 'diffusion <models> & "co"' });
    if (!trends.enough) throw new Error(trends.reason);
    expect(renderTrendsSvg(trends)).toContain('diffusion &lt;models&gt; &amp; &quot;co&quot;');
    expect(pngSize(renderTrendsPng(trends))).toEqual({ width: 960, height: 540 });
  });
});

describe('cli trends', () => {
  const capture = () => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
  };

  it('prints rising terms and sparklines, writes the PNG, from papers ingested earlier', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'paper-scout-trends-'));
    const env = { EMBEDDINGS: 'off', DATA_DIR: dir, LOG_LEVEL: 'warn' };
    const file = path.join(dir, 'dated.json');
    // Dated up to today: the CLI counts back from the real clock.
    writeFileSync(file, JSON.stringify(trendingPapers(new Date()).map(({ title, abstract, publishedAt }) => ({ title, abstract, publishedAt }))));
    expect(await main(['ingest', '--file', file], capture().io, env)).toBe(0);
    const png = path.join(dir, 'trends.png');
    const cap = capture();
    expect(await main(['trends', '--days', '7', '--topic', 'diffusion models', '--png', png], cap.io, env)).toBe(0);
    expect(cap.out.stdout).toMatch(/^Rising in the last 7 days \(\d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d\) against the 7 before\n/);
    expect(cap.out.stdout).toMatch(/diffusion models +0 → 14 +papers +z \d\.\d/);
    expect(cap.out.stdout).toContain('"diffusion models"▁▁▁▁▁▁▁███████  0 → 14');
    expect(pngSize(readFileSync(png)).width).toBe(960);
    const json = capture();
    expect(await main(['trends', '--json'], json.io, env)).toBe(0);
    expect(JSON.parse(json.out.stdout)).toMatchObject({ enough: true, days: 7, recentPapers: 24, previousPapers: 21 });
  });

  it('says there is too little dated data, and rejects a bad --days', async () => {
    const env = { EMBEDDINGS: 'off', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'paper-scout-trends-')), LOG_LEVEL: 'warn' };
    const cap = capture();
    expect(await main(['trends'], cap.io, env)).toBe(1);
    expect(cap.out.stderr).toBe('error: too little dated data: 0 paper(s) dated in the last 7 days and 0 in the 7 before; trends need at least 5 in each. Papers get dates from "ingest --hf-date" and "add".\n');
    const bad = capture();
    expect(await main(['trends', '--days', '3'], bad.io, env)).toBe(2);
    expect(bad.out.stderr).toMatch(/--days must be a whole number from 7 to 90 \(got "3"\)/);
  });
});
