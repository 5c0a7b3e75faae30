import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandPayloads, loadCommands } from '../../src/discord/loader.js';

const COMMAND = (name: string) => `
import { SlashCommandBuilder } from 'discord.js';
export default { data: new SlashCommandBuilder().setName('${name}').setDescription('d'), async execute() {} };
`;

function dir(files: Record<string, string>): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'paper-scout-commands-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
  return folder;
}

describe('loadCommands', () => {
  it('loads every command file of the folder, skipping tests and declarations', async () => {
    const commands = await loadCommands(dir({ 'b.ts': COMMAND('beta'), 'a.ts': COMMAND('alpha'), 'a.test.ts': 'throw 1', 'x.d.ts': '' }));
    expect([...commands.keys()]).toEqual(['alpha', 'beta']);
  });

  it('loads the project commands', async () => {
    expect([...(await loadCommands()).keys()]).toEqual(expect.arrayContaining(['about', 'ask', 'compare', 'paper', 'search', 'similar', 'summarize']));
  });

  it('names the file whose default export is not a command', async () => {
    const folder = dir({ 'broken.ts': 'export default { name: "x" };' });
    await expect(loadCommands(folder)).rejects.toThrow(`${path.join(folder, 'broken.ts')}: the default export must be a command`);
  });

  it('refuses two files with the same command name', async () => {
    await expect(loadCommands(dir({ 'a.ts': COMMAND('same'), 'b.ts': COMMAND('same') }))).rejects.toThrow(/a command named \/same is already defined/);
  });
});

describe('commandPayloads', () => {
  it('returns registration JSON sorted by name', async () => {
    const payloads = commandPayloads(await loadCommands(dir({ 'z.ts': COMMAND('zeta'), 'y.ts': COMMAND('eta') })));
    expect(payloads.map((p) => p.name)).toEqual(['eta', 'zeta']);
  });
});
