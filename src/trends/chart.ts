/**
 * The trends chart: an SVG built here (papers per day in both windows, the topic's papers per day, the rising terms
 * with their z-scores), rasterised to PNG by resvg (@resvg/resvg-js, prebuilt binaries from the npm registry).
 */
import { Resvg } from '@resvg/resvg-js';
import type { Trends } from './trends.js';

type EnoughTrends = Extract<Trends, { enough: true }>;

const WIDTH = 960;
const HEIGHT = 540;
const PLOT = { left: 56, right: 600, top: 80, bottom: 470 } as const;
const TERMS = { left: 640, right: 940, top: 80 } as const;
const COLORS = { previous: '#cbd5e1', recent: '#3b82f6', topic: '#f97316', text: '#0f172a', muted: '#64748b', grid: '#e2e8f0' } as const;
const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Round tick step giving about `target` ticks up to `max`. */
function tickStep(max: number, target = 5): number {
  const raw = Math.max(1, max) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  return Math.max(1, step);
}

function text(x: number, y: number, content: string, options: { size?: number; anchor?: 'start' | 'middle' | 'end'; color?: string; weight?: string } = {}): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${FONT}" font-size="${options.size ?? 12}" fill="${options.color ?? COLORS.text}" text-anchor="${options.anchor ?? 'start'}"${options.weight ? ` font-weight="${options.weight}"` : ''}>${escapeXml(content)}</text>`;
}

/** The chart as an SVG document. */
export function renderTrendsSvg(trends: EnoughTrends): string {
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`];
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  const title = trends.topic ? `Papers per day, and those on “${trends.topic.query}”` : 'Papers per day';
  parts.push(text(PLOT.left, 32, title.length > 70 ? `${title.slice(0, 69)}…` : title, { size: 18, weight: 'bold' }));
  parts.push(text(PLOT.left, 54, `last ${trends.days} days (blue) against the ${trends.days} before (grey)`, { size: 12, color: COLORS.muted }));

  const series = trends.topic ? [...trends.perDay, ...trends.topic.perDay] : trends.perDay;
  const step = tickStep(Math.max(...series));
  const top = Math.max(step, Math.ceil(Math.max(...series) / step) * step);
  const height = PLOT.bottom - PLOT.top;
  const y = (v: number) => PLOT.bottom - (v / top) * height;
  for (let v = 0; v <= top; v += step) {
    parts.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${COLORS.grid}" stroke-width="1"/>`);
    parts.push(text(PLOT.left - 8, y(v) + 4, String(v), { anchor: 'end', size: 11, color: COLORS.muted }));
  }
  const n = trends.dates.length;
  const slot = (PLOT.right - PLOT.left) / n;
  const barWidth = Math.max(1, slot * 0.75);
  const labelEvery = Math.ceil(n / 10);
  trends.perDay.forEach((count, i) => {
    const x = PLOT.left + i * slot + (slot - barWidth) / 2;
    const color = i >= trends.days ? COLORS.recent : COLORS.previous;
    if (count > 0) parts.push(`<rect x="${x.toFixed(1)}" y="${y(count).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(PLOT.bottom - y(count)).toFixed(1)}" fill="${color}"/>`);
    if ((n - 1 - i) % labelEvery === 0) parts.push(text(PLOT.left + i * slot + slot / 2, PLOT.bottom + 18, trends.dates[i]!.slice(5), { anchor: 'middle', size: 10, color: COLORS.muted }));
  });
  const split = PLOT.left + trends.days * slot;
  parts.push(`<line x1="${split.toFixed(1)}" x2="${split.toFixed(1)}" y1="${PLOT.top - 6}" y2="${PLOT.bottom}" stroke="${COLORS.muted}" stroke-dasharray="4 4"/>`);
  parts.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}" stroke="${COLORS.muted}"/>`);
  if (trends.topic) {
    const points = trends.topic.perDay.map((v, i) => `${(PLOT.left + i * slot + slot / 2).toFixed(1)},${y(v).toFixed(1)}`);
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${COLORS.topic}" stroke-width="2.5" stroke-linejoin="round"/>`);
    for (const point of points) {
      const [cx, cy] = point.split(',');
      parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${COLORS.topic}"/>`);
    }
    parts.push(`<rect x="${PLOT.left}" y="${PLOT.bottom + 32}" width="14" height="4" fill="${COLORS.topic}"/>`);
    parts.push(text(PLOT.left + 20, PLOT.bottom + 38, `papers on “${trends.topic.query.slice(0, 40)}” per day`, { size: 11, color: COLORS.muted }));
  }

  parts.push(text(TERMS.left, TERMS.top - 10, 'Rising terms (z-score)', { size: 14, weight: 'bold' }));
  const shown = trends.rising.slice(0, 10);
  if (shown.length === 0) {
    parts.push(text(TERMS.left, TERMS.top + 24, 'No term rises clearly.', { size: 12, color: COLORS.muted }));
  } else {
    const maxZ = Math.max(...shown.map((t) => t.z));
    const row = 38;
    shown.forEach((term, i) => {
      const top = TERMS.top + i * row;
      const width = ((TERMS.right - TERMS.left - 50) * term.z) / maxZ;
      parts.push(text(TERMS.left, top + 12, term.term.length > 34 ? `${term.term.slice(0, 33)}…` : term.term, { size: 12 }));
      parts.push(`<rect x="${TERMS.left}" y="${top + 17}" width="${Math.max(2, width).toFixed(1)}" height="10" fill="${COLORS.recent}"/>`);
      parts.push(text(TERMS.left + Math.max(2, width) + 6, top + 26, `${term.z.toFixed(1)}  (${term.previous}→${term.recent})`, { size: 10, color: COLORS.muted }));
    });
  }
  parts.push(text(WIDTH - 16, HEIGHT - 12, 'Paper Scout · weighted log-odds, informative Dirichlet prior', { anchor: 'end', size: 10, color: COLORS.muted }));
  parts.push('</svg>');
  return parts.join('\n');
}

/** The chart as PNG bytes. */
export function renderTrendsPng(trends: EnoughTrends): Buffer {
  const resvg = new Resvg(renderTrendsSvg(trends), { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' });
  return resvg.render().asPng();
}
