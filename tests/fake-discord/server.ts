/**
 * A fake Discord on 127.0.0.1 for end-to-end tests: the REST routes a bot uses (recording every request) and a
 * WebSocket gateway (HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats) that can dispatch INTERACTION_CREATE and
 * MESSAGE_CREATE. Point discord.js at it with `rest: { api: fake.apiUrl }`.
 *
 * Speaks uncompressed JSON only: @discordjs/ws asks for zlib-stream only when `zlib-sync` is installed, and
 * discord.js enables compression only then, so it must stay uninstalled.
 *
 * Like Discord, it rejects a second acknowledgement of an interaction (40060) and one arriving after
 * `ackDeadlineMs` (10062 Unknown interaction), so tests catch double replies and late acknowledgements.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

/** A request the bot made, with its parsed JSON body. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  kind: RequestKind;
  /** Files of a multipart request (attachments), in field order. */
  files?: RecordedFile[];
  /** The interaction (callback) or interaction token (webhooks) it belongs to. */
  interactionId?: string;
  token?: string;
  status: number;
}

export type RequestKind =
  | 'gateway'
  | 'callback'
  | 'webhook-edit'
  | 'webhook-followup'
  | 'webhook-delete'
  | 'webhook-get'
  | 'channel-message'
  | 'message-edit'
  | 'message-delete'
  | 'typing'
  | 'dm-channel'
  | 'commands'
  | 'other';

/** A file the bot uploaded with a message. */
export interface RecordedFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

/** A message payload the bot sent, wherever it went (interaction reply, edit, follow-up, channel message). */
export interface SentPayload {
  kind: RequestKind;
  /** For callbacks: the InteractionResponseType. */
  callbackType?: number;
  body: Record<string, unknown>;
  interactionId?: string;
  token?: string;
  files?: RecordedFile[];
}

/** A message as stored by the fake (the subset of Discord's message object discord.js needs). */
export type FakeMessage = Record<string, unknown> & { id: string; channel_id: string; components?: unknown[]; embeds?: unknown[]; content?: string; flags?: number };

export interface FakeDiscordOptions {
  appId?: string;
  guildId?: string;
  channelId?: string;
  bot?: FakeUser;
  /** Interactions must be acknowledged within this time (Discord: 3 s). */
  ackDeadlineMs?: number;
  /** Fixed port (default: a random free one). */
  port?: number;
}

export interface SlashOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: SlashOption[];
}

interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  dispatchedAt: number;
  acknowledged: boolean;
  user: FakeUser;
  /** The message a component interaction was on. */
  messageId?: string;
  originalMessageId?: string;
}

const API_PREFIX = '/api/v10';
const ADMIN_PERMISSIONS = '2251799813685247';
export const DEFAULT_USERS = {
  alice: { id: '200000000000000001', username: 'alice' },
  bob: { id: '200000000000000002', username: 'bob' },
} as const satisfies Record<string, FakeUser>;

/** Starts a fake Discord on a random loopback port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(options);
  await fake.listen();
  return fake;
}

export class FakeDiscord {
  readonly appId: string;
  readonly guildId: string;
  readonly channelId: string;
  /** More channels of the guild: an announcement channel, a text channel where the bot may not post, a voice channel. */
  readonly extraChannels = {
    announcements: '100000000000000004',
    readOnly: '100000000000000005',
    voice: '100000000000000006',
  } as const;
  readonly bot: FakeUser;
  readonly ackDeadlineMs: number;
  /** Every REST request, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Every gateway payload received from the bot (IDENTIFY, HEARTBEAT …). */
  readonly gatewayReceived: { op: number; d: unknown }[] = [];
  readonly messages = new Map<string, FakeMessage>();
  /** Commands registered through PUT, by scope ("global" or the guild id). */
  readonly registeredCommands = new Map<string, unknown[]>();

  private readonly server = http.createServer((req, res) => void this.handleHttp(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly events = new EventEmitter();
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly interactionsByToken = new Map<string, InteractionRecord>();
  private sequence = 0;
  private nextId = 1_300_000_000_000_000_000n;
  private port = 0;
  private readonly requestedPort: number;

  constructor(options: FakeDiscordOptions) {
    this.requestedPort = options.port ?? 0;
    this.appId = options.appId ?? '100000000000000001';
    this.guildId = options.guildId ?? '100000000000000002';
    this.channelId = options.channelId ?? '100000000000000003';
    this.bot = options.bot ?? { id: this.appId, username: 'Paper Scout', bot: true };
    this.ackDeadlineMs = options.ackDeadlineMs ?? 3000;
    this.events.setMaxListeners(100);
    this.server.on('upgrade', (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onGateway(ws));
    });
  }

  /** REST base for discord.js: `rest: { api: fake.apiUrl }`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.requestedPort, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A new snowflake. */
  snowflake(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  /** Resolves once a bot has identified and received READY and GUILD_CREATE. */
  waitForReady(timeoutMs = 10_000): Promise<void> {
    if (this.sockets.size > 0 && this.gatewayReceived.some((p) => p.op === 2)) return Promise.resolve();
    return this.waitForEvent('ready', timeoutMs);
  }

  /** Sends a dispatch (op 0) to every connected bot. */
  dispatch(event: string, data: unknown): void {
    this.sequence += 1;
    const payload = JSON.stringify({ op: 0, t: event, s: this.sequence, d: data });
    for (const ws of this.sockets) ws.send(payload);
  }

  // ---- Driving the bot --------------------------------------------------------------------------------------

  /** Dispatches a slash command; `options` as Discord sends them. */
  sendCommand(name: string, options: SlashOption[] = [], user: FakeUser = DEFAULT_USERS.alice): InteractionHandle {
    return this.sendInteraction(2, user, { id: this.commandId(name), name, type: 1, options, guild_id: this.guildId });
  }

  /** Dispatches an autocomplete request; mark the typed option with `focused: true`. */
  sendAutocomplete(name: string, options: SlashOption[], user: FakeUser = DEFAULT_USERS.alice): InteractionHandle {
    return this.sendInteraction(4, user, { id: this.commandId(name), name, type: 1, options, guild_id: this.guildId });
  }

  /** Presses a button of a stored message. */
  clickButton(messageId: string, customId: string, user: FakeUser = DEFAULT_USERS.alice): InteractionHandle {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`fake-discord: no message ${messageId}`);
    return this.sendInteraction(3, user, { custom_id: customId, component_type: 2 }, message);
  }

  /**
   * Dispatches a message context-menu command ("Apps" on a message) for a stored message. As on Discord, the
   * interaction carries the message itself (no Message Content intent needed).
   */
  sendMessageCommand(name: string, message: FakeMessage, user: FakeUser = DEFAULT_USERS.alice): InteractionHandle {
    return this.sendInteraction(2, user, {
      id: this.commandId(name),
      name,
      type: 3,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
      guild_id: this.guildId,
    });
  }

  /** Posts a channel message from `user` (mentions of the bot are parsed from `<@id>` in the content). */
  sendMessage(content: string, user: FakeUser = DEFAULT_USERS.alice): FakeMessage {
    const mentioned = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]);
    const message = this.storeMessage({
      channel_id: this.channelId,
      guild_id: this.guildId,
      author: apiUser(user),
      member: apiMember(),
      content,
      mentions: mentioned.includes(this.bot.id) ? [apiUser({ ...this.bot, bot: true })] : [],
      type: 0,
    });
    this.dispatch('MESSAGE_CREATE', message);
    return message;
  }

  // ---- Reading what the bot did -----------------------------------------------------------------------------

  /** Every message payload the bot sent (replies, edits, follow-ups, updates, channel messages). */
  payloads(): SentPayload[] {
    const out: SentPayload[] = [];
    for (const r of this.requests) {
      const body = r.body as Record<string, unknown> | undefined;
      if (!body || typeof body !== 'object') continue;
      const ids = { ...(r.interactionId ? { interactionId: r.interactionId } : {}), ...(r.token ? { token: r.token } : {}), ...(r.files ? { files: r.files } : {}) };
      if (r.kind === 'callback') {
        const type = body.type as number;
        if ((type === 4 || type === 7) && body.data) out.push({ kind: r.kind, callbackType: type, body: body.data as Record<string, unknown>, ...ids });
      } else if (['webhook-edit', 'webhook-followup', 'channel-message', 'message-edit'].includes(r.kind)) {
        out.push({ kind: r.kind, body, ...ids });
      }
    }
    return out;
  }

  /** Calls `listener` for every request from now on; returns a function that stops it. */
  onRequest(listener: (request: RecordedRequest) => void): () => void {
    this.events.on('request', listener);
    return () => this.events.off('request', listener);
  }

  /** The bot's most recent message that carries buttons. */
  lastMessageWithButtons(): FakeMessage | undefined {
    return [...this.messages.values()].reverse().find((m) => (m.components ?? []).length > 0);
  }

  /** Resolves with the first recorded request (past or future) matching `predicate`. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs = 10_000): Promise<RecordedRequest> {
    const found = this.requests.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('request', listener);
        reject(new Error(`fake-discord: no matching request within ${timeoutMs} ms; got: ${this.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`));
      }, timeoutMs);
      const listener = (r: RecordedRequest) => {
        if (!predicate(r)) return;
        clearTimeout(timer);
        this.events.off('request', listener);
        resolve(r);
      };
      this.events.on('request', listener);
    });
  }

  /** The message an interaction's response created (or, for a button, the message it updated). */
  messageOf(handle: { id: string }): FakeMessage | undefined {
    const id = this.interactions.get(handle.id)?.originalMessageId;
    return id ? this.messages.get(id) : undefined;
  }

  /** Custom id of the button labelled `label` (case-insensitive prefix) on a stored message. */
  buttonOf(message: FakeMessage | undefined, label: string): { customId: string; disabled: boolean } | undefined {
    for (const row of (message?.components ?? []) as { components?: { custom_id?: string; label?: string; disabled?: boolean }[] }[]) {
      for (const c of row.components ?? []) {
        if (c.custom_id && c.label?.toLowerCase().startsWith(label.toLowerCase())) return { customId: c.custom_id, disabled: c.disabled ?? false };
      }
    }
    return undefined;
  }

  /** Requests belonging to one interaction (its callback and its webhook calls), in order. */
  requestsFor(handle: InteractionHandle): RecordedRequest[] {
    return this.requests.filter((r) => r.interactionId === handle.id || r.token === handle.token);
  }

  // ---- Internals --------------------------------------------------------------------------------------------

  private commandIds = new Map<string, string>();

  private commandId(name: string): string {
    let id = this.commandIds.get(name);
    if (!id) {
      id = this.snowflake();
      this.commandIds.set(name, id);
    }
    return id;
  }

  private sendInteraction(type: number, user: FakeUser, data: Record<string, unknown>, message?: FakeMessage): InteractionHandle {
    const id = this.snowflake();
    const token = `tok-${id}`;
    const record: InteractionRecord = { id, token, type, dispatchedAt: Date.now(), acknowledged: false, user, ...(message ? { messageId: message.id } : {}) };
    this.interactions.set(id, record);
    this.interactionsByToken.set(token, record);
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.appId,
      type,
      token,
      version: 1,
      guild_id: this.guildId,
      channel_id: this.channelId,
      channel: { id: this.channelId, type: 0, guild_id: this.guildId, name: 'general' },
      member: apiMember(user),
      app_permissions: ADMIN_PERMISSIONS,
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      data,
      ...(message ? { message } : {}),
    });
    return new InteractionHandle(this, id, token);
  }

  private onGateway(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (raw) => {
      let payload: { op: number; d: unknown };
      try {
        payload = JSON.parse(String(raw)) as { op: number; d: unknown };
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      this.gatewayReceived.push(payload);
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (payload.op === 2) this.onIdentify(ws);
      if (payload.op === 6) {
        this.sequence += 1;
        ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: this.sequence, d: {} }));
      }
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
  }

  private onIdentify(ws: WebSocket): void {
    const send = (t: string, d: unknown) => {
      this.sequence += 1;
      ws.send(JSON.stringify({ op: 0, t, s: this.sequence, d }));
    };
    send('READY', {
      v: 10,
      user: { ...apiUser({ ...this.bot, bot: true }), verified: true, mfa_enabled: false, flags: 0 },
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: 'fake-session',
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: this.appId, flags: 0 },
    });
    send('GUILD_CREATE', {
      id: this.guildId,
      name: 'Fake Lab',
      icon: null,
      owner_id: DEFAULT_USERS.alice.id,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      features: [],
      mfa_level: 0,
      system_channel_flags: 0,
      premium_tier: 0,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      joined_at: new Date(0).toISOString(),
      large: false,
      unavailable: false,
      member_count: 3,
      roles: [{ id: this.guildId, name: '@everyone', color: 0, hoist: false, position: 0, permissions: '1071698660929', managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      members: [{ ...apiMember({ ...this.bot, bot: true }) }],
      channels: [
        { id: this.channelId, type: 0, guild_id: this.guildId, name: 'general', position: 0, permission_overwrites: [], nsfw: false, topic: null, last_message_id: null },
        { id: this.extraChannels.announcements, type: 5, guild_id: this.guildId, name: 'announcements', position: 1, permission_overwrites: [], nsfw: false, topic: null, last_message_id: null },
        // @everyone (the bot has no other role) may read but not send messages here (deny 2048 = Send Messages).
        { id: this.extraChannels.readOnly, type: 0, guild_id: this.guildId, name: 'read-only', position: 2, permission_overwrites: [{ id: this.guildId, type: 0, allow: '0', deny: '2048' }], nsfw: false, topic: null, last_message_id: null },
        { id: this.extraChannels.voice, type: 2, guild_id: this.guildId, name: 'voice', position: 3, permission_overwrites: [], bitrate: 64000, user_limit: 0, rtc_region: null, nsfw: false },
      ],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    });
    this.events.emit('ready');
  }

  private waitForEvent(event: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake-discord: no "${event}" within ${timeoutMs} ms`)), timeoutMs);
      this.events.once(event, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private storeMessage(partial: Record<string, unknown>): FakeMessage {
    const id = this.snowflake();
    const message: FakeMessage = {
      id,
      channel_id: this.channelId,
      author: apiUser({ ...this.bot, bot: true }),
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 0,
      flags: 0,
      ...partial,
    };
    this.messages.set(id, message);
    return message;
  }

  private messageFromBody(body: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      components: Array.isArray(body.components) ? body.components : [],
      flags: typeof body.flags === 'number' ? body.flags : 0,
      ...extra,
    };
  }

  private editMessage(id: string, body: Record<string, unknown>): FakeMessage | undefined {
    const message = this.messages.get(id);
    if (!message) return undefined;
    for (const key of ['content', 'embeds', 'components'] as const) {
      if (key in body) message[key] = body[key] as never;
    }
    message.edited_timestamp = new Date().toISOString();
    return message;
  }

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const buffer = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    let body: unknown;
    let files: RecordedFile[] | undefined;
    if (contentType.startsWith('multipart/form-data')) {
      // Attachments: the JSON part is `payload_json`, each file its own part (files[0], files[1] …).
      const form = await new Response(buffer, { headers: { 'content-type': contentType } }).formData();
      files = [];
      for (const [field, value] of form.entries()) {
        if (field === 'payload_json' && typeof value === 'string') body = JSON.parse(value);
        else if (typeof value !== 'string') files.push({ field, name: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
      }
    } else {
      const raw = buffer.toString('utf8');
      try {
        body = raw.length > 0 ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
    }
    const method = req.method ?? 'GET';
    const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const record: RecordedRequest = { method, path, query: url.searchParams, body, kind: 'other', status: 200, ...(files ? { files } : {}) };
    const reply = (status: number, json?: unknown) => {
      record.status = status;
      this.requests.push(record);
      this.events.emit('request', record);
      if (json === undefined) {
        res.writeHead(status);
        res.end();
      } else {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      }
    };
    const match = (pattern: RegExp) => pattern.exec(path);
    let m: RegExpExecArray | null;

    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      record.kind = 'gateway';
      return reply(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if ((m = match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && method === 'POST') {
      record.kind = 'callback';
      record.interactionId = m[1];
      record.token = m[2];
      const interaction = this.interactions.get(m[1] ?? '');
      if (!interaction || interaction.token !== m[2] || Date.now() - interaction.dispatchedAt > this.ackDeadlineMs) {
        return reply(404, { message: 'Unknown interaction', code: 10062 });
      }
      if (interaction.acknowledged) return reply(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      interaction.acknowledged = true;
      const callback = (body ?? {}) as { type: number; data?: Record<string, unknown> };
      let message: FakeMessage | undefined;
      if (callback.type === 4 || callback.type === 5) {
        message = this.storeMessage(
          this.messageFromBody(callback.data ?? {}, {
            type: 20,
            webhook_id: this.appId,
            application_id: this.appId,
            interaction_metadata: { id: interaction.id, type: interaction.type, user: apiUser(interaction.user), authorizing_integration_owners: { '0': this.guildId } },
            ...(callback.type === 5 ? { flags: (callback.data?.flags as number | undefined ?? 0) | 128 } : {}),
          }),
        );
        interaction.originalMessageId = message.id;
      } else if (callback.type === 7 && interaction.messageId) {
        message = this.editMessage(interaction.messageId, callback.data ?? {});
        interaction.originalMessageId = interaction.messageId;
      } else if (callback.type === 6 && interaction.messageId) {
        interaction.originalMessageId = interaction.messageId;
      }
      if (url.searchParams.get('with_response') === 'true') {
        return reply(200, {
          interaction: { id: interaction.id, type: interaction.type, response_message_id: message?.id, response_message_loading: callback.type === 5, response_message_ephemeral: false },
          ...(message ? { resource: { type: callback.type, message } } : {}),
        });
      }
      return reply(204);
    }
    if ((m = match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/))) {
      const [, appId, token, messageRef] = m;
      record.token = token;
      const interaction = this.interactionsByToken.get(token ?? '');
      if (appId !== this.appId || !interaction) return reply(404, { message: 'Unknown Webhook', code: 10015 });
      const messageId = messageRef !== undefined && decodeURIComponent(messageRef) === '@original' ? interaction.originalMessageId : messageRef;
      if (method === 'POST' && !messageRef) {
        record.kind = 'webhook-followup';
        if (!interaction.acknowledged) return reply(404, { message: 'Unknown Webhook', code: 10015 });
        const message = this.storeMessage(this.messageFromBody((body ?? {}) as Record<string, unknown>, { type: 0, webhook_id: this.appId, application_id: this.appId }));
        return reply(200, message);
      }
      if (method === 'PATCH' && messageRef) {
        record.kind = 'webhook-edit';
        const edited = messageId ? this.editMessage(messageId, (body ?? {}) as Record<string, unknown>) : undefined;
        if (edited && typeof (edited.flags) === 'number') edited.flags &= ~128; // no longer "thinking"
        return edited ? reply(200, edited) : reply(404, { message: 'Unknown Message', code: 10008 });
      }
      if (method === 'DELETE' && messageRef) {
        record.kind = 'webhook-delete';
        if (!messageId || !this.messages.delete(messageId)) return reply(404, { message: 'Unknown Message', code: 10008 });
        return reply(204);
      }
      if (method === 'GET' && messageRef) {
        record.kind = 'webhook-get';
        const message = messageId ? this.messages.get(messageId) : undefined;
        return message ? reply(200, message) : reply(404, { message: 'Unknown Message', code: 10008 });
      }
    }
    if ((m = match(/^\/channels\/(\d+)\/messages$/)) && method === 'POST') {
      record.kind = 'channel-message';
      const payload = (body ?? {}) as Record<string, unknown>;
      const reference = payload.message_reference as { message_id?: string } | undefined;
      const message = this.storeMessage(
        this.messageFromBody(payload, {
          channel_id: m[1],
          guild_id: m[1] === this.channelId ? this.guildId : undefined,
          type: reference ? 19 : 0,
          ...(reference ? { message_reference: { ...reference, channel_id: m[1] } } : {}),
        }),
      );
      return reply(200, message);
    }
    if ((m = match(/^\/channels\/(\d+)\/messages\/(\d+)$/))) {
      if (method === 'PATCH') {
        record.kind = 'message-edit';
        const edited = this.editMessage(m[2] ?? '', (body ?? {}) as Record<string, unknown>);
        return edited ? reply(200, edited) : reply(404, { message: 'Unknown Message', code: 10008 });
      }
      if (method === 'DELETE') {
        record.kind = 'message-delete';
        return this.messages.delete(m[2] ?? '') ? reply(204) : reply(404, { message: 'Unknown Message', code: 10008 });
      }
    }
    if ((m = match(/^\/channels\/(\d+)\/typing$/)) && method === 'POST') {
      record.kind = 'typing';
      return reply(204);
    }
    if (path === '/users/@me/channels' && method === 'POST') {
      record.kind = 'dm-channel';
      const recipient = (body as { recipient_id?: string } | undefined)?.recipient_id ?? '0';
      return reply(200, { id: this.snowflake(), type: 1, last_message_id: null, recipients: [{ id: recipient, username: `user${recipient.slice(-4)}`, discriminator: '0', avatar: null, global_name: null }] });
    }
    if ((m = match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      record.kind = 'commands';
      const scope = m[2] ?? 'global';
      if (m[1] !== this.appId) return reply(404, { message: 'Unknown Application', code: 10002 });
      if (method === 'PUT') {
        const list = (Array.isArray(body) ? body : []).map((c: Record<string, unknown>) => ({
          ...c,
          id: this.commandId(String(c.name)),
          application_id: this.appId,
          version: this.snowflake(),
          ...(m?.[2] ? { guild_id: m[2] } : {}),
        }));
        this.registeredCommands.set(scope, list);
        return reply(200, list);
      }
      if (method === 'GET') return reply(200, this.registeredCommands.get(scope) ?? []);
    }
    return reply(404, { message: `fake-discord: no route for ${method} ${path}`, code: 0 });
  }
}

/** One dispatched interaction, with ways to wait for what the bot answered. */
export class InteractionHandle {
  constructor(
    private readonly fake: FakeDiscord,
    readonly id: string,
    readonly token: string,
  ) {}

  /** The interaction callback (the acknowledgement). */
  callback(timeoutMs?: number): Promise<RecordedRequest> {
    return this.fake.waitForRequest((r) => r.kind === 'callback' && r.interactionId === this.id, timeoutMs);
  }

  /** The first request of `kind` for this interaction. */
  request(kind: RequestKind, timeoutMs?: number): Promise<RecordedRequest> {
    return this.fake.waitForRequest((r) => r.kind === kind && (r.interactionId === this.id || r.token === this.token), timeoutMs);
  }

  /** Everything recorded for this interaction so far. */
  requests(): RecordedRequest[] {
    return this.fake.requestsFor(this);
  }
}

function apiUser(user: FakeUser): Record<string, unknown> {
  return { id: user.id, username: user.username, discriminator: '0', global_name: null, avatar: null, bot: user.bot ?? false };
}

function apiMember(user?: FakeUser): Record<string, unknown> {
  return {
    ...(user ? { user: apiUser(user) } : {}),
    roles: [],
    joined_at: new Date(0).toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    permissions: ADMIN_PERMISSIONS,
  };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
