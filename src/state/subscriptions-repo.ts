import type { Database } from 'better-sqlite3';
import type { MatchStatus, SubscriptionMatchRecord, SubscriptionRecord } from './types.js';

interface SubscriptionRow {
  user_id: string;
  guild_id: string;
  topic_key: string;
  topic: string;
  threshold: number;
  created_at: string;
}

interface MatchRow {
  user_id: string;
  guild_id: string;
  topic_key: string;
  topic: string;
  paper_id: string;
  paper_title: string;
  paper_url: string;
  score: number;
  status: MatchStatus;
  created_at: string;
  updated_at: string;
}

/** A match about to be stored. */
export type NewMatch = Omit<SubscriptionMatchRecord, 'createdAt' | 'updatedAt'>;

/** User topic subscriptions and the papers that matched them. */
export interface SubscriptionsRepo {
  /** Creates or updates (topic wording, threshold) the subscription of (user, guild, topicKey). */
  upsert(sub: Omit<SubscriptionRecord, 'createdAt'>): SubscriptionRecord;
  /** Removes one subscription, or all of the user's in the guild when `topicKey` is absent; returns how many. */
  remove(userId: string, guildId: string, topicKey?: string): number;
  list(userId: string, guildId?: string): SubscriptionRecord[];
  all(): SubscriptionRecord[];
  /** True when this paper was already matched for the subscription (notified, pending or seen). */
  hasMatch(userId: string, guildId: string, topicKey: string, paperId: string): boolean;
  /** Stores matches (existing ones are left unchanged); returns the number stored. */
  addMatches(matches: readonly NewMatch[]): number;
  /** A user's undelivered matches, oldest first; optionally for one guild. */
  pending(userId: string, guildId?: string): SubscriptionMatchRecord[];
  /** Marks a user's pending matches as seen (after showing them); returns how many. */
  markSeen(userId: string, guildId?: string): number;
}

const toSubscription = (r: SubscriptionRow): SubscriptionRecord => ({
  userId: r.user_id,
  guildId: r.guild_id,
  topicKey: r.topic_key,
  topic: r.topic,
  threshold: r.threshold,
  createdAt: r.created_at,
});

const toMatch = (r: MatchRow): SubscriptionMatchRecord => ({
  userId: r.user_id,
  guildId: r.guild_id,
  topicKey: r.topic_key,
  topic: r.topic,
  paperId: r.paper_id,
  paperTitle: r.paper_title,
  paperUrl: r.paper_url,
  score: r.score,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function createSubscriptionsRepo(db: Database, now: () => string): SubscriptionsRepo {
  const upsert = db.prepare(
    `INSERT INTO subscriptions (user_id, guild_id, topic_key, topic, threshold, created_at)
     VALUES (@userId, @guildId, @topicKey, @topic, @threshold, @at)
     ON CONFLICT (user_id, guild_id, topic_key) DO UPDATE SET topic = excluded.topic, threshold = excluded.threshold`,
  );
  const selectOne = db.prepare<[string, string, string], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE user_id = ? AND guild_id = ? AND topic_key = ?',
  );
  const removeOne = db.prepare('DELETE FROM subscriptions WHERE user_id = ? AND guild_id = ? AND topic_key = ?');
  const removeAll = db.prepare('DELETE FROM subscriptions WHERE user_id = ? AND guild_id = ?');
  const listUser = db.prepare<[string], SubscriptionRow>('SELECT * FROM subscriptions WHERE user_id = ? ORDER BY guild_id, created_at, topic_key');
  const listUserGuild = db.prepare<[string, string], SubscriptionRow>(
    'SELECT * FROM subscriptions WHERE user_id = ? AND guild_id = ? ORDER BY created_at, topic_key',
  );
  const listAll = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions ORDER BY user_id, guild_id, created_at, topic_key');
  const matchExists = db.prepare<[string, string, string, string], { one: number }>(
    'SELECT 1 AS one FROM subscription_matches WHERE user_id = ? AND guild_id = ? AND topic_key = ? AND paper_id = ?',
  );
  const insertMatch = db.prepare(
    `INSERT OR IGNORE INTO subscription_matches
       (user_id, guild_id, topic_key, topic, paper_id, paper_title, paper_url, score, status, created_at, updated_at)
     VALUES (@userId, @guildId, @topicKey, @topic, @paperId, @paperTitle, @paperUrl, @score, @status, @at, @at)`,
  );
  const pendingUser = db.prepare<[string], MatchRow>(
    "SELECT * FROM subscription_matches WHERE user_id = ? AND status = 'pending' ORDER BY created_at, topic_key, paper_id",
  );
  const pendingUserGuild = db.prepare<[string, string], MatchRow>(
    "SELECT * FROM subscription_matches WHERE user_id = ? AND guild_id = ? AND status = 'pending' ORDER BY created_at, topic_key, paper_id",
  );
  const seenUser = db.prepare("UPDATE subscription_matches SET status = 'seen', updated_at = ? WHERE user_id = ? AND status = 'pending'");
  const seenUserGuild = db.prepare(
    "UPDATE subscription_matches SET status = 'seen', updated_at = ? WHERE user_id = ? AND guild_id = ? AND status = 'pending'",
  );

  const addMatches = db.transaction((matches: readonly NewMatch[]) => {
    const at = now();
    let n = 0;
    for (const m of matches) n += insertMatch.run({ ...m, at }).changes;
    return n;
  });

  return {
    upsert(sub) {
      upsert.run({ ...sub, at: now() });
      return toSubscription(selectOne.get(sub.userId, sub.guildId, sub.topicKey)!);
    },
    remove: (userId, guildId, topicKey) =>
      topicKey === undefined ? removeAll.run(userId, guildId).changes : removeOne.run(userId, guildId, topicKey).changes,
    list: (userId, guildId) => (guildId === undefined ? listUser.all(userId) : listUserGuild.all(userId, guildId)).map(toSubscription),
    all: () => listAll.all().map(toSubscription),
    hasMatch: (userId, guildId, topicKey, paperId) => matchExists.get(userId, guildId, topicKey, paperId) !== undefined,
    addMatches: (matches) => addMatches(matches),
    pending: (userId, guildId) => (guildId === undefined ? pendingUser.all(userId) : pendingUserGuild.all(userId, guildId)).map(toMatch),
    markSeen: (userId, guildId) =>
      guildId === undefined ? seenUser.run(now(), userId).changes : seenUserGuild.run(now(), userId, guildId).changes,
  };
}
