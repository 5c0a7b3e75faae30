import type { Database } from 'better-sqlite3';
import type { DigestSettingsPatch, StoredDigestSettings } from './types.js';

interface SettingsRow {
  guild_id: string;
  channel_id: string | null;
  time: string | null;
  time_zone: string | null;
  count: number | null;
  enabled: number;
  schedule_since: string;
  updated_at: string;
}

/** Per-guild digest settings. */
export interface SettingsRepo {
  get(guildId: string): StoredDigestSettings | undefined;
  /** Creates or changes a guild's settings; a change to channel, time, zone or enabled restarts the schedule at `now`. */
  update(guildId: string, patch: DigestSettingsPatch): StoredDigestSettings;
  /** Guilds with the digest on and a channel set. */
  listEnabled(): StoredDigestSettings[];
}

const toSettings = (row: SettingsRow): StoredDigestSettings => ({
  guildId: row.guild_id,
  channelId: row.channel_id,
  time: row.time,
  timeZone: row.time_zone,
  count: row.count,
  enabled: row.enabled === 1,
  scheduleSince: row.schedule_since,
  updatedAt: row.updated_at,
});

export function createSettingsRepo(db: Database, now: () => string): SettingsRepo {
  const select = db.prepare<[string], SettingsRow>('SELECT * FROM guild_settings WHERE guild_id = ?');
  const selectEnabled = db.prepare<[], SettingsRow>(
    'SELECT * FROM guild_settings WHERE enabled = 1 AND channel_id IS NOT NULL ORDER BY guild_id',
  );
  const upsert = db.prepare(
    `INSERT INTO guild_settings (guild_id, channel_id, time, time_zone, count, enabled, schedule_since, updated_at)
     VALUES (@guild_id, @channel_id, @time, @time_zone, @count, @enabled, @schedule_since, @updated_at)
     ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, time = excluded.time,
       time_zone = excluded.time_zone, count = excluded.count, enabled = excluded.enabled,
       schedule_since = excluded.schedule_since, updated_at = excluded.updated_at`,
  );

  const get = (guildId: string) => {
    const row = select.get(guildId);
    return row ? toSettings(row) : undefined;
  };

  const update = db.transaction((guildId: string, patch: DigestSettingsPatch): StoredDigestSettings => {
    const at = now();
    const before = get(guildId);
    const next: StoredDigestSettings = {
      guildId,
      channelId: patch.channelId !== undefined ? patch.channelId : (before?.channelId ?? null),
      time: patch.time !== undefined ? patch.time : (before?.time ?? null),
      timeZone: patch.timeZone !== undefined ? patch.timeZone : (before?.timeZone ?? null),
      count: patch.count !== undefined ? patch.count : (before?.count ?? null),
      enabled: patch.enabled ?? before?.enabled ?? false,
      scheduleSince: before?.scheduleSince ?? at,
      updatedAt: at,
    };
    const scheduleChanged =
      !before ||
      next.channelId !== before.channelId ||
      next.time !== before.time ||
      next.timeZone !== before.timeZone ||
      next.enabled !== before.enabled;
    // Slots before a schedule change do not count, so changing the time never posts for a slot that already passed.
    if (scheduleChanged) next.scheduleSince = at;
    upsert.run({
      guild_id: guildId,
      channel_id: next.channelId,
      time: next.time,
      time_zone: next.timeZone,
      count: next.count,
      enabled: next.enabled ? 1 : 0,
      schedule_since: next.scheduleSince,
      updated_at: next.updatedAt,
    });
    return next;
  });

  return {
    get,
    update: (guildId, patch) => update(guildId, patch),
    listEnabled: () => selectEnabled.all().map(toSettings),
  };
}
