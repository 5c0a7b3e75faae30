/** Persistent state: digest settings and runs, posted papers, subscriptions, ingested papers. */
export { StateError } from './errors.js';
export { MIGRATIONS, SCHEMA_VERSION, migrate, type Migration } from './migrations.js';
export { openState, statePathFor, STATE_FILE, type OpenStateOptions, type State } from './open.js';
export { ingestedPaperKey, type PapersRepo } from './papers-repo.js';
export type { PostedRepo } from './posted-repo.js';
export type { ReadingListEntry, ReadingListRepo } from './reading-list-repo.js';
export type { RunStatusChange, RunsRepo } from './runs-repo.js';
export type { SettingsRepo } from './settings-repo.js';
export type { NewMatch, SubscriptionsRepo } from './subscriptions-repo.js';
export * from './types.js';
