/** The limits table in README.md, the slash-command registrations, the configuration and the CLI agree. */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { loadConfig } from '../src/app/config.js';
import { loadCommands, slashCommandPayloads } from '../src/discord/loader.js';
import { LIMITS } from '../src/shared/limits.js';
import { REPO_ROOT } from './discord/harness.js';

/** The rows of README's "Limits" table: first cell → the other cells. */
function readmeLimits(): Map<string, string[]> {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Limits'), readme.indexOf('\n## ', readme.indexOf('### Limits')));
  const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| limit'));
  return new Map(rows.map((row) => {
    const cells = row.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, '').trim());
    return [cells[0]!, cells.slice(1)];
  }));
}

const range = (r: { min: number; max: number }) => `${r.min}–${r.max}`;

describe('LIMITS', () => {
  it('are the figures of the README table', () => {
    const table = readmeLimits();
    const row = (prefix: string) => [...table].find(([name]) => name.startsWith(prefix))?.[1] ?? [];
    expect(row('results per page')).toEqual([`${range(LIMITS.resultsPerPage)}, default ${LIMITS.resultsPerPage.default}`, `default \`RESULT_LIMIT\`; \`--limit\` 1–${LIMITS.cliSearchResults}`]);
    expect(row('papers listed by similar')).toEqual([`${range(LIMITS.similarResults)}, default ${LIMITS.similarResults.default}`, `\`--limit\` 1–${LIMITS.cliSimilarResults}`]);
    expect(row('query, question or topic length')).toEqual([`${LIMITS.queryLength} characters`, `${LIMITS.queryLength} characters`]);
    expect(row('papers per compare')).toEqual([range(LIMITS.papersPerCompare), range(LIMITS.papersPerCompare)]);
    expect(row('sentences per summary or answer')).toEqual([range(LIMITS.summarySentences), `\`--sentences\` ${range(LIMITS.summarySentences)}`]);
  });

  it('are what the slash commands register (and so what the terminal mode checks)', async () => {
    const commands = await loadCommands();
    const options = (name: string) => {
      const json = slashCommandPayloads(commands).get(name)!;
      return (json.options ?? []).flatMap((o) => ('options' in o && o.options ? [o, ...o.options] : [o])) as { name: string; type: number; max_value?: number; min_value?: number; max_length?: number }[];
    };
    expect(options('search').find((o) => o.name === 'limit')).toMatchObject({ min_value: 1, max_value: LIMITS.resultsPerPage.max });
    expect(options('similar').find((o) => o.name === 'limit')).toMatchObject({ max_value: LIMITS.similarResults.max });
    expect(options('summarize').filter((o) => o.name === 'sentences').map((o) => o.max_value)).toEqual([LIMITS.summarySentences.max, LIMITS.summarySentences.max]);
    for (const [command, option] of [['search', 'query'], ['ask', 'question'], ['summarize', 'topic']] as const) {
      // Type 3: a string option (summarize also has a subcommand named topic).
      expect(options(command).find((o) => o.name === option && o.type === 3)?.max_length).toBe(LIMITS.queryLength);
    }
    const compare = options('compare').filter((o) => o.name.startsWith('paper_'));
    expect(compare).toHaveLength(LIMITS.papersPerCompare.max);
  });

  it('bound RESULT_LIMIT and the CLI flags', async () => {
    expect(() => loadConfig({ RESULT_LIMIT: String(LIMITS.resultsPerPage.max + 1) })).toThrow(/RESULT_LIMIT/);
    const env = { EMBEDDINGS: 'off', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'paper-scout-limits-')) };
    const cases: [string[], RegExp][] = [
      [['summarize', 'Wide Residual Networks', '--sentences', String(LIMITS.summarySentences.max + 1)], /--sentences must be a whole number from 1 to 8/],
      [['search', 'x', '--limit', String(LIMITS.cliSearchResults + 1)], /--limit must be a whole number from 1 to 100/],
      [['search', 'x'.repeat(LIMITS.queryLength + 1)], /too long: 301 characters, at most 300/],
      [['ask', 'y'.repeat(LIMITS.queryLength + 1)], /too long/],
    ];
    for (const [argv, message] of cases) {
      let stderr = '';
      expect(await main(argv, { stdout: () => undefined, stderr: (t) => (stderr += t) }, env)).toBe(2);
      expect(stderr).toMatch(message);
    }
  });
});
