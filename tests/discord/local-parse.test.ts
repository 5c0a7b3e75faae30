import { ApplicationCommandOptionType as T } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommands, slashCommandPayloads } from '../../src/discord/loader.js';
import { parseCommandLine, splitCommand, usageLines } from '../../src/local/parse.js';

let json: Map<string, RESTPostAPIChatInputApplicationCommandsJSONBody>;

beforeAll(async () => {
  const commands = await loadCommands();
  json = slashCommandPayloads(commands);
});

describe('splitCommand', () => {
  it('separates the lower-cased name from the rest, with or without a slash', () => {
    expect(splitCommand('  /Search  lottery ticket ')).toEqual({ name: 'search', rest: 'lottery ticket' });
    expect(splitCommand('about')).toEqual({ name: 'about', rest: '' });
    expect(splitCommand('   ')).toBeUndefined();
  });
});

describe('parseCommandLine', () => {
  it('reads named options as Discord shows them', () => {
    expect(parseCommandLine('/search query: lottery ticket mode: keyword limit: 3', json)).toEqual({
      kind: 'command',
      name: 'search',
      data: [
        { name: 'query', type: T.String, value: 'lottery ticket' },
        { name: 'mode', type: T.String, value: 'keyword' },
        { name: 'limit', type: T.Integer, value: 3 },
      ],
    });
  });

  it('gives free text to the first required option, and combines it with named ones', () => {
    expect(parseCommandLine('search lottery ticket limit: 2', json)).toMatchObject({
      data: [
        { name: 'query', value: 'lottery ticket' },
        { name: 'limit', value: 2 },
      ],
    });
    expect(parseCommandLine('ask what is a ticket: a metaphor?', json)).toMatchObject({ data: [{ name: 'question', value: 'what is a ticket: a metaphor?' }] });
  });

  it('splits several papers on "|" or "vs"', () => {
    expect(parseCommandLine('compare A paper | Another | Third', json)).toMatchObject({
      data: [
        { name: 'paper_a', value: 'A paper' },
        { name: 'paper_b', value: 'Another' },
        { name: 'paper_c', value: 'Third' },
      ],
    });
    expect(parseCommandLine('compare ResNet vs DenseNet', json)).toMatchObject({ data: [{ value: 'ResNet' }, { value: 'DenseNet' }] });
  });

  it('nests the options of a subcommand', () => {
    expect(parseCommandLine('summarize topic graph networks sentences: 2', json)).toEqual({
      kind: 'command',
      name: 'summarize',
      data: [
        {
          name: 'topic',
          type: T.Subcommand,
          options: [
            { name: 'topic', type: T.String, value: 'graph networks' },
            { name: 'sentences', type: T.Integer, value: 2 },
          ],
        },
      ],
    });
  });

  it('keeps non-numeric integers as text so validation can name the problem', () => {
    expect(parseCommandLine('search x limit: many', json)).toMatchObject({ data: [{ name: 'query' }, { name: 'limit', value: 'many' }] });
  });

  it('explains unknown commands, missing subcommands and stray text', () => {
    expect(parseCommandLine('frob x', json)).toEqual({ kind: 'error', message: 'Unknown command "frob". Type help for the list.' });
    expect(parseCommandLine('summarize lottery', json)).toEqual({ kind: 'error', message: 'summarize needs one of: summarize paper …, summarize topic …' });
    expect(parseCommandLine('about me', json)).toMatchObject({ kind: 'error' });
    expect(parseCommandLine('   ', json)).toEqual({ kind: 'empty' });
  });
});

describe('usageLines', () => {
  it('shows required and [optional] options, one line per subcommand', () => {
    const usages = (name: string) => usageLines(json.get(name)!).map((l) => l.usage);
    expect(usages('search')).toEqual(['/search query [mode] [limit]']);
    expect(usages('summarize')).toEqual(['/summarize paper paper [sentences]', '/summarize topic topic [sentences]']);
    expect(usages('about')).toEqual(['/about']);
    // A subcommand line is described by the subcommand, not by its parent command.
    const summarize = json.get('summarize')!;
    const paperSub = summarize.options!.find((o) => o.name === 'paper')!;
    expect(usageLines(summarize)[0]!.description).toBe(paperSub.description);
    expect(usageLines(json.get('search')!)[0]!.description).toBe(json.get('search')!.description);
  });
});
