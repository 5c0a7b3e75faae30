/**
 * The command contract. Every file in `commands/` default-exports a `Command`
 * (`export default { data, execute, autocomplete? } satisfies Command`); the loader registers them all.
 *
 * Handlers see narrow invocation interfaces rather than discord.js classes, so the same handler runs for a
 * slash command, for a message that mentions the bot and for the local terminal. discord.js interactions satisfy
 * these interfaces structurally.
 */
import type {
  APIActionRowComponent,
  APIButtonComponent,
  APIEmbed,
  ApplicationCommandOptionChoiceData,
  CommandInteractionOption,
  InteractionDeferReplyOptions,
  InteractionEditReplyOptions,
  InteractionReplyOptions,
  InteractionUpdateOptions,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { App } from '../app/types.js';
import type { PaperAdder } from '../arxiv/index.js';
import type { DigestService } from '../digest/service.js';
import type { ReadingList } from '../reading-list/index.js';
import type { Clock, Logger } from '../shared/types.js';
import type { ResultSessions } from './components.js';

/** What a handler sends back; the responder applies limits, escaping rules and "never ping". */
export interface Reply {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
  /** Only the invoking user sees it (slash commands and buttons; a mention reply is always public). */
  ephemeral?: boolean;
  /** File attachments (an export, a chart). */
  files?: ReplyFile[];
}

/** A file attached to a reply. */
export interface ReplyFile {
  name: string;
  data: Buffer;
  description?: string;
}

/** The person who invoked a command or pressed a button. */
export interface Invoker {
  readonly id: string;
  readonly username: string;
}

/** Where an invocation came from; handlers rarely need it (e.g. to phrase a hint). */
export type Surface = 'discord' | 'mention' | 'local';

/** Where an invocation happened: the server, the channel and the member's permissions (absent in DMs and the terminal). */
export interface GuildContext {
  readonly guildId?: string | null;
  readonly channelId?: string | null;
  readonly memberPermissions?: { has(permission: bigint): boolean } | null;
}

/** What slash commands and button presses share: who, where, and the reply lifecycle. */
export interface RepliableInvocation extends GuildContext {
  readonly user: Invoker;
  readonly deferred: boolean;
  readonly replied: boolean;
  reply(options: InteractionReplyOptions): Promise<unknown>;
  deferReply(options?: InteractionDeferReplyOptions): Promise<unknown>;
  editReply(options: InteractionEditReplyOptions): Promise<unknown>;
  followUp(options: InteractionReplyOptions): Promise<unknown>;
  deleteReply(): Promise<unknown>;
}

/** A slash command invocation (a discord.js ChatInputCommandInteraction satisfies it). */
export interface CommandInvocation extends RepliableInvocation {
  readonly commandName: string;
  readonly options: { readonly data: readonly CommandInteractionOption[] };
}

/** A button press (a discord.js ButtonInteraction satisfies it). */
export interface ComponentInvocation extends RepliableInvocation {
  readonly customId: string;
  /** Replaces the message that carries the button. */
  update(options: InteractionUpdateOptions): Promise<unknown>;
}

/** An autocomplete request (a discord.js AutocompleteInteraction satisfies it). */
export interface AutocompleteInvocation extends GuildContext {
  readonly commandName: string;
  readonly user: Invoker;
  readonly responded: boolean;
  readonly options: { getFocused(full: true): { name: string; value: string } };
  respond(choices: ApplicationCommandOptionChoiceData[]): Promise<unknown>;
}

/** What every handler can use: the core app, the digest side and the router's shared state. */
export interface SharedContext {
  readonly app: App;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Short-lived state behind buttons (paging). */
  readonly sessions: ResultSessions;
  /** How long buttons keep working after the message was sent. */
  readonly buttonTtlMs: number;
  /** All loaded commands, by name (e.g. for help texts). */
  readonly commands: ReadonlyMap<string, Command>;
  /** Digests, subscriptions and ingestion; absent when this instance runs without them (e.g. adapter tests). */
  readonly digest?: DigestService | null;
  /** Adding papers from arXiv (`/add`); absent without a state database. */
  readonly adder?: PaperAdder | null;
  /** Per-user reading lists; absent without a state database. */
  readonly readingList?: ReadingList | null;
}

/** The per-invocation context: the shared context plus the deferred-aware way to answer. */
export interface CommandContext extends SharedContext {
  readonly surface: Surface;
  readonly user: Invoker;
  /** Sends a reply: reply, edit of the deferred reply, or follow-up, whichever is due. */
  respond(reply: Reply): Promise<void>;
  /** Acknowledges now ("thinking…") when the work may outlast Discord's 3-second window. */
  defer(): Promise<void>;
  /** Milliseconds since the invocation arrived, for footers. */
  elapsedMs(): number;
}

/** A button press, parsed from its custom id. */
export interface ButtonPress {
  action: string;
  ownerId: string;
  issuedAt: Date;
  args: string[];
}

/** The per-press context: like a command's, plus replacing the message that carries the button. */
export interface ButtonContext extends CommandContext {
  update(reply: Reply): Promise<void>;
}

export type ButtonHandler = (press: ButtonPress, ctx: ButtonContext) => Promise<void>;

/** One slash command, or a message context-menu command (right-click a message → Apps), whose invocation's `options.data` holds the target message. */
export interface Command {
  /** The registration payload (a SlashCommandBuilder, or a ContextMenuCommandBuilder). */
  readonly data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody | RESTPostAPIContextMenuApplicationCommandsJSONBody };
  execute(invocation: CommandInvocation, ctx: CommandContext): Promise<void>;
  autocomplete?(invocation: AutocompleteInvocation, ctx: SharedContext): Promise<void>;
  /**
   * Decides before running whether to defer at once (model still loading, heavy request).
   * The router also defers by itself when a handler has not answered after ~2 s.
   */
  shouldDefer?(invocation: CommandInvocation, ctx: SharedContext): boolean;
  /** Button handlers by action; custom ids are `<command>:<action>:…` (see components.ts). */
  readonly buttons?: Readonly<Record<string, ButtonHandler>>;
  /** Actions of `buttons` that anyone may press and that never expire (e.g. Save, which acts for whoever clicks). */
  readonly publicButtons?: readonly string[];
  /** Whether the per-user cooldown applies (default true; cheap commands such as /about may opt out). */
  readonly cooldown?: boolean;
}
