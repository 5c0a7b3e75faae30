import type { State, StoredDigestSettings } from '../state/index.js';
import { isValidTimeZone, parseTimeOfDay } from './schedule.js';

/** Config defaults for guilds that did not choose (config `digest`). */
export interface DigestDefaults {
  time: string;
  timeZone: string;
  count: number;
}

/** A guild's effective digest settings (stored values over defaults). */
export interface DigestSettings {
  guildId: string;
  channelId: string | null;
  time: string;
  timeZone: string;
  count: number;
  enabled: boolean;
  /** Slots at or before this instant are never posted (the schedule was set or changed then). */
  scheduleSince: Date;
}

/** Digest counts a guild may choose. */
export const COUNT_RANGE = { min: 1, max: 10 } as const;

/** An invalid settings change; the message is meant for the user who made it. */
export class DigestSettingsError extends Error {
  override name = 'DigestSettingsError';
}

/** Stored settings (possibly none) over the defaults. */
export function resolveSettings(guildId: string, stored: StoredDigestSettings | undefined, defaults: DigestDefaults): DigestSettings {
  return {
    guildId,
    channelId: stored?.channelId ?? null,
    time: stored?.time ?? defaults.time,
    timeZone: stored?.timeZone ?? defaults.timeZone,
    count: stored?.count ?? defaults.count,
    enabled: stored?.enabled ?? false,
    scheduleSince: new Date(stored?.scheduleSince ?? 0),
  };
}

/** Reading and changing per-guild digest settings, with validation. */
export interface DigestSettingsService {
  get(guildId: string): DigestSettings;
  /** Sets the channel and turns the digest on. */
  setChannel(guildId: string, channelId: string): DigestSettings;
  /** Sets the local posting time, and the zone when given ("09:30", "Europe/Berlin"). */
  setTime(guildId: string, time: string, timeZone?: string): DigestSettings;
  setCount(guildId: string, count: number): DigestSettings;
  /** Turns the digest off (settings are kept; setting a channel turns it on again). */
  disable(guildId: string): DigestSettings;
  /** Guilds with the digest on and a channel. */
  listEnabled(): DigestSettings[];
}

export function createDigestSettings({ state, defaults }: { state: Pick<State, 'settings'>; defaults: DigestDefaults }): DigestSettingsService {
  const resolve = (guildId: string, stored: StoredDigestSettings | undefined) => resolveSettings(guildId, stored, defaults);
  return {
    get: (guildId) => resolve(guildId, state.settings.get(guildId)),
    setChannel: (guildId, channelId) => resolve(guildId, state.settings.update(guildId, { channelId, enabled: true })),
    setTime(guildId, time, timeZone) {
      const parsed = parseTimeOfDay(time);
      if (!parsed) throw new DigestSettingsError(`"${time}" is not a time of day; use 24-hour HH:MM, e.g. 09:00 or 17:30`);
      if (timeZone !== undefined && !isValidTimeZone(timeZone.trim())) {
        throw new DigestSettingsError(`"${timeZone}" is not a time zone; use an IANA name such as Europe/Berlin, America/New_York or UTC`);
      }
      const normalised = `${String(parsed.hour).padStart(2, '0')}:${String(parsed.minute).padStart(2, '0')}`;
      return resolve(guildId, state.settings.update(guildId, { time: normalised, ...(timeZone !== undefined ? { timeZone: timeZone.trim() } : {}) }));
    },
    setCount(guildId, count) {
      if (!Number.isInteger(count) || count < COUNT_RANGE.min || count > COUNT_RANGE.max) {
        throw new DigestSettingsError(`the number of papers must be a whole number from ${COUNT_RANGE.min} to ${COUNT_RANGE.max}`);
      }
      return resolve(guildId, state.settings.update(guildId, { count }));
    },
    disable: (guildId) => resolve(guildId, state.settings.update(guildId, { enabled: false })),
    listEnabled: () => state.settings.listEnabled().map((s) => resolve(s.guildId, s)),
  };
}
