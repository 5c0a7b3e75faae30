/** End to end: `deployCommands` and `npm run deploy-commands` against the fake Discord's registration routes. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { loadCommands } from '../../src/discord/loader.js';
import type { Command } from '../../src/discord/command.js';
import { startFakeDiscord } from '../fake-discord/server.js';
import type { FakeDiscord } from '../fake-discord/server.js';
import { REPO_ROOT } from './harness.js';

const run = promisify(execFile);

let fake: FakeDiscord;
let commands: Map<string, Command>;
/** Every command file of the project, in name order. */
let NAMES: string[];

beforeAll(async () => {
  fake = await startFakeDiscord();
  commands = await loadCommands();
  NAMES = [...commands.keys()].sort((a, b) => a.localeCompare(b));
  expect(NAMES).toEqual(expect.arrayContaining(['about', 'ask', 'compare', 'paper', 'search', 'similar', 'summarize']));
});

afterAll(async () => {
  await fake.close();
});

const env = (extra: Record<string, string>) => ({
  DISCORD_TOKEN: 'fake-token',
  DISCORD_APP_ID: fake.appId,
  DISCORD_API_URL: fake.apiUrl,
  ...extra,
});

describe('deployCommands', () => {
  it('overwrites the guild commands in one request when DISCORD_GUILD_ID is set', async () => {
    const result = await deployCommands(loadConfig(env({ DISCORD_GUILD_ID: fake.guildId })), commands);
    expect(result).toEqual({ scope: 'guild', names: NAMES });
    const put = fake.requests.filter((r) => r.method === 'PUT' && r.path === `/applications/${fake.appId}/guilds/${fake.guildId}/commands`);
    expect(put).toHaveLength(1);
    const search = (put[0]?.body as { name: string; options: { name: string; required?: boolean; max_length?: number }[] }[]).find((c) => c.name === 'search');
    expect(search?.options.map((o) => [o.name, o.required])).toEqual([
      ['query', true],
      ['mode', false],
      ['limit', false],
    ]);
    const paper = (put[0]?.body as { name: string; options: { autocomplete?: boolean }[] }[]).find((c) => c.name === 'paper');
    expect(paper?.options[0]?.autocomplete).toBe(true);
    // The message command: right-click a message → Apps → Related papers (type 3, no description or options).
    const related = (put[0]?.body as { name: string; type?: number; description?: string }[]).find((c) => c.name === 'Related papers');
    expect(related).toMatchObject({ name: 'Related papers', type: 3 });
    expect(related?.description ?? '').toBe('');
  });

  it('registers global commands without a guild id', async () => {
    const result = await deployCommands(loadConfig(env({})), commands);
    expect(result.scope).toBe('global');
    expect(fake.registeredCommands.get('global')?.map((c) => (c as { name: string }).name)).toEqual(NAMES);
  });

  it('names what is missing when the token or application id is not set', async () => {
    await expect(deployCommands(loadConfig({ DISCORD_API_URL: fake.apiUrl }), commands)).rejects.toThrow(ConfigError);
    await expect(deployCommands(loadConfig({ DISCORD_TOKEN: 't', DISCORD_API_URL: fake.apiUrl }), commands)).rejects.toThrow(
      /DISCORD_APP_ID \(the application id\) missing/,
    );
  });
});

describe('npm run deploy-commands', () => {
  it('prints what it registered, and exits 1 with the reason when the token is missing', async () => {
    const ok = await run('npx', ['tsx', 'src/discord/deploy.ts'], { cwd: REPO_ROOT, env: { ...process.env, ...env({ DISCORD_GUILD_ID: fake.guildId }) } });
    const shown = NAMES.map((n) => (n === 'Related papers' ? '"Related papers" (message)' : `/${n}`));
    expect(ok.stdout).toBe(`Registered ${NAMES.length} commands for server ${fake.guildId}: ${shown.join(' ')}\n`);
    const failed = await run('npx', ['tsx', 'src/discord/deploy.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DISCORD_TOKEN: '', DISCORD_APP_ID: fake.appId, DISCORD_API_URL: fake.apiUrl },
    }).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/^cannot register commands: DISCORD_TOKEN \(the bot token\) missing/);
  });
});
