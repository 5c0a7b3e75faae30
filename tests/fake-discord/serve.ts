/**
 * Runs the fake Discord by hand, to watch the real bot work without a Discord account:
 *
 *   npx tsx tests/fake-discord/serve.ts [port]          # default 8787
 *   DISCORD_TOKEN=fake DISCORD_APP_ID=100000000000000001 DISCORD_API_URL=http://127.0.0.1:8787/api npm start
 *
 * Then type, in the fake's terminal:
 *   /search query: lottery ticket        a slash command from alice (same syntax as the terminal mode)
 *   as bob /ask which papers cover pruning?
 *   click next                           press a button of the last message with buttons (by label)
 *   say @bot which papers cover pruning? a channel message; @bot becomes the bot's mention
 * Every message the bot sends is printed as text; `json` toggles raw payloads.
 */
import readline from 'node:readline';
import { loadCommands, slashCommandPayloads } from '../../src/discord/loader.js';
import { parseCommandLine } from '../../src/local/parse.js';
import { renderReply } from '../../src/local/render.js';
import { findLimitViolations } from './assertions.js';
import { DEFAULT_USERS, startFakeDiscord } from './server.js';
import type { FakeUser, SlashOption } from './server.js';

const port = Number(process.argv[2] ?? 8787);
const fake = await startFakeDiscord({ port });
const commands = await loadCommands();
const json = slashCommandPayloads(commands);
let raw = false;

console.log(`Fake Discord listening on ${fake.apiUrl}`);
console.log(`Start the bot with:\n  DISCORD_TOKEN=fake DISCORD_APP_ID=${fake.appId} DISCORD_API_URL=${fake.apiUrl} npm start\n`);
fake.waitForReady(24 * 3600 * 1000).then(() => console.log('bot connected; type a command (e.g. /search query: lottery ticket)'), () => undefined);

fake.onRequest((request) => {
  const body = request.body as Record<string, unknown> | undefined;
  const message =
    request.kind === 'callback' ? ((body?.data as Record<string, unknown> | undefined) ?? undefined) : ['webhook-edit', 'webhook-followup', 'channel-message', 'message-edit'].includes(request.kind) ? body : undefined;
  const label = `${request.method} ${request.path.replace(/\/[\w-]{20,}\//, '/…/')} → ${request.status}`;
  if (request.kind === 'callback' && (body?.type === 5 || body?.type === 6)) console.log(`\n[${label}] (deferred)`);
  if (request.kind === 'callback' && body?.type === 8) console.log(`\n[${label}] choices: ${JSON.stringify((body.data as { choices: unknown }).choices)}`);
  if (!message) return;
  const problems = findLimitViolations(message);
  console.log(`\n[${label}]${problems.length > 0 ? ` LIMITS: ${problems.join('; ')}` : ''}`);
  console.log(raw ? JSON.stringify(message, null, 2) : renderReply(message));
});

const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
for await (const line of rl) {
  const text = line.trim();
  const as = /^as (\w+)\s+(.*)$/.exec(text);
  const user: FakeUser = as ? (DEFAULT_USERS[as[1] as keyof typeof DEFAULT_USERS] ?? { id: '200000000000000009', username: as[1] ?? 'someone' }) : DEFAULT_USERS.alice;
  const command = as ? (as[2] ?? '') : text;
  if (command === '') continue;
  if (command === 'json') {
    raw = !raw;
    continue;
  }
  if (command === 'exit') break;
  if (command.startsWith('click ')) {
    const message = fake.lastMessageWithButtons();
    const button = fake.buttonOf(message, command.slice(6));
    if (!message || !button) console.log('no such button on the last message with buttons');
    else fake.clickButton(message.id, button.customId, user);
    continue;
  }
  if (command.startsWith('say ')) {
    fake.sendMessage(command.slice(4).replace(/@bot\b/g, `<@${fake.bot.id}>`), user);
    continue;
  }
  const parsed = parseCommandLine(command, json);
  if (parsed.kind === 'error') console.log(parsed.message);
  if (parsed.kind === 'command') fake.sendCommand(parsed.name, parsed.data as SlashOption[], user);
}
await fake.close();
process.exit(0);
