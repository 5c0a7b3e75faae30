import type { Paper } from '../corpus/types.js';

/** A new paper that matched a subscription. */
export interface SubscriptionHit {
  paper: Pick<Paper, 'id' | 'title' | 'url'>;
  /** Search score in [0, 1]. */
  score: number;
  /** The abstract sentence that matched, verbatim. */
  evidence: string;
}

/** What a subscriber is sent (as a DM by the Discord adapter). */
export interface SubscriptionNotice {
  userId: string;
  guildId: string;
  topic: string;
  threshold: number;
  hits: SubscriptionHit[];
}

/** Delivers a notice; throws when it cannot (e.g. the user's DMs are closed). */
export type NotifyUser = (userId: string, notice: SubscriptionNotice) => Promise<void>;
