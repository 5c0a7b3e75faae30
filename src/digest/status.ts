import type { DigestRunRecord, DigestRunStatus, State } from '../state/index.js';
import { nextRunAt } from './schedule.js';
import type { DigestSettings } from './settings.js';

/** One run as shown by `/digest status`. */
export interface RunSummary {
  runId: string;
  slot: Date;
  date: string;
  channelId: string;
  status: DigestRunStatus;
  error: string | null;
  attempts: number;
  /** Papers of the run already posted. */
  posted: number;
  /** Papers the run chose, once chosen. */
  planned: number | null;
  finishedAt: Date | null;
}

/** A guild's digest: settings, the next post, and how the latest ones went. */
export interface DigestStatus {
  settings: DigestSettings;
  /** Null while the digest is off or has no channel. */
  nextRunAt: Date | null;
  /** Newest first. */
  recent: RunSummary[];
}

export function describeDigestStatus(input: {
  settings: DigestSettings;
  state: Pick<State, 'runs' | 'posted'>;
  now: Date;
  limit?: number;
}): DigestStatus {
  const { settings, state, now } = input;
  const active = settings.enabled && settings.channelId !== null;
  return {
    settings,
    nextRunAt: active ? nextRunAt(settings, now) : null,
    recent: state.runs.latest(settings.guildId, input.limit ?? 3).map((run) => summarise(run, state)),
  };
}

function summarise(run: DigestRunRecord, state: Pick<State, 'posted'>): RunSummary {
  const plan = run.plan as { items?: unknown[] } | null | undefined;
  return {
    runId: run.runId,
    slot: new Date(run.slot),
    date: run.date,
    channelId: run.channelId,
    status: run.status,
    error: run.error,
    attempts: run.attempts,
    posted: state.posted.postedByRun(run.runId).size,
    planned: Array.isArray(plan?.items) ? plan.items.length : null,
    finishedAt: run.finishedAt ? new Date(run.finishedAt) : null,
  };
}

const STATUS_WORDS: Record<DigestRunStatus, string> = {
  pending: 'due',
  running: 'posting',
  retrying: 'waiting to retry',
  posted: 'posted',
  failed: 'FAILED',
  skipped: 'skipped',
};

/** Plain lines (Discord markdown-safe) describing a status; channels as <#id> mentions. */
export function formatDigestStatus(status: DigestStatus): string[] {
  const s = status.settings;
  const lines = [
    s.enabled && s.channelId ? `Daily digest: **on**, in <#${s.channelId}>` : `Daily digest: **off**${s.channelId ? ` (last channel <#${s.channelId}>)` : ''}`,
    `Time: ${s.time} ${s.timeZone} · ${s.count} paper${s.count === 1 ? '' : 's'}`,
  ];
  if (status.nextRunAt) lines.push(`Next post: <t:${Math.floor(status.nextRunAt.getTime() / 1000)}:F>`);
  if (status.recent.length === 0) lines.push('No digest posted yet.');
  for (const run of status.recent) {
    const progress = run.planned !== null ? ` (${run.posted}/${run.planned} papers)` : '';
    const error = run.error && run.status !== 'posted' ? ` — ${run.error}` : '';
    lines.push(`• ${run.date}: ${STATUS_WORDS[run.status]}${progress}${error}`);
  }
  return lines;
}
