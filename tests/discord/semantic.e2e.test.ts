/**
 * End to end with semantic search on: the generated offline model loads through transformers.js while the bot is
 * already connected; replies switch from keyword to hybrid once it is ready.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestModelDir } from '../../test-support/test-model-files.js';
import { checkAllPayloads, finalReply, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  const model = await getTestModelDir();
  h = await startHarness({ env: { EMBEDDINGS: 'on', EMBEDDING_MODEL: model, ALLOW_REMOTE_MODELS: 'false' } });
}, 60_000);

afterAll(async () => {
  checkAllPayloads(h.fake);
  await h?.stop();
});

type Embed = { title?: string; footer?: { text: string }; fields?: { name: string; value: string }[]; description?: string };

describe('semantic search through Discord', () => {
  it('reports the model as ready in /about once loaded', async () => {
    await h.app.semanticReady;
    const reply = await finalReply(h.fake, h.fake.sendCommand('about', []));
    const text = JSON.stringify(reply.embeds);
    expect(text).toContain('paper-scout-test-model');
    expect(text).toMatch(/Semantic search[^"]*","value":"on/i);
  });

  it('answers /search in hybrid mode with both signals in the reply', async () => {
    await h.app.semanticReady;
    const reply = await finalReply(h.fake, h.fake.sendCommand('search', [{ name: 'query', type: 3, value: 'lottery ticket' }]));
    const embeds = (reply.embeds ?? []) as Embed[];
    expect(embeds.map((e) => e.title ?? '').join('\n')).toContain('Stabilizing the Lottery Ticket Hypothesis');
    expect(embeds.at(-1)?.footer?.text).toMatch(/hybrid/);
    expect(JSON.stringify(embeds)).toMatch(/semantic/);
  });
});
