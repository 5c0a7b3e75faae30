/** The discord.js client as Paper Scout needs it: few intents, never pings, REST base from the config. */
import { Client, GatewayIntentBits, Partials } from 'discord.js';
import type { ClientOptions } from 'discord.js';
import type { Config } from '../app/config.js';

/**
 * `Guilds` for slash commands; `GuildMessages` only so messages that mention the bot arrive (a mention carries its
 * content without the privileged MessageContent intent). `DISCORD_API_URL` lets the bot talk to a REST proxy or a
 * local fake Discord.
 */
export function createDiscordClient(config: Config, overrides: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    rest: { api: config.discord.apiUrl },
    ...overrides,
  });
}
