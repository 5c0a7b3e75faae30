import type { Paper } from '../corpus/types.js';

/** Per-guild digest settings as stored; `null` fields fall back to the configured defaults. */
export interface StoredDigestSettings {
  guildId: string;
  channelId: string | null;
  /** HH:MM (24-hour) in `timeZone`. */
  time: string | null;
  /** IANA zone, e.g. Europe/Berlin. */
  timeZone: string | null;
  count: number | null;
  enabled: boolean;
  /** ISO instant from which scheduled slots count (set when channel, time, zone or enabled change). */
  scheduleSince: string;
  updatedAt: string;
}

/** Fields a settings update may change; absent = unchanged, `null` = back to the default. */
export interface DigestSettingsPatch {
  channelId?: string | null;
  time?: string | null;
  timeZone?: string | null;
  count?: number | null;
  enabled?: boolean;
}

export type DigestRunStatus = 'pending' | 'running' | 'retrying' | 'posted' | 'failed' | 'skipped';

/** Statuses of a run that still has work to do. */
export const OPEN_RUN_STATUSES: readonly DigestRunStatus[] = ['pending', 'running', 'retrying'];

/** One scheduled digest post: id = guild + slot, so a slot is posted at most once. */
export interface DigestRunRecord {
  runId: string;
  guildId: string;
  channelId: string;
  /** The scheduled instant (ISO, UTC). */
  slot: string;
  /** The guild-local date of the slot, YYYY-MM-DD. */
  date: string;
  count: number;
  status: DigestRunStatus;
  /** What the run posts (JSON written by the digest module); null until selected. */
  plan: unknown;
  attempts: number;
  nextAttemptAt: string | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** What creating a run needs; the rest starts at its defaults. */
export type NewDigestRun = Pick<DigestRunRecord, 'runId' | 'guildId' | 'channelId' | 'slot' | 'date' | 'count'>;

/** A paper as recorded when posted to a channel. */
export interface PostedPaperKey {
  id: string;
  title: string;
}

export interface SubscriptionRecord {
  userId: string;
  guildId: string;
  /** Normalised topic, the identity of the subscription. */
  topicKey: string;
  topic: string;
  /** Minimum search score in [0, 1]. */
  threshold: number;
  createdAt: string;
}

export type MatchStatus = 'notified' | 'pending' | 'seen';

export interface SubscriptionMatchRecord {
  userId: string;
  guildId: string;
  topicKey: string;
  topic: string;
  paperId: string;
  paperTitle: string;
  paperUrl: string;
  score: number;
  status: MatchStatus;
  createdAt: string;
  updatedAt: string;
}

/** A live-ingested paper kept across restarts. */
export interface IngestedPaperRecord {
  paper: Paper;
  /** Where it came from, e.g. `huggingface:2026-03-06` or `file:papers.json`. */
  origin: string;
  firstSeenAt: string;
  updatedAt: string;
}
