/**
 * `npm run deploy-commands`: registers every command of `commands/` with Discord in one bulk overwrite —
 * to one server when DISCORD_GUILD_ID is set (instant, for development), else globally.
 */
import { REST, Routes } from 'discord.js';
import type { RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from '../app/config.js';
import type { Config } from '../app/config.js';
import type { Command } from './command.js';
import { commandPayloads, loadCommands } from './loader.js';

export interface DeployResult {
  scope: 'guild' | 'global';
  names: string[];
}

/** Bulk-overwrites the application's commands; throws ConfigError when the token or application id is missing. */
export async function deployCommands(config: Config, commands: ReadonlyMap<string, Command>, rest?: REST): Promise<DeployResult> {
  const { token, appId, guildId } = config.discord;
  const missing = [!token && 'DISCORD_TOKEN (the bot token)', !appId && 'DISCORD_APP_ID (the application id)'].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigError(
      `cannot register commands: ${missing.join(' and ')} missing. Both are on https://discord.com/developers/applications → your app (General Information, Bot).`,
    );
  }
  const client = rest ?? new REST({ api: config.discord.apiUrl }).setToken(token as string);
  const body = commandPayloads(commands);
  const route = guildId ? Routes.applicationGuildCommands(appId as string, guildId) : Routes.applicationCommands(appId as string);
  const result = (await client.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return { scope: guildId ? 'guild' : 'global', names: result.map((c) => c.name) };
}

/** `/search` for a slash command, `"Related papers" (message)` for a message command (right-click a message → Apps). */
function describeName(name: string): string {
  return /^[a-z0-9_-]+$/.test(name) ? `/${name}` : `"${name}" (message)`;
}

async function main(): Promise<void> {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  try {
    const config = loadConfig(process.env);
    const result = await deployCommands(config, await loadCommands());
    const where = result.scope === 'guild' ? `server ${config.discord.guildId}` : 'all servers (global commands can take up to an hour to appear)';
    console.log(`Registered ${result.names.length} commands for ${where}: ${result.names.map(describeName).join(' ')}`);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `deploy-commands failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
