/**
 * Answer-quality labels for the evaluation:
 *   eval/offtopic.<set>.json — `[{ query, kind }]`, queries the corpus does not cover (the covered flag must be off);
 *   eval/roles.<set>.json    — `[{ title, key, roles }]`, one role per abstract sentence (as split by the app) and
 *                              the index of the key sentence (the one a reader most needs).
 * Labels name papers by exact title; a title not in the corpus, or a role list whose length differs from the
 * abstract's sentence count, is an error naming the file and the entry.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { splitSentences } from '../src/text/sentences.js';
import type { Paper } from '../src/corpus/types.js';
import { parseLabelFile } from './eval-queries.js';

export const OFFTOPIC_KINDS = ['keyword', 'question', 'lookalike', 'typo'] as const;
export const ROLE_LABELS = ['background', 'problem', 'contribution', 'result', 'other'] as const;
export type RoleLabel = (typeof ROLE_LABELS)[number];

const offTopicSchema = z.array(z.object({ query: z.string().trim().min(1, 'must not be empty'), kind: z.enum(OFFTOPIC_KINDS) })).min(1, 'needs at least one query');
const rolesSchema = z
  .array(z.object({ title: z.string().min(1), key: z.number().int().min(0), roles: z.array(z.enum(ROLE_LABELS)).min(1) }))
  .min(1, 'needs at least one paper');

/** An off-topic query. */
export type OffTopicQuery = z.infer<typeof offTopicSchema>[number];

/** A paper with a role for each of its abstract sentences. */
export interface LabelledPaper {
  paper: Paper;
  sentences: string[];
  roles: RoleLabel[];
  key: number;
}

/** Parses an off-topic query file. */
export function parseOffTopic(json: string, source: string): OffTopicQuery[] {
  return parseLabelFile(offTopicSchema, json, source);
}

/** Parses a role file and resolves its titles against `papers`. */
export function parseRoles(json: string, source: string, papers: readonly Paper[]): LabelledPaper[] {
  const byTitle = new Map(papers.map((p) => [p.title, p]));
  return parseLabelFile(rolesSchema, json, source).map((entry, i) => {
    const paper = byTitle.get(entry.title);
    if (!paper) throw new Error(`${source}: entry ${i + 1} names "${entry.title}", which is not the exact title of any corpus paper`);
    const sentences = splitSentences(paper.abstract).map((s) => s.text);
    if (sentences.length !== entry.roles.length) {
      throw new Error(`${source}: entry ${i + 1} ("${entry.title}") has ${entry.roles.length} roles for ${sentences.length} sentences`);
    }
    if (entry.key >= sentences.length) throw new Error(`${source}: entry ${i + 1} ("${entry.title}") key ${entry.key} is past the last sentence`);
    return { paper, sentences, roles: entry.roles, key: entry.key };
  });
}

export async function loadOffTopic(path: string): Promise<OffTopicQuery[]> {
  return parseOffTopic(await readFile(path, 'utf8'), path);
}

export async function loadRoles(path: string, papers: readonly Paper[]): Promise<LabelledPaper[]> {
  return parseRoles(await readFile(path, 'utf8'), path, papers);
}
