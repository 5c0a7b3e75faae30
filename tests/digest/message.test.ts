import { describe, expect, it } from 'vitest';
import { parsePlan, planDigest, splitDigest, type DigestSelection } from '../../src/digest/index.js';

const item = (n: number) => ({
  paper: { id: `p${n}`, title: `Paper ${n}`, abstract: 'We do things.', authors: [], url: `https://example.org/${n}`, source: 's' },
  upvotes: 10 - n,
  extract: 'We do things.',
});

const trending: DigestSelection = { date: '2026-03-06', items: [1, 2, 3, 4, 5, 6, 7].map(item), origin: 'trending', fallback: false };

describe('planDigest', () => {
  it('titles a trending digest with its date and source', () => {
    expect(planDigest(trending).header).toEqual({
      title: 'Trending papers for 2026-03-06',
      description: 'The top 7 papers on Hugging Face daily papers, by upvotes.',
      date: '2026-03-06',
      origin: 'trending',
      fallback: false,
    });
  });

  it('says why a fallback digest holds corpus papers', () => {
    const plan = planDigest({ date: '2026-03-06', items: [item(1)], origin: 'corpus', fallback: true, reason: 'Source down, so these are corpus papers.' });
    expect(plan.header).toMatchObject({ title: 'Paper picks for 2026-03-06', description: 'Source down, so these are corpus papers.', fallback: true });
  });
});

describe('splitDigest', () => {
  it('splits into parts with stable keys of at most 25 characters', () => {
    const messages = splitDigest(planDigest(trending), 'g@2026-03-06T09:00:00.000Z', 3);
    expect(messages.map((m) => [m.part, m.parts, m.items.map((i) => i.paper.id)])).toEqual([
      [1, 3, ['p1', 'p2', 'p3']],
      [2, 3, ['p4', 'p5', 'p6']],
      [3, 3, ['p7']],
    ]);
    const again = splitDigest(planDigest(trending), 'g@2026-03-06T09:00:00.000Z', 3);
    expect(again.map((m) => m.idempotencyKey)).toEqual(messages.map((m) => m.idempotencyKey));
    expect(new Set(messages.map((m) => m.idempotencyKey)).size).toBe(3);
    for (const m of messages) expect(m.idempotencyKey).toMatch(/^[0-9a-f]{25}$/);
    expect(splitDigest(planDigest(trending), 'g@2026-03-07T09:00:00.000Z', 3)[0]!.idempotencyKey).not.toBe(messages[0]!.idempotencyKey);
  });
});

describe('parsePlan', () => {
  it('reads back a stored plan and rejects anything else', () => {
    const plan = planDigest(trending);
    expect(parsePlan(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
    expect(parsePlan({ header: {}, items: [] })).toBeUndefined();
    expect(parsePlan(undefined)).toBeUndefined();
  });
});
