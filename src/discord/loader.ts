/** Loads every command file in `commands/`: new features add a file, nothing else. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ApplicationCommandType } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Command } from './command.js';

/** The project's `commands/` folder. */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

const COMMAND_FILE = /^(?!.*\.(?:d|test|spec)\.[cm]?[jt]s$)[^.].*\.[cm]?[jt]s$/;

/** Imports every command file of `dir` (sorted by name) and checks its default export; names must be unique. */
export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Map<string, Command>> {
  const files = (await readdir(dir)).filter((f) => COMMAND_FILE.test(f)).sort();
  const commands = new Map<string, Command>();
  for (const file of files) {
    const location = path.join(dir, file);
    const mod = (await import(pathToFileURL(location).href)) as { default?: unknown };
    const command = mod.default;
    if (!isCommand(command)) {
      throw new Error(`${location}: the default export must be a command ({ data: SlashCommandBuilder, execute }), see src/discord/command.ts`);
    }
    const name = command.data.name;
    if (commands.has(name)) throw new Error(`${location}: a command named /${name} is already defined by another file`);
    commands.set(name, command);
  }
  return commands;
}

function isCommand(value: unknown): value is Command {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Command>;
  return (
    typeof candidate.execute === 'function' &&
    typeof candidate.data === 'object' &&
    candidate.data !== null &&
    typeof candidate.data.name === 'string' &&
    typeof candidate.data.toJSON === 'function'
  );
}

/** Registration payloads of the commands, in name order. */
export function commandPayloads(commands: ReadonlyMap<string, Command>) {
  return [...commands.values()].map((c) => c.data.toJSON()).sort((a, b) => a.name.localeCompare(b.name));
}

/** Registration payloads of the slash commands only (message commands have no text syntax), by name. */
export function slashCommandPayloads(commands: ReadonlyMap<string, Command>): Map<string, RESTPostAPIChatInputApplicationCommandsJSONBody> {
  const out = new Map<string, RESTPostAPIChatInputApplicationCommandsJSONBody>();
  for (const command of commands.values()) {
    const json = command.data.toJSON();
    if (json.type === undefined || json.type === ApplicationCommandType.ChatInput) out.set(json.name, json as RESTPostAPIChatInputApplicationCommandsJSONBody);
  }
  return out;
}
