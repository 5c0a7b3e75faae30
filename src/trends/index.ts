/** Trends over dated papers: rising terms (weighted log-odds), papers per day, charts and sparklines. */
export { escapeXml, renderTrendsPng, renderTrendsSvg } from './chart.js';
export { countPerDay, dayOf, dayOfIso, daysEnding, sparkline } from './series.js';
export { countTerms, paperTerms, type TermCounts } from './terms.js';
export { computeTrends, MIN_PAPERS_PER_WINDOW, MIN_TERM_PAPERS, TREND_DAYS, Z_THRESHOLD, type RisingTerm, type Trends, type TrendsRequest } from './trends.js';
