import type { Paper } from '../corpus/types.js';

/** A topic label and the words that signal it (analysed like the search index, so "transformers" matches "transformer"). */
export interface TopicLabel {
  label: string;
  keywords: string[];
}

/** A few broad ML areas; kept short on purpose, a tag is a hint, not a taxonomy. */
export const DEFAULT_TOPICS: readonly TopicLabel[] = [
  { label: 'Language models', keywords: ['language model', 'llm', 'token', 'decoding', 'prompt', 'text', 'reasoning', 'instruction', 'translation'] },
  { label: 'Computer vision', keywords: ['image', 'vision', 'visual', 'video', 'segmentation', 'detection', 'pixel', 'imagenet', 'super-resolution'] },
  { label: 'Generative models', keywords: ['diffusion', 'generative', 'gan', 'sampling', 'synthesis', 'generation', 'density'] },
  { label: 'Reinforcement learning', keywords: ['reinforcement', 'policy', 'reward', 'agent', 'environment'] },
  { label: 'Robotics', keywords: ['robot', 'manipulation', 'grasp', 'dexterous', 'locomotion'] },
  { label: 'Graphs', keywords: ['graph', 'node', 'edge', 'message passing', 'gnn'] },
  { label: 'Efficiency', keywords: ['quantization', 'pruning', 'compression', 'distillation', 'efficient', 'sparse', 'low-rank', 'memory', 'faster'] },
  { label: 'Optimization & theory', keywords: ['convex', 'optimization', 'gradient', 'convergence', 'theorem', 'duality', 'bound', 'theoretical'] },
];

/**
 * Whether a paper covers a query: search's own coverage judgement (the app's `covers`), so a tag means what a search
 * for its keyword would call covered.
 */
export type CoversQuery = (query: string, paper: Pick<Paper, 'title' | 'abstract'>) => boolean;

/**
 * The label whose keywords the paper covers most: each keyword is a query, judged by `covers` on the title alone
 * (counts 2) or else on the whole paper (counts 1); undefined below `minScore`. Ties go to the label with more title
 * hits, then to the earlier label.
 */
export function tagTopic(paper: Pick<Paper, 'title' | 'abstract'>, covers: CoversQuery, topics: readonly TopicLabel[] = DEFAULT_TOPICS, minScore = 2): string | undefined {
  const title = { title: paper.title, abstract: '' };
  let best: { label: string; score: number; inTitle: number } | undefined;
  for (const topic of topics) {
    let score = 0;
    let inTitle = 0;
    for (const keyword of topic.keywords) {
      if (covers(keyword, title)) {
        score += 2;
        inTitle += 1;
      } else if (covers(keyword, paper)) score += 1;
    }
    const better = !best || score > best.score || (score === best.score && inTitle > best.inTitle);
    if (score >= minScore && better) best = { label: topic.label, score, inTitle };
  }
  return best?.label;
}
