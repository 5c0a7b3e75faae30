import { z } from 'zod';
import { sha256Hex } from '../text/hash.js';
import type { DigestHeader, DigestItem, DigestMessage, DigestSelection } from './types.js';

/** What a digest run posts, kept with the run so a resumed run posts exactly the same papers. */
export interface DigestPlan {
  header: DigestHeader;
  items: DigestItem[];
}

/** Papers per message: a header plus five compact embeds stays well inside Discord's 10 embeds / 6000 characters. */
export const ITEMS_PER_MESSAGE = 5;

/** The header and items of a digest from a selection. */
export function planDigest(selection: DigestSelection): DigestPlan {
  const n = selection.items.length;
  const title = selection.fallback ? `Paper picks for ${selection.date}` : `Trending papers for ${selection.date}`;
  const description = selection.fallback
    ? (selection.reason ?? 'Corpus papers not posted here yet.')
    : [`The ${n === 1 ? 'top paper' : `top ${n} papers`} on Hugging Face daily papers, by upvotes.`, selection.reason].filter(Boolean).join(' ');
  return {
    header: { title, description, date: selection.date, origin: selection.origin, fallback: selection.fallback },
    items: selection.items,
  };
}

/** Splits a plan into messages of at most `itemsPerMessage` papers, each with a stable idempotency key. */
export function splitDigest(plan: DigestPlan, runId: string, itemsPerMessage = ITEMS_PER_MESSAGE): DigestMessage[] {
  const size = Math.max(1, Math.floor(itemsPerMessage));
  const parts = Math.max(1, Math.ceil(plan.items.length / size));
  return Array.from({ length: parts }, (_, index) => ({
    header: plan.header,
    items: plan.items.slice(index * size, (index + 1) * size),
    part: index + 1,
    parts,
    offset: index * size,
    // Discord accepts nonces of at most 25 characters.
    idempotencyKey: sha256Hex(`${runId}#${index + 1}`).slice(0, 25),
  }));
}

const paperSchema = z.object({
  id: z.string(),
  title: z.string(),
  abstract: z.string(),
  arxivId: z.string().optional(),
  authors: z.array(z.string()),
  url: z.string(),
  publishedAt: z.string().optional(),
  upvotes: z.number().optional(),
  source: z.string(),
});

const planSchema = z.object({
  header: z.object({
    title: z.string(),
    description: z.string(),
    date: z.string(),
    origin: z.enum(['trending', 'corpus']),
    fallback: z.boolean(),
  }),
  items: z.array(
    z.object({
      paper: paperSchema,
      upvotes: z.number().optional(),
      extract: z.string(),
      topic: z.string().optional(),
    }),
  ),
});

/** Reads a plan stored with a run; undefined when it is missing or unreadable. */
export function parsePlan(value: unknown): DigestPlan | undefined {
  const parsed = planSchema.safeParse(value);
  return parsed.success ? (parsed.data as DigestPlan) : undefined;
}
