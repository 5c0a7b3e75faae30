import type { Paper } from '../corpus/types.js';

/** One paper of a digest. */
export interface DigestItem {
  paper: Paper;
  /** Upvotes on the trending list, when known. */
  upvotes?: number;
  /** 1–2 sentences of the abstract, verbatim, that state the contribution. */
  extract: string;
  /** A short topic label (e.g. "Language models"), when one fits. */
  topic?: string;
}

/** Where a digest's papers came from. */
export type DigestOrigin = 'trending' | 'corpus';

/** The papers chosen for one digest. */
export interface DigestSelection {
  /** The day whose trending papers were used (may be the day before the requested one), YYYY-MM-DD. */
  date: string;
  items: DigestItem[];
  origin: DigestOrigin;
  /** True when the trending source gave nothing usable and corpus papers stand in. */
  fallback: boolean;
  /** Why the digest is a fallback (or uses an earlier day), phrased for the post. */
  reason?: string;
}

/** What a digest asks for. */
export interface DigestRequest {
  /** YYYY-MM-DD. */
  date: string;
  count: number;
  /** Papers already posted to this channel are left out; absent = nothing is left out. */
  channelId?: string;
}

export type SelectDigest = (request: DigestRequest) => Promise<DigestSelection>;

/** The header of a digest post. */
export interface DigestHeader {
  title: string;
  /** One or two lines under the title: the source, or why corpus papers stand in. */
  description: string;
  date: string;
  origin: DigestOrigin;
  fallback: boolean;
}

/**
 * One message of a digest, as plain data; the Discord adapter renders it (header embed + one embed per paper).
 * A digest with many papers is split into parts so every message stays within Discord's limits.
 */
export interface DigestMessage {
  header: DigestHeader;
  items: DigestItem[];
  /** 1-based part number and the number of parts. */
  part: number;
  parts: number;
  /** Papers in the earlier parts, so ranks continue across parts (the first item here is rank `offset + 1`). */
  offset: number;
  /** Stable per run and part (≤ 25 characters): lets the adapter ask Discord to drop a repeated send (message nonce). */
  idempotencyKey: string;
}

/** Sends one digest message to a channel. Throws on failure with whatever the adapter's `ClassifyPostError` reads. */
export type PostDigest = (channelId: string, message: DigestMessage) => Promise<void>;

/** How a failed post should be handled. */
export interface PostFailure {
  /** True when retrying cannot help (missing permission, unknown channel, rejected payload). */
  permanent: boolean;
  /** One line for logs and `/digest status`, e.g. "Missing Permissions (Discord code 50013, HTTP 403)". */
  reason: string;
}

/** Tells a permanent post failure from a transient one; supplied by the adapter that posts (it knows its errors). */
export type ClassifyPostError = (error: unknown) => PostFailure;
