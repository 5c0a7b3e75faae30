import type { PaperStore } from '../corpus/store.js';
import { normalizeTitle } from '../corpus/ids.js';
import { tokenizeQuery } from '../search/tokenize.js';
import type { State, SubscriptionMatchRecord, SubscriptionRecord } from '../state/index.js';
import type { Logger } from '../shared/types.js';
import type { Paper } from '../corpus/types.js';
import type { SearchOptions, SearchResponse } from '../search/types.js';
import type { NotifyUser, SubscriptionHit, SubscriptionNotice } from './types.js';

/** Limits of a subscription. */
export const SUBSCRIPTION_LIMITS = { topicMin: 2, topicMax: 100, perUser: 25 } as const;

/** An invalid subscription request; the message is meant for the user. */
export class SubscriptionError extends Error {
  override name = 'SubscriptionError';
}

/** What matching a batch of new papers did. */
export interface MatchReport {
  /** Notices delivered. */
  notified: number;
  /** Notices that could not be delivered; their matches wait in `/subscriptions`. */
  pending: number;
  /** Matched (subscription, paper) pairs stored. */
  matches: number;
}

export interface SubscriptionService {
  /** Creates or updates (threshold) a subscription. */
  subscribe(userId: string, guildId: string, topic: string, threshold?: number): SubscriptionRecord;
  /** Removes one topic, or every topic of the user in the guild when `topic` is absent; returns how many. */
  unsubscribe(userId: string, guildId: string, topic?: string): number;
  list(userId: string, guildId?: string): { subscriptions: SubscriptionRecord[]; pending: SubscriptionMatchRecord[] };
  /** Marks the user's pending matches as seen, after they were shown. */
  markSeen(userId: string, guildId?: string): number;
  /** Scores new papers against every subscription and notifies the subscribers whose threshold is met. */
  matchNewPapers(papers: readonly Paper[]): Promise<MatchReport>;
  /** Sets (or clears) how notices are delivered; without one, matches are kept as pending. */
  setNotifier(notify: NotifyUser | undefined): void;
}

/** What matching needs from the running app: search and the store. */
export interface SubscriptionSearch {
  readonly store: PaperStore;
  search(query: string, options?: SearchOptions): Promise<SearchResponse>;
}

export interface SubscriptionDeps {
  app: SubscriptionSearch;
  state: Pick<State, 'subscriptions'>;
  logger: Logger;
  /** Threshold when the user gives none (config `search.minRelevance`). */
  defaultThreshold: number;
  notify?: NotifyUser;
}

/** The identity of a topic: "Graph Neural Networks!" and "graph neural networks" are the same subscription. */
export function topicKey(topic: string): string {
  return normalizeTitle(topic);
}

export function createSubscriptions(deps: SubscriptionDeps): SubscriptionService {
  const { app, state, logger } = deps;
  let notify = deps.notify;

  const validate = (topic: string, threshold: number): string => {
    const text = topic.replace(/\s+/g, ' ').trim();
    if (text.length < SUBSCRIPTION_LIMITS.topicMin || text.length > SUBSCRIPTION_LIMITS.topicMax) {
      throw new SubscriptionError(`a topic needs ${SUBSCRIPTION_LIMITS.topicMin} to ${SUBSCRIPTION_LIMITS.topicMax} characters`);
    }
    if (tokenizeQuery(text).length === 0) throw new SubscriptionError(`"${text}" has no searchable words; name a subject, e.g. "graph neural networks"`);
    if (!(threshold >= 0 && threshold <= 1)) throw new SubscriptionError('the threshold must be a number from 0 to 1 (e.g. 0.4)');
    return text;
  };

  return {
    subscribe(userId, guildId, topic, threshold = deps.defaultThreshold) {
      const text = validate(topic, threshold);
      const key = topicKey(text);
      const existing = state.subscriptions.list(userId, guildId);
      if (!existing.some((s) => s.topicKey === key) && existing.length >= SUBSCRIPTION_LIMITS.perUser) {
        throw new SubscriptionError(`you already follow ${SUBSCRIPTION_LIMITS.perUser} topics here; unsubscribe from one first`);
      }
      return state.subscriptions.upsert({ userId, guildId, topicKey: key, topic: text, threshold });
    },
    unsubscribe: (userId, guildId, topic) => state.subscriptions.remove(userId, guildId, topic === undefined ? undefined : topicKey(topic)),
    list: (userId, guildId) => ({ subscriptions: state.subscriptions.list(userId, guildId), pending: state.subscriptions.pending(userId, guildId) }),
    markSeen: (userId, guildId) => state.subscriptions.markSeen(userId, guildId),
    setNotifier(next) {
      notify = next;
    },
    async matchNewPapers(papers) {
      const report: MatchReport = { notified: 0, pending: 0, matches: 0 };
      const subscriptions = state.subscriptions.all();
      if (papers.length === 0 || subscriptions.length === 0) return report;
      const fresh = new Set(papers.map((p) => p.id));
      // Search only the new papers: everything else is excluded, so the engine's own scores decide.
      const exclude = new Set(app.store.all().map((p) => p.id).filter((id) => !fresh.has(id)));
      const hitsByTopic = new Map<string, SubscriptionHit[]>();
      for (const sub of subscriptions) {
        if (hitsByTopic.has(sub.topicKey)) continue;
        const response = await app.search(sub.topic, { exclude, limit: fresh.size });
        hitsByTopic.set(
          sub.topicKey,
          response.results
            // Only papers that cover the topic by the search's own judgement, whatever their relative score.
            .filter((r) => fresh.has(r.id) && r.covered !== false)
            .map((r) => ({ paper: { id: r.paper.id, title: r.paper.title, url: r.paper.url }, score: r.score, evidence: r.evidence })),
        );
      }
      for (const sub of subscriptions) {
        const hits = (hitsByTopic.get(sub.topicKey) ?? []).filter(
          (h) => h.score >= sub.threshold && !state.subscriptions.hasMatch(sub.userId, sub.guildId, sub.topicKey, h.paper.id),
        );
        if (hits.length === 0) continue;
        const notice: SubscriptionNotice = { userId: sub.userId, guildId: sub.guildId, topic: sub.topic, threshold: sub.threshold, hits };
        let delivered = false;
        if (notify) {
          try {
            await notify(sub.userId, notice);
            delivered = true;
          } catch (error) {
            logger.warn(`subscriptions: could not notify user ${sub.userId} about "${sub.topic}"; kept as pending`, { error });
          }
        }
        report.matches += state.subscriptions.addMatches(
          hits.map((h) => ({
            userId: sub.userId,
            guildId: sub.guildId,
            topicKey: sub.topicKey,
            topic: sub.topic,
            paperId: h.paper.id,
            paperTitle: h.paper.title,
            paperUrl: h.paper.url,
            score: h.score,
            status: delivered ? 'notified' : 'pending',
          })),
        );
        if (delivered) report.notified += 1;
        else report.pending += 1;
      }
      return report;
    },
  };
}
