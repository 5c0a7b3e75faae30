/** The project's commands run through the router against the small fake app (no Discord, no corpus). */
import { ApplicationCommandOptionType as T } from 'discord.js';
import type { CommandInteractionOption } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/types.js';
import type { Command, SharedContext } from '../../src/discord/command.js';
import { createResultSessions } from '../../src/discord/components.js';
import { createCooldowns } from '../../src/discord/cooldown.js';
import { loadCommands } from '../../src/discord/loader.js';
import { createRouter } from '../../src/discord/router.js';
import { silentLogger } from '../../src/shared/log.js';
import { createFakeApp, FIXTURE_PAPERS } from '../helpers/fake-app.js';
import { createManualClock } from './harness.js';
import { recordingInvocation } from './invocations.js';

let commands: Map<string, Command>;
beforeAll(async () => {
  commands = await loadCommands();
});

function run(app: App, commandName: string, data: CommandInteractionOption[]) {
  const clock = createManualClock();
  const shared: SharedContext = { app, logger: silentLogger, clock, sessions: createResultSessions({ ttlMs: 60_000, clock }), buttonTtlMs: 60_000, commands };
  const router = createRouter({ commands, shared, cooldowns: createCooldowns({ seconds: 0, clock }) });
  const invocation = recordingInvocation({ commandName, data });
  return router.runCommand(invocation, 'discord').then(() => invocation.calls);
}

const s = (name: string, value: string) => ({ name, type: T.String, value });
const [lottery, graphs] = FIXTURE_PAPERS;

describe('/search', () => {
  it('defers while the model loads unless the user asked for keyword search', async () => {
    const loading = createFakeApp({ semantic: { state: 'loading', modelId: 'm' } });
    expect((await run(loading, 'search', [s('query', 'pruning')])).map((c) => c.method)).toEqual(['deferReply', 'editReply']);
    expect((await run(loading, 'search', [s('query', 'pruning'), s('mode', 'keyword')])).map((c) => c.method)).toEqual(['reply']);
  });

  it('shows the results without paging buttons when everything fits on one page', async () => {
    const [call] = await run(createFakeApp(), 'search', [s('query', 'molecules')]);
    const rows = call?.options?.components as { components: { label: string }[] }[];
    expect(rows.map((r) => r.components.map((b) => b.label))).toEqual([['Summarize 1', 'Similar 1'], ['Save 1']]);
  });
});

describe('/compare', () => {
  it('refuses the same paper twice', async () => {
    const [call] = await run(createFakeApp(), 'compare', [s('paper_a', lottery!.title), s('paper_b', lottery!.id)]);
    expect(call?.options).toMatchObject({ content: 'Pick different papers: the same paper was given twice.', flags: 64 });
  });

  it('compares by the resolved ids', async () => {
    const [call] = await run(createFakeApp(), 'compare', [s('paper_a', 'lottery'), s('paper_b', 'molecules')]);
    const embed = (call?.options?.embeds as { description: string }[])[0];
    expect(embed?.description).toContain(lottery!.title);
    expect(embed?.description).toContain(graphs!.title);
  });
});

describe('/summarize', () => {
  it('passes the number of sentences', async () => {
    const [call] = await run(createFakeApp(), 'summarize', [
      { name: 'paper', type: T.Subcommand, options: [s('paper', lottery!.id), { name: 'sentences', type: T.Integer, value: 1 }] },
    ]);
    expect((call?.options?.embeds as { description: string }[])[0]?.description).toBe('> Pruning removes weights from trained networks.');
  });
});

describe('/about', () => {
  it('is not subject to the cooldown and lists the loaded commands', async () => {
    expect(commands.get('about')?.cooldown).toBe(false);
    const [call] = await run(createFakeApp(), 'about', []);
    const fields = (call?.options?.embeds as { fields: { name: string; value: string }[] }[])[0]?.fields;
    expect(fields?.find((f) => f.name === 'Commands')?.value).toContain('/similar');
  });
});
