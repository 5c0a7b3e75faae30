import type { SubscriptionMatchRecord, SubscriptionRecord } from '../state/index.js';
import type { SubscriptionNotice } from './types.js';

/** Longest text these formatters return: inside a Discord message (2000) with room to spare. */
export const MAX_TEXT = 1900;

/** The DM text of a notice: the topic, then each paper linked with its score and the sentence that matched. */
export function formatNotice(notice: SubscriptionNotice): string {
  const head = `New paper${notice.hits.length === 1 ? '' : 's'} for your subscription “${notice.topic}”:`;
  const lines = notice.hits.map((h) => `• [${escapeLinkText(h.paper.title)}](<${h.paper.url}>) — score ${h.score.toFixed(2)}\n  > ${h.evidence}`);
  return joinWithin([head, ...lines], MAX_TEXT, 'Use /unsubscribe to stop these messages.');
}

/** The `/subscriptions` text: topics with thresholds, then matches that could not be delivered. */
export function formatSubscriptions(subscriptions: readonly SubscriptionRecord[], pending: readonly SubscriptionMatchRecord[]): string {
  const lines: string[] = [];
  if (subscriptions.length === 0) lines.push('You follow no topic here. Use /subscribe to get new matching papers by DM.');
  else {
    lines.push('You follow:');
    for (const s of subscriptions) lines.push(`• “${s.topic}” (threshold ${s.threshold.toFixed(2)})`);
  }
  if (pending.length > 0) {
    lines.push('', `Matches I could not send you by DM (${pending.length}):`);
    for (const m of pending) lines.push(`• [${escapeLinkText(m.paperTitle)}](<${m.paperUrl}>) — “${m.topic}”, score ${m.score.toFixed(2)}`);
  }
  return joinWithin(lines, MAX_TEXT);
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]]/g, (c) => `\\${c}`);
}

/** Joins whole lines while they fit, then "…and N more"; an optional footer is kept when it fits. */
function joinWithin(lines: readonly string[], max: number, footer?: string): string {
  const tail = footer ? `\n${footer}` : '';
  const all = lines.join('\n');
  if (all.length + tail.length <= max) return all + tail;
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const more = `\n…and ${lines.length - i} more`;
    const next = used + (kept.length > 0 ? 1 : 0) + lines[i]!.length;
    if (next + more.length + tail.length > max) return `${kept.join('\n')}${more}${tail}`;
    kept.push(lines[i]!);
    used = next;
  }
  return kept.join('\n') + tail;
}
