/**
 * Parses a terminal line into a command invocation, from the same registration JSON Discord receives:
 *   /search query: lottery ticket limit: 3     named options, as Discord displays them
 *   search lottery ticket                      the text goes to the first required option
 *   summarize paper lottery ticket             a subcommand, then its options
 *   compare lottery ticket | duality gap       several required options, separated by "|"
 */
import { ApplicationCommandOptionType } from 'discord.js';
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandOption,
  APIApplicationCommandSubcommandOption,
  CommandInteractionOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

export type ParsedLine =
  | { kind: 'empty' }
  | { kind: 'command'; name: string; data: CommandInteractionOption[] }
  | { kind: 'error'; message: string };

/** Splits the line into a command name and the rest; undefined when blank. */
export function splitCommand(line: string): { name: string; rest: string } | undefined {
  const trimmed = line.trim().replace(/^\//, '');
  if (trimmed === '') return undefined;
  const match = /^(\S+)\s*(.*)$/s.exec(trimmed);
  return { name: (match?.[1] ?? '').toLowerCase(), rest: (match?.[2] ?? '').trim() };
}

/** Parses `rest` against a command's registration JSON. */
export function parseCommandLine(line: string, commands: ReadonlyMap<string, RESTPostAPIChatInputApplicationCommandsJSONBody>): ParsedLine {
  const split = splitCommand(line);
  if (!split) return { kind: 'empty' };
  const json = commands.get(split.name);
  if (!json) return { kind: 'error', message: `Unknown command "${split.name}". Type help for the list.` };
  const options = json.options ?? [];
  const subcommands = options.filter((o): o is APIApplicationCommandSubcommandOption => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length === 0) {
    const parsed = parseOptions(split.rest, options as APIApplicationCommandBasicOption[]);
    return 'error' in parsed ? { kind: 'error', message: parsed.error } : { kind: 'command', name: json.name, data: parsed.data };
  }
  const sub = /^(\S+)\s*(.*)$/s.exec(split.rest);
  const chosen = subcommands.find((s) => s.name === sub?.[1]?.toLowerCase());
  if (!chosen) {
    return { kind: 'error', message: `${json.name} needs one of: ${subcommands.map((s) => `${json.name} ${s.name} …`).join(', ')}` };
  }
  const parsed = parseOptions(sub?.[2] ?? '', (chosen.options ?? []) as APIApplicationCommandBasicOption[]);
  if ('error' in parsed) return { kind: 'error', message: parsed.error };
  return {
    kind: 'command',
    name: json.name,
    data: [{ name: chosen.name, type: ApplicationCommandOptionType.Subcommand, options: parsed.data }],
  };
}

function parseOptions(rest: string, specs: readonly APIApplicationCommandOption[]): { data: CommandInteractionOption[] } | { error: string } {
  const values = new Map<string, string>();
  const names = specs.map((s) => s.name);
  let positional = rest;
  if (names.length > 0) {
    // "name: value" pairs for known option names; the text before the first one is positional.
    const pattern = new RegExp(`(?:^|\\s)(${names.map(escapeRegExp).join('|')}):\\s*`, 'gi');
    const marks = [...rest.matchAll(pattern)];
    if (marks.length > 0) {
      positional = rest.slice(0, marks[0]?.index ?? 0).trim();
      marks.forEach((mark, i) => {
        const start = (mark.index ?? 0) + mark[0].length;
        const end = marks[i + 1]?.index ?? rest.length;
        values.set((mark[1] ?? '').toLowerCase(), rest.slice(start, end).trim());
      });
    }
  }
  if (positional !== '') {
    const open = specs.filter((s) => !values.has(s.name) && s.type === ApplicationCommandOptionType.String);
    const isRequired = (s: APIApplicationCommandOption) => 'required' in s && s.required === true;
    const candidates = [...open.filter(isRequired), ...open.filter((s) => !isRequired(s))];
    if (candidates.length === 0) return { error: `Unexpected text "${positional}". Type help for the syntax.` };
    // Several required texts (e.g. /compare): "a | b | c" or "a vs b".
    const pieces = open.filter(isRequired).length > 1 ? positional.split(/\s*\|\s*|\s+vs\.?\s+/i) : [positional];
    if (pieces.length > candidates.length) return { error: `Too many parts separated by "|": at most ${candidates.length}.` };
    pieces.forEach((piece, i) => {
      const target = candidates[i];
      if (target && piece.trim() !== '') values.set(target.name, piece.trim());
    });
  }
  const data: CommandInteractionOption[] = [];
  for (const spec of specs) {
    const raw = values.get(spec.name);
    if (raw === undefined) continue;
    const value =
      spec.type === ApplicationCommandOptionType.Integer || spec.type === ApplicationCommandOptionType.Number
        ? /^-?\d+(\.\d+)?$/.test(raw)
          ? Number(raw)
          : raw
        : raw;
    data.push({ name: spec.name, type: spec.type, value });
  }
  return { data };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Usage line of a command: `/search query [mode] [limit]`, one per subcommand. */
export function usageLines(json: RESTPostAPIChatInputApplicationCommandsJSONBody): { usage: string; description: string }[] {
  const format = (options: readonly APIApplicationCommandOption[]) =>
    options.map((o) => ('required' in o && o.required ? o.name : `[${o.name}]`)).join(' ');
  const options = json.options ?? [];
  const subs = options.filter((o): o is APIApplicationCommandSubcommandOption => o.type === ApplicationCommandOptionType.Subcommand);
  if (subs.length === 0) return [{ usage: `/${json.name} ${format(options)}`.trimEnd(), description: json.description }];
  // Each subcommand line carries its own description ("/digest off — Stop the daily post").
  return subs.map((s) => ({ usage: `/${json.name} ${s.name} ${format(s.options ?? [])}`.trimEnd(), description: s.description }));
}
