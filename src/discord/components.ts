/**
 * Buttons: custom ids that carry their owner and issue time, short-lived server-side state for what does not fit
 * in a custom id (a search query), and compact references to papers.
 *
 * Custom id layout: `<command>:<action>:<ownerId>:<issuedAt base36 seconds>[:<arg>…]`, at most 100 characters.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ButtonStyle, ComponentType } from 'discord.js';
import type { APIActionRowComponent, APIButtonComponent } from 'discord.js';
import type { PaperStore } from '../corpus/store.js';
import type { Clock } from '../shared/types.js';
import type { Paper } from '../corpus/types.js';
import { DISCORD_LIMITS, truncateText } from './limits.js';

const SEPARATOR = ':';

/** A button identity before encoding. */
export interface ButtonId {
  command: string;
  action: string;
  ownerId: string;
  issuedAt: Date;
  args?: string[];
}

/** Encodes a button id; throws when it would exceed Discord's 100-character limit (a programming error). */
export function encodeCustomId(id: ButtonId): string {
  const parts = [id.command, id.action, id.ownerId, Math.floor(id.issuedAt.getTime() / 1000).toString(36), ...(id.args ?? [])];
  for (const part of parts) {
    if (part.includes(SEPARATOR)) throw new Error(`components.ts: custom id part "${part}" contains "${SEPARATOR}"`);
  }
  const encoded = parts.join(SEPARATOR);
  if (encoded.length > DISCORD_LIMITS.customId) {
    throw new Error(`components.ts: custom id is ${encoded.length} characters, Discord allows ${DISCORD_LIMITS.customId}: ${encoded}`);
  }
  return encoded;
}

/** Parses a custom id made by `encodeCustomId`; undefined for anything else (e.g. an older format). */
export function decodeCustomId(customId: string): ButtonId | undefined {
  const [command, action, ownerId, issued, ...args] = customId.split(SEPARATOR);
  if (!command || !action || !ownerId || !issued || !/^\d+$/.test(ownerId) || !/^[0-9a-z]+$/.test(issued)) return undefined;
  const seconds = Number.parseInt(issued, 36);
  if (!Number.isFinite(seconds)) return undefined;
  return { command, action, ownerId, issuedAt: new Date(seconds * 1000), args };
}

/** True when a button issued at `issuedAt` has outlived `ttlMs`. */
export function isExpired(issuedAt: Date, now: Date, ttlMs: number): boolean {
  return now.getTime() - issuedAt.getTime() > ttlMs;
}

/** In-memory state behind buttons, evicted after a time-to-live since last use and beyond a size cap. Lost on restart by design. */
export interface ResultSessions {
  put(state: unknown): string;
  get<T>(key: string): T | undefined;
  readonly size: number;
}

/** Creates the session store; `clock` decides expiry so tests can move time. */
export function createResultSessions(options: { ttlMs: number; maxEntries?: number; clock: Clock }): ResultSessions {
  const max = options.maxEntries ?? 1000;
  const entries = new Map<string, { state: unknown; createdAt: number }>();
  const evict = (now: number) => {
    for (const [key, entry] of entries) {
      if (now - entry.createdAt > options.ttlMs || entries.size > max) entries.delete(key);
      else break; // Insertion order is age order.
    }
  };
  return {
    put(state) {
      const now = options.clock.now().getTime();
      evict(now);
      let key: string;
      do key = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x');
      while (entries.has(key));
      entries.set(key, { state, createdAt: now });
      if (entries.size > max) evict(now);
      return key;
    },
    get<T>(key: string) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      const now = options.clock.now().getTime();
      entries.delete(key);
      if (now - entry.createdAt > options.ttlMs) return undefined;
      // Using a session keeps it alive (re-inserted as the newest).
      entries.set(key, { state: entry.state, createdAt: now });
      return entry.state as T;
    },
    get size() {
      return entries.size;
    },
  };
}

const MAX_INLINE_ID = 40;

/** A paper reference short enough for a custom id: the id itself, or `~` and a hash of it for long slugs. */
export function paperRef(paper: Pick<Paper, 'id'>): string {
  if (paper.id.length <= MAX_INLINE_ID && !paper.id.includes(SEPARATOR) && !paper.id.startsWith('~')) return paper.id;
  return `~${hashId(paper.id)}`;
}

/** Resolves a `paperRef` against the store; undefined when the paper is gone. */
export function resolvePaperRef(ref: string, store: PaperStore): Paper | undefined {
  if (!ref.startsWith('~')) return store.get(ref);
  const hash = ref.slice(1);
  return store.all().find((p) => hashId(p.id) === hash);
}

function hashId(id: string): string {
  return createHash('sha1').update(id).digest('base64url').slice(0, 12).replace(/[-_]/g, 'x');
}

/** A button; the label is cut to Discord's 80 characters. */
export function button(customId: string, label: string, options: { style?: ButtonStyle; disabled?: boolean; emoji?: string } = {}): APIButtonComponent {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: truncateText(label, DISCORD_LIMITS.buttonLabel),
    style: options.style ?? ButtonStyle.Secondary,
    ...(options.disabled ? { disabled: true } : {}),
    ...(options.emoji ? { emoji: { name: options.emoji } } : {}),
  } as APIButtonComponent;
}

/** Packs buttons into action rows of five, at most five rows (extra buttons are dropped). */
export function actionRows(buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] {
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length && rows.length < DISCORD_LIMITS.actionRows; i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow) });
  }
  return rows;
}

/** One action row from the given buttons (≤ 5). */
export function actionRow(buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components: buttons.slice(0, DISCORD_LIMITS.buttonsPerRow) };
}
