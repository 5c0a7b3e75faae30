import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/app.js';
import type { ParsedArgs } from '../../src/cli/args.js';
import { lookupFailure, runAnswerCommand } from '../../src/cli/answers.js';
import { PaperLookupError } from '../../src/answers/types.js';
import { loadConfig } from '../../src/app/config.js';
import { silentLogger } from '../../src/shared/log.js';
import { fixturePapers } from './helpers.js';

let app: App;
beforeAll(async () => {
  app = await createApp(loadConfig({ EMBEDDINGS: 'off' }), { embedder: null, papers: fixturePapers(), logger: silentLogger });
});
afterAll(async () => {
  await app.close();
});

async function run(command: string, positionals: string[], flags: ParsedArgs['flags'] = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runAnswerCommand(app, command, { positionals, flags }, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** The one JSON object printed on stdout; every quoted sentence names a paper whose abstract contains it. */
function parseJson(stdout: string): Record<string, unknown> {
  expect(stdout.trim().split('\n')).toHaveLength(1);
  const value = JSON.parse(stdout) as Record<string, unknown>;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.text === 'string') {
        expect(typeof record.paperId).toBe('string');
        expect(app.store.get(record.paperId as string)!.abstract).toContain(record.text);
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(value);
  return value;
}

const citation = { id: expect.any(String), title: expect.any(String), url: expect.stringMatching(/^https:/) };

describe('runAnswerCommand', () => {
  it('summarize --json prints the paper and its quoted sentences', async () => {
    const { code, stdout, stderr } = await run('summarize', ['Wide Residual Networks for Image Classification'], { json: true, sentences: '2' });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const json = parseJson(stdout);
    expect(json.paper).toEqual({ id: 'wide', title: 'Wide Residual Networks for Image Classification', url: 'https://example.org/wide' });
    expect(json.sentences).toHaveLength(2);
    expect(json.method).toBe('tfidf');
  });

  it('summarize prints a readable summary citing the title', async () => {
    const { code, stdout } = await run('summarize', ['wide', 'residual']);
    expect(code).toBe(0);
    expect(stdout).toContain('Wide Residual Networks for Image Classification');
    expect(stdout).toMatch(/• “.+”/);
  });

  it('summarize --topic --json quotes sentences with markers into the citations', async () => {
    const { code, stdout } = await run('summarize', [], { topic: 'lottery ticket pruning', json: true });
    expect(code).toBe(0);
    const json = parseJson(stdout) as { sentences: { paperId: string; marker: number }[]; citations: { id: string }[] };
    expect(json.sentences.length).toBeGreaterThan(0);
    for (const s of json.sentences) expect(json.citations[s.marker - 1]!.id).toBe(s.paperId);
    for (const c of json.citations) expect(c).toEqual(citation);
  });

  it('ask --json lists the covering papers with id, title and url', async () => {
    const { code, stdout } = await run('ask', ['How much memory do low-rank lottery tickets save?'], { json: true });
    expect(code).toBe(0);
    const json = parseJson(stdout) as { covered: boolean; papers: object[]; citations: object[] };
    expect(json.covered).toBe(true);
    for (const p of json.papers) expect(p).toMatchObject(citation);
    for (const c of json.citations) expect(c).toEqual(citation);
  });

  it('ask prints quotes with markers and the sources by title', async () => {
    const { stdout } = await run('ask', ['How much memory do low-rank lottery tickets save?']);
    expect(stdout).toMatch(/\[1\] “.+”/);
    expect(stdout).toContain('[1] Low-Rank Lottery Tickets for Compact Networks — https://example.org/lottery-lowrank');
  });

  it('compare prints both titles and the aligned rows; --json has the rows with paper ids', async () => {
    const human = await run('compare', ['resnet', 'A Note on Tensors']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('A. Residual Learning for Deep Image Recognition');
    expect(human.stdout).toContain('B. A Note on Tensors');
    expect(human.stdout).toMatch(/Problem:[\s\S]*Method:[\s\S]*Result:/);
    expect(human.stdout).toContain('(not stated)');
    const json = parseJson((await run('compare', ['resnet', 'wide'], { json: true })).stdout) as { papers: object[]; rows: { cells: ({ paperId: string } | null)[] }[] };
    expect(json.papers).toEqual([expect.objectContaining({ id: 'resnet' }), expect.objectContaining({ id: 'wide' })]);
    for (const row of json.rows) row.cells.forEach((cell, i) => cell && expect(cell.paperId).toBe(['resnet', 'wide'][i]));
  });

  it('similar --json lists papers with id, title, url, score and evidence', async () => {
    const { code, stdout } = await run('similar', ['Stabilizing the Lottery Ticket Hypothesis'], { json: true, limit: '2' });
    expect(code).toBe(0);
    const json = parseJson(stdout) as { paper: { id: string }; results: { id: string; evidence: string }[] };
    expect(json.paper.id).toBe('lottery-stable');
    expect(json.results.length).toBeLessThanOrEqual(2);
    expect(json.results[0]).toMatchObject({ ...citation, id: 'lottery-lowrank', evidence: expect.stringMatching(/^shares:/) });
  });

  it('paper prints the full record', async () => {
    const json = parseJson((await run('paper', ['tensors'], { json: true })).stdout) as { paper: Record<string, unknown> };
    expect(json.paper).toMatchObject({ id: 'tensors', title: 'A Note on Tensors', source: 'fixture:tensors', abstract: expect.stringContaining('Tensors are arrays') });
    const human = await run('paper', ['A Note on Tensors']);
    expect(human.stdout).toContain('id: tensors');
    expect(human.stdout).toContain('They are often drawn as boxes');
  });

  it('an ambiguous reference lists the candidates on stderr with exit code 2 and no stack trace', async () => {
    const { code, stdout, stderr } = await run('summarize', ['lottery ticket']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('matches several papers');
    expect(stderr).toContain('Stabilizing the Lottery Ticket Hypothesis (id: lottery-stable)');
    expect(stderr).toContain('Low-Rank Lottery Tickets for Compact Networks (id: lottery-lowrank)');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('with --json, a failed lookup is a JSON error object on stdout with the same exit code', async () => {
    const { code, stdout, stderr } = await run('summarize', ['lottery ticket'], { json: true });
    expect(code).toBe(2);
    expect(stderr).toBe('');
    const { error } = JSON.parse(stdout) as { error: { code: string; message: string; details: string[] } };
    expect(error.code).toBe('ambiguous');
    expect(error.message).toBe('"lottery ticket" matches several papers: name one by its id or by more of its title');
    expect(error.details).toContain('  - Stabilizing the Lottery Ticket Hypothesis (id: lottery-stable)');
    const unknown = await run('paper', ['zzzz qqqq'], { json: true });
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toEqual({ error: { code: 'not_found', message: 'no paper matches "zzzz qqqq"' } });
    const usage = await run('ask', [], { json: true });
    expect(JSON.parse(usage.stdout).error).toMatchObject({ code: 'usage', message: expect.stringMatching(/^ask needs a question.*; see --help$/) });
  });

  it('an unknown reference lists the closest titles with exit code 2', async () => {
    const { code, stderr } = await run('similar', ['residual quantum chromodynamics annealing']);
    expect(code).toBe(2);
    expect(stderr).toContain('no paper matches');
    expect(stderr).toContain('Closest titles:');
    expect(stderr).toContain('Wide Residual Networks for Image Classification');
  });

  it.each([
    ['summarize', [], {}, /summarize needs a paper/],
    ['ask', ['  '], {}, /ask needs a question/],
    ['compare', ['resnet'], {}, /compare needs 2 to 4 papers, each quoted \(got 1\)/],
    ['compare', ['a', 'b', 'c', 'd', 'e'], {}, /got 5/],
    ['compare', ['resnet', 'resnet'], {}, /named more than once/],
    ['summarize', ['resnet'], { sentences: 'three' }, /--sentences must be a whole number from 1 to 8 \(got "three"\)/],
    ['ask', ['pruning'], { mode: 'fast' }, /--mode must be one of hybrid, keyword, semantic/],
    ['ask', ['pruning'], { limit: '3' }, /--limit is not an option of ask/],
    ['summarize', ['resnet'], { mode: 'keyword' }, /--mode applies to summarize --topic only/],
    ['summarize', [], { topic: ' ' }, /summarize --topic needs a query/],
    ['explain', ['x'], {}, /unknown command "explain"/],
  ] as const)('%s %j %j is a usage error (exit 2)', async (command, positionals, flags, message) => {
    const { code, stdout, stderr } = await run(command, [...positionals], { ...flags });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});

describe('lookupFailure', () => {
  const paper = (id: string) => ({ id, title: `Title ${id}`, abstract: '', authors: [], url: '', source: '' });

  it('lists the candidates and counts the papers that fit beyond them', () => {
    const failure = lookupFailure(new PaperLookupError({ kind: 'ambiguous', query: 'title', candidates: [paper('a'), paper('b')], total: 7 }));
    expect(failure).toMatchObject({ code: 'ambiguous', exit: 2 });
    expect(failure.details).toEqual(['  - Title a (id: a)', '  - Title b (id: b)', '  … and 5 more']);
  });

  it('adds no count when every candidate is listed', () => {
    const failure = lookupFailure(new PaperLookupError({ kind: 'ambiguous', query: 'title', candidates: [paper('a'), paper('b')] }));
    expect(failure.details).toEqual(['  - Title a (id: a)', '  - Title b (id: b)']);
  });
});
