import { z } from 'zod';

/** One paper record as it may appear in a `*.json` / `*.jsonl` corpus file. */
export const paperRecordSchema = z.object({
  title: z.string().trim().min(1, 'title must not be empty'),
  abstract: z.string().trim().min(1, 'abstract must not be empty'),
  id: z.string().trim().min(1).optional(),
  arxivId: z.string().trim().min(1).optional(),
  authors: z.array(z.string().trim().min(1)).optional(),
  url: z.url().optional(),
  publishedAt: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'publishedAt must be an ISO date')
    .optional(),
  upvotes: z.number().int().nonnegative().optional(),
});

export type PaperRecord = z.infer<typeof paperRecordSchema>;

/** "field: message" for the first few zod issues, e.g. `abstract: must not be empty`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(record)'}: ${issue.message}`)
    .join('; ');
}
