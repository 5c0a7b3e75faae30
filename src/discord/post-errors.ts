/** How the digest scheduler should treat a failed Discord post: the classifier the bot hands to the digest service. */
import type { PostFailure } from '../digest/types.js';

// Discord JSON error codes that will not go away by themselves.
const PERMANENT_CODES: ReadonlyMap<number, string> = new Map([
  [10003, 'Unknown Channel'],
  [10004, 'Unknown Guild'],
  [50001, 'Missing Access'],
  [50013, 'Missing Permissions'],
  [50035, 'Invalid Form Body'],
  [50006, 'Cannot send an empty message'],
  [50008, 'Cannot send messages in a non-text channel'],
  [40005, 'Request entity too large'],
]);

/**
 * Classifies an error thrown by `post`. Reads `code` (a Discord JSON error code, or a network code such as
 * ECONNRESET) and `status` (HTTP), as discord.js errors carry them. HTTP 400/401/403/404 and the codes above are
 * permanent; 408, 429, 5xx, network errors and anything unknown are transient.
 */
export function classifyPostError(error: unknown): PostFailure {
  const e = (error ?? {}) as { code?: unknown; status?: unknown; message?: unknown };
  const code = typeof e.code === 'number' || typeof e.code === 'string' ? e.code : undefined;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const known = typeof code === 'number' ? PERMANENT_CODES.get(code) : undefined;
  const message = typeof e.message === 'string' && e.message.trim() !== '' ? e.message.trim() : (known ?? String(error));
  const details = [
    code !== undefined ? (typeof code === 'number' ? `Discord code ${code}` : code) : undefined,
    status !== undefined ? `HTTP ${status}` : undefined,
  ].filter(Boolean);
  const reason = details.length > 0 ? `${message} (${details.join(', ')})` : message;
  if (known) return { permanent: true, reason };
  if (status !== undefined) {
    if (status === 408 || status === 429 || status >= 500) return { permanent: false, reason };
    if (status >= 400) return { permanent: true, reason };
  }
  return { permanent: false, reason };
}
