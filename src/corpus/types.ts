/** Types of the corpus layer. */

/** One paper of the corpus. */
export interface Paper {
  /** Stable id: the arXiv id when known, else a slug of the title. */
  id: string;
  title: string;
  abstract: string;
  arxivId?: string;
  authors: string[];
  /** arXiv abs page when the id is known, else an arXiv title search link. */
  url: string;
  /** ISO 8601 date (or date-time) when known. */
  publishedAt?: string;
  upvotes?: number;
  /** Where the record came from, e.g. `corpus/trending-papers.txt:12` — used in messages. */
  source: string;
}

/** A record that was skipped, and exactly where and why. */
export interface CorpusProblem {
  file: string;
  /** 1-based line in the file (text pages and JSONL). */
  line?: number;
  /** 1-based record index in a JSON array. */
  record?: number;
  message: string;
}
