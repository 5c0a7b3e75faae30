/**
 * Slash command definitions as plain, `as const` data (the API's own JSON shape), with the argument types derived
 * from them (`ArgumentsOf`), the discord.js builder made from them, and a validating reader for invocations.
 * One definition therefore drives registration, typing, validation and the local terminal parser.
 */
import { ApplicationCommandOptionType, SlashCommandBuilder } from 'discord.js';
import type {
  ChannelType,
  CommandInteractionOption,
  SlashCommandBooleanOption,
  SlashCommandChannelOption,
  SlashCommandIntegerOption,
  SlashCommandStringOption,
} from 'discord.js';
import { OptionError } from './errors.js';

interface OptionBase {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

export interface StringOptionDefinition extends OptionBase {
  readonly type: ApplicationCommandOptionType.String;
  readonly autocomplete?: boolean;
  readonly choices?: readonly { readonly name: string; readonly value: string }[];
  readonly min_length?: number;
  readonly max_length?: number;
}

export interface IntegerOptionDefinition extends OptionBase {
  readonly type: ApplicationCommandOptionType.Integer;
  readonly choices?: readonly { readonly name: string; readonly value: number }[];
  readonly min_value?: number;
  readonly max_value?: number;
}

export interface BooleanOptionDefinition extends OptionBase {
  readonly type: ApplicationCommandOptionType.Boolean;
}

/** A channel picker; the value read is the channel id. */
export interface ChannelOptionDefinition extends OptionBase {
  readonly type: ApplicationCommandOptionType.Channel;
  /** The kinds of channel Discord offers (text, announcement, …). */
  readonly channel_types?: readonly ChannelType[];
}

export type BasicOptionDefinition = StringOptionDefinition | IntegerOptionDefinition | BooleanOptionDefinition | ChannelOptionDefinition;

export interface SubcommandDefinition {
  readonly type: ApplicationCommandOptionType.Subcommand;
  readonly name: string;
  readonly description: string;
  readonly options?: readonly BasicOptionDefinition[];
}

/** A chat-input command: either plain options or subcommands (each with its options). */
export interface CommandDefinition {
  readonly name: string;
  readonly description: string;
  readonly options?: readonly BasicOptionDefinition[] | readonly SubcommandDefinition[];
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ChoiceValue<O, Fallback> = O extends { readonly choices: readonly { readonly value: infer V }[] } ? V : Fallback;

type ValueOf<O> = O extends { readonly type: ApplicationCommandOptionType.String }
  ? ChoiceValue<O, string>
  : O extends { readonly type: ApplicationCommandOptionType.Integer }
    ? ChoiceValue<O, number>
    : O extends { readonly type: ApplicationCommandOptionType.Boolean }
      ? boolean
      : O extends { readonly type: ApplicationCommandOptionType.Channel }
        ? string
        : never;

type NameOf<O> = O extends { readonly name: infer N extends string } ? N : never;

type ArgumentsOfOptions<Os> = Os extends readonly (infer O)[]
  ? Simplify<
      { [P in O as P extends { readonly required: true } ? NameOf<P> : never]: ValueOf<P> } & {
        [P in O as P extends { readonly required: true } ? never : NameOf<P>]?: ValueOf<P>;
      }
    >
  : {};

type ArgumentsOfSubcommand<S> = S extends { readonly name: infer N extends string }
  ? Simplify<{ subcommand: N } & ArgumentsOfOptions<S extends { readonly options: infer Os } ? Os : readonly []>>
  : never;

/**
 * The arguments a handler receives for a definition: required options are present, optional ones may be absent,
 * options with choices narrow to their values; with subcommands, a union discriminated by `subcommand`.
 */
export type ArgumentsOf<D extends CommandDefinition> = D extends { readonly options: readonly (infer O)[] }
  ? [O] extends [{ readonly type: ApplicationCommandOptionType.Subcommand }]
    ? ArgumentsOfSubcommand<O>
    : ArgumentsOfOptions<D['options']>
  : {};

/** Builds the discord.js SlashCommandBuilder for a definition (its validators check names and lengths). */
export function buildSlashCommand(definition: CommandDefinition): SlashCommandBuilder {
  const builder = new SlashCommandBuilder().setName(definition.name).setDescription(definition.description);
  for (const option of definition.options ?? []) {
    if (option.type === ApplicationCommandOptionType.Subcommand) {
      builder.addSubcommand((sub) => {
        sub.setName(option.name).setDescription(option.description);
        for (const inner of option.options ?? []) addBasicOption(sub, inner);
        return sub;
      });
    } else {
      addBasicOption(builder, option);
    }
  }
  return builder;
}

/** What SlashCommandBuilder and SlashCommandSubcommandBuilder have in common for basic options. */
interface OptionHost {
  addStringOption(build: (option: SlashCommandStringOption) => SlashCommandStringOption): unknown;
  addIntegerOption(build: (option: SlashCommandIntegerOption) => SlashCommandIntegerOption): unknown;
  addBooleanOption(build: (option: SlashCommandBooleanOption) => SlashCommandBooleanOption): unknown;
  addChannelOption(build: (option: SlashCommandChannelOption) => SlashCommandChannelOption): unknown;
}

function addBasicOption(host: OptionHost, option: BasicOptionDefinition): void {
  const required = option.required ?? false;
  switch (option.type) {
    case ApplicationCommandOptionType.String:
      host.addStringOption((o) => {
        o.setName(option.name).setDescription(option.description).setRequired(required);
        if (option.autocomplete) o.setAutocomplete(true);
        if (option.choices) o.addChoices(...option.choices);
        if (option.min_length !== undefined) o.setMinLength(option.min_length);
        if (option.max_length !== undefined) o.setMaxLength(option.max_length);
        return o;
      });
      return;
    case ApplicationCommandOptionType.Integer:
      host.addIntegerOption((o) => {
        o.setName(option.name).setDescription(option.description).setRequired(required);
        if (option.choices) o.addChoices(...option.choices);
        if (option.min_value !== undefined) o.setMinValue(option.min_value);
        if (option.max_value !== undefined) o.setMaxValue(option.max_value);
        return o;
      });
      return;
    case ApplicationCommandOptionType.Boolean:
      host.addBooleanOption((o) => o.setName(option.name).setDescription(option.description).setRequired(required));
      return;
    case ApplicationCommandOptionType.Channel:
      host.addChannelOption((o) => {
        o.setName(option.name).setDescription(option.description).setRequired(required);
        if (option.channel_types) o.addChannelTypes(...(option.channel_types as Parameters<SlashCommandChannelOption['addChannelTypes']>));
        return o;
      });
      return;
  }
}

/** The options of the subcommand that was invoked, or the top-level options. */
export function optionsFor(definition: CommandDefinition, subcommand?: string): readonly BasicOptionDefinition[] {
  const options = definition.options ?? [];
  const first = options[0];
  if (first?.type !== ApplicationCommandOptionType.Subcommand) return options as readonly BasicOptionDefinition[];
  const sub = (options as readonly SubcommandDefinition[]).find((s) => s.name === subcommand);
  return sub?.options ?? [];
}

/** True when the definition is made of subcommands. */
export function hasSubcommands(definition: CommandDefinition): boolean {
  return definition.options?.[0]?.type === ApplicationCommandOptionType.Subcommand;
}

/**
 * Reads and validates an invocation's options against the definition. Discord enforces most of this on its side,
 * but the terminal, mentions and raw API calls do not; an OptionError names the option and the rule.
 */
export function readArguments<const D extends CommandDefinition>(
  definition: D,
  data: readonly CommandInteractionOption[],
): ArgumentsOf<D> {
  const result: Record<string, unknown> = {};
  let supplied = data;
  let specs: readonly BasicOptionDefinition[];
  if (hasSubcommands(definition)) {
    const sub = data.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
    const known = (definition.options as readonly SubcommandDefinition[]).map((s) => s.name);
    if (!sub || !known.includes(sub.name)) {
      throw new OptionError(`/${definition.name} needs one of: ${known.join(', ')}.`);
    }
    result.subcommand = sub.name;
    supplied = sub.options ?? [];
    specs = optionsFor(definition, sub.name);
  } else {
    specs = optionsFor(definition);
  }
  for (const spec of specs) {
    const given = supplied.find((o) => o.name === spec.name);
    const value = given?.value;
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (spec.required) throw new OptionError(`\`${spec.name}\` is required: ${spec.description}.`);
      continue;
    }
    result[spec.name] = checkValue(definition.name, spec, value);
  }
  return result as ArgumentsOf<D>;
}

function checkValue(command: string, spec: BasicOptionDefinition, value: string | number | boolean): unknown {
  const where = `\`${spec.name}\` of /${command}`;
  switch (spec.type) {
    case ApplicationCommandOptionType.String: {
      if (typeof value !== 'string') throw new OptionError(`${where} must be text.`);
      const text = value.trim();
      if (spec.max_length !== undefined && text.length > spec.max_length) {
        throw new OptionError(`${where} is too long: ${text.length} characters, at most ${spec.max_length}.`);
      }
      if (spec.min_length !== undefined && text.length < spec.min_length) {
        throw new OptionError(`${where} is too short: at least ${spec.min_length} characters.`);
      }
      if (spec.choices && !spec.choices.some((c) => c.value === text)) {
        throw new OptionError(`${where} must be one of ${spec.choices.map((c) => c.value).join(', ')}.`);
      }
      return text;
    }
    case ApplicationCommandOptionType.Integer: {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isInteger(n)) throw new OptionError(`${where} must be a whole number.`);
      if (spec.min_value !== undefined && n < spec.min_value) throw new OptionError(`${where} must be at least ${spec.min_value}.`);
      if (spec.max_value !== undefined && n > spec.max_value) throw new OptionError(`${where} must be at most ${spec.max_value}.`);
      if (spec.choices && !spec.choices.some((c) => c.value === n)) {
        throw new OptionError(`${where} must be one of ${spec.choices.map((c) => c.value).join(', ')}.`);
      }
      return n;
    }
    case ApplicationCommandOptionType.Boolean: {
      if (typeof value === 'boolean') return value;
      if (/^(true|yes|on|1)$/i.test(String(value))) return true;
      if (/^(false|no|off|0)$/i.test(String(value))) return false;
      throw new OptionError(`${where} must be true or false.`);
    }
    case ApplicationCommandOptionType.Channel: {
      // Discord sends the id; the terminal passes what was typed: a #mention (<#id>) or the id.
      const match = /^(?:<#(\d{17,20})>|(\d{17,20}))$/.exec(String(value).trim());
      if (!match) throw new OptionError(`${where} must be a channel: a mention like #papers or its id.`);
      return match[1] ?? match[2];
    }
  }
}
