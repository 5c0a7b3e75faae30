/**
 * Small dated paper sets with a known trend: in the week before 2026-03-06, "diffusion models" and "speculative
 * decoding" papers appear daily; in the week before that, only graph and reinforcement learning papers do.
 */
import type { Paper } from '../../src/corpus/types.js';

const OLD_TOPICS = [
  ['Message Passing on Large Graphs', 'We study graph neural networks for node classification. Message passing layers aggregate neighbour features.'],
  ['Offline Reinforcement Learning with Value Penalties', 'We study reinforcement learning from logged data. A value penalty keeps the policy near the data.'],
  ['Graph Transformers for Molecules', 'Graph neural networks and attention predict molecular properties from atoms and bonds.'],
];
const NEW_TOPICS = [
  ['Faster Diffusion Models by Distillation', 'Diffusion models generate images in many steps. We distill diffusion models into a four-step sampler.'],
  ['Speculative Decoding with Draft Trees', 'Speculative decoding speeds up language models. A draft model proposes tokens the target model verifies.'],
  ['Video Diffusion Models at Scale', 'We train diffusion models on video. Temporal attention keeps frames consistent.'],
];

/** Papers dated over the 14 days ending with the day of `end`: old topics 7–13 days back, new ones (and a few old) in the last 7. */
export function trendingPapers(end: Date = TRENDS_NOW): Paper[] {
  const day = (offset: number) => new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate()) - offset * 86_400_000).toISOString().slice(0, 10);
  const papers: Paper[] = [];
  const add = (title: string, abstract: string, date: string, n: number) =>
    papers.push({ id: `p${papers.length}`, title: `${title} ${n}`, abstract, authors: [], url: `https://example.org/p${papers.length}`, publishedAt: date, source: 'test' });
  for (let back = 7; back < 14; back += 1) {
    OLD_TOPICS.forEach(([title, abstract], i) => add(title!, abstract!, day(back), back * 10 + i));
  }
  for (let back = 0; back < 7; back += 1) {
    NEW_TOPICS.forEach(([title, abstract], i) => add(title!, abstract!, day(back), back * 10 + i));
    if (back % 3 === 0) add(OLD_TOPICS[0]![0]!, OLD_TOPICS[0]![1]!, day(back), 200 + back);
  }
  return papers;
}

/** The instant the trends are computed at. */
export const TRENDS_NOW = new Date('2026-03-06T18:00:00Z');
