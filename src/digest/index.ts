/** Daily digest of trending papers: selection, scheduling, posting state, and the service the bot starts. */
export { extractContribution, type ExtractOptions } from './extract.js';
export { ITEMS_PER_MESSAGE, parsePlan, planDigest, splitDigest, type DigestPlan } from './message.js';
export { isValidTimeZone, latestRunAt, localDate, nextRunAt, parseTimeOfDay, type ScheduleSettings } from './schedule.js';
export { createScheduler, runIdFor, type RetryPolicy, type Scheduler, type SchedulerDeps, type TickReport, type Timers } from './scheduler.js';
export { createDigestSelector, rankFallback, shiftDate, type DigestSelectorDeps } from './select.js';
export { createDigestService, type DigestService, type DigestServiceConfig, type DigestServiceOptions, type DigestStartOptions } from './service.js';
export {
  COUNT_RANGE,
  createDigestSettings,
  DigestSettingsError,
  resolveSettings,
  type DigestDefaults,
  type DigestSettings,
  type DigestSettingsService,
} from './settings.js';
export { describeDigestStatus, formatDigestStatus, type DigestStatus, type RunSummary } from './status.js';
export { DEFAULT_TOPICS, tagTopic, type CoversQuery, type TopicLabel } from './topics.js';
export type * from './types.js';
