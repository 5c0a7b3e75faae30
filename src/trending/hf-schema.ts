import { z } from 'zod';

/**
 * One item of `GET /api/daily_papers`, reduced to the fields Paper Scout uses (the API sends many more:
 * thumbnail, submittedBy, numComments, ai_summary, …; unknown fields are ignored).
 */
export const hfDailyPaperSchema = z.object({
  paper: z.object({
    id: z.string({ message: 'expected the arXiv id as a string' }).trim().min(1, 'must not be empty'),
    title: z.string({ message: 'expected a string' }),
    summary: z.string({ message: 'expected a string' }),
    authors: z.array(z.object({ name: z.string({ message: 'expected a string' }) })).default([]),
    upvotes: z.number({ message: 'expected a number' }).int('expected a whole number').nonnegative('must not be negative'),
    publishedAt: z.string().optional(),
  }),
});

export type HfDailyPaper = z.infer<typeof hfDailyPaperSchema>;
