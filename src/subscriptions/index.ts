/** Topic subscriptions: new ingested papers matched with the search engine, notified by an injected function. */
export { formatNotice, formatSubscriptions } from './format.js';
export {
  createSubscriptions,
  SUBSCRIPTION_LIMITS,
  SubscriptionError,
  topicKey,
  type MatchReport,
  type SubscriptionDeps,
  type SubscriptionSearch,
  type SubscriptionService,
} from './service.js';
export type { NotifyUser, SubscriptionHit, SubscriptionNotice } from './types.js';
