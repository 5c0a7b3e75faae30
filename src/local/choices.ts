/**
 * Terminal stand-in for autocomplete: a paper reference that matches several papers is answered with numbered
 * choices ("1) … 2) …"); typing a number runs the command with that paper.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import type { APIApplicationCommandOption, CommandInteractionOption, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { LookupResult } from '../answers/types.js';
import type { Paper } from '../corpus/types.js';

/** A command waiting for the user to pick one of `candidates` for `option`. */
export interface PendingChoice {
  name: string;
  data: CommandInteractionOption[];
  option: CommandInteractionOption;
  query: string;
  candidates: Paper[];
  /** Papers that fit in all; those beyond `candidates` are only counted. */
  total: number;
}

/**
 * The first paper option of a parsed command whose value matches several papers, or undefined. Paper options are
 * the autocompleted string options of `json` (the caller only asks for commands that autocomplete papers).
 */
export function findAmbiguousReference(
  name: string,
  data: CommandInteractionOption[],
  json: RESTPostAPIChatInputApplicationCommandsJSONBody,
  lookup: (reference: string) => LookupResult,
): PendingChoice | undefined {
  const walk = (options: readonly CommandInteractionOption[], specs: readonly APIApplicationCommandOption[]): PendingChoice | undefined => {
    for (const option of options) {
      const spec = specs.find((s) => s.name === option.name);
      if (!spec) continue;
      if (spec.type === ApplicationCommandOptionType.Subcommand) {
        const found = walk(option.options ?? [], spec.options ?? []);
        if (found) return found;
        continue;
      }
      if (!('autocomplete' in spec && spec.autocomplete) || typeof option.value !== 'string') continue;
      const result = lookup(option.value);
      if (result.kind === 'ambiguous') return { name, data, option, query: result.query, candidates: result.candidates, total: result.total ?? result.candidates.length };
    }
    return undefined;
  };
  return walk(data, json.options ?? []);
}

/** "“q” matches several papers:" then "  1) title" lines and how to answer. */
export function formatChoices(choice: PendingChoice): string {
  return [
    `“${choice.query}” matches several papers:`,
    ...choice.candidates.map((paper, i) => `  ${i + 1}) ${paper.title}`),
    ...(choice.total > choice.candidates.length ? [`  … and ${choice.total - choice.candidates.length} more (type more of the title to narrow them down)`] : []),
    `Type a number (1–${choice.candidates.length}) to choose, or anything else to go on.`,
  ].join('\n');
}

/** The paper picked by `line` ("2"), or undefined when the line is not one of the numbers offered. */
export function pickChoice(choice: PendingChoice, line: string): Paper | undefined {
  if (!/^\d+$/.test(line.trim())) return undefined;
  return choice.candidates[Number(line.trim()) - 1];
}
