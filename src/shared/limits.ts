/**
 * Limits every surface shares (Discord, terminal mode, CLI), documented in README.md's "Limits" table. The CLI may
 * return more results per call with --limit (`cli*`): it prints to a terminal or a script, not a Discord message.
 */
export const LIMITS = {
  /** Results per page of a search: Discord's five button rows hold Summarize / Similar and Save for each result plus paging. `RESULT_LIMIT` is the default. */
  resultsPerPage: { min: 1, max: 5, default: 5 },
  /** Papers listed by similar. */
  similarResults: { min: 1, max: 10, default: 5 },
  /** Characters of a query, question or topic. */
  queryLength: 300,
  /** Papers named in one compare. */
  papersPerCompare: { min: 2, max: 4 },
  /** Sentences of a summary or an answer. */
  summarySentences: { min: 1, max: 8 },
  /** CLI --limit of search (one page, for scripts). */
  cliSearchResults: 100,
  /** CLI --limit of similar. */
  cliSimilarResults: 25,
} as const;
