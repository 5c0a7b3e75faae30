/**
 * Evaluation query sets: `eval/queries.<set>.json`, an array of `{ query, kind, relevant: { "<exact title>": grade } }`.
 * Relevance is labelled by exact title so labels survive id changes; resolving a title that is not in the corpus
 * is an error naming the file, the query and the title.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** Query kinds, reported separately in the evaluation. */
export const QUERY_KINDS = ['keyword', 'typo', 'question', 'paraphrase'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

const querySchema = z.object({
  query: z.string().trim().min(1, 'must not be empty'),
  kind: z.enum(QUERY_KINDS),
  relevant: z
    .record(z.string().min(1), z.number().int().min(1).max(3))
    .refine((r) => Object.keys(r).length > 0, 'needs at least one relevant title'),
});
const querySetSchema = z.array(querySchema).min(1, 'needs at least one query');

/** One labelled query as written in the file. */
export type LabelledQuery = z.infer<typeof querySchema>;

/** A query whose relevant titles were resolved to paper ids. */
export interface ResolvedQuery {
  query: string;
  kind: QueryKind;
  /** Paper id → grade. */
  judgments: Map<string, number>;
}

/** Parses `json` and checks it against `schema`; errors name `source` and the first bad field. */
export function parseLabelFile<T>(schema: z.ZodType<T>, json: string, source: string): T {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new Error(`${source}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.length ? `[${issue.path.join('.')}] ` : ''}${issue.message}`);
  }
  return parsed.data;
}

/** Parses and validates a query set; `source` names the file in errors. */
export function parseQuerySet(json: string, source: string): LabelledQuery[] {
  return parseLabelFile(querySetSchema, json, source);
}

/** Reads and validates `path`. */
export async function loadQuerySet(path: string): Promise<LabelledQuery[]> {
  return parseQuerySet(await readFile(path, 'utf8'), path);
}

/** Replaces titles by ids using `idByTitle` (exact title → id); throws on the first unknown title. */
export function resolveQuerySet(queries: readonly LabelledQuery[], idByTitle: ReadonlyMap<string, string>, source: string): ResolvedQuery[] {
  return queries.map((q, index) => {
    const judgments = new Map<string, number>();
    for (const [title, grade] of Object.entries(q.relevant)) {
      const id = idByTitle.get(title);
      if (id === undefined) {
        throw new Error(`${source}: query ${index + 1} ("${q.query}") labels "${title}", which is not the exact title of any corpus paper`);
      }
      judgments.set(id, Math.max(grade, judgments.get(id) ?? 0));
    }
    return { query: q.query, kind: q.kind, judgments };
  });
}
