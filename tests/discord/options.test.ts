import { ApplicationCommandOptionType as T } from 'discord.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { OptionError } from '../../src/discord/errors.js';
import { buildSlashCommand, hasSubcommands, optionsFor, readArguments } from '../../src/discord/options.js';
import type { ArgumentsOf, CommandDefinition } from '../../src/discord/options.js';

const plain = {
  name: 'find',
  description: 'Find things',
  options: [
    { type: T.String, name: 'query', description: 'What', required: true, max_length: 10 },
    { type: T.String, name: 'mode', description: 'How', choices: [{ name: 'Fast', value: 'fast' }, { name: 'Slow', value: 'slow' }] },
    { type: T.Integer, name: 'limit', description: 'How many', min_value: 1, max_value: 5 },
    { type: T.Boolean, name: 'private', description: 'Only me' },
  ],
} as const satisfies CommandDefinition;

const withSubcommands = {
  name: 'sum',
  description: 'Summarize',
  options: [
    { type: T.Subcommand, name: 'paper', description: 'One paper', options: [{ type: T.String, name: 'paper', description: 'Which', required: true }] },
    { type: T.Subcommand, name: 'topic', description: 'A topic', options: [{ type: T.String, name: 'topic', description: 'Which', required: true }, { type: T.Integer, name: 'n', description: 'Count' }] },
  ],
} as const satisfies CommandDefinition;

const opt = (name: string, type: T, value: string | number | boolean) => ({ name, type, value });

describe('ArgumentsOf', () => {
  it('derives required, optional and choice-narrowed types from the definition', () => {
    expectTypeOf<ArgumentsOf<typeof plain>>().toEqualTypeOf<{
      query: string;
      mode?: 'fast' | 'slow';
      limit?: number;
      private?: boolean;
    }>();
  });

  it('derives a union discriminated by subcommand', () => {
    expectTypeOf<ArgumentsOf<typeof withSubcommands>>().toEqualTypeOf<
      { subcommand: 'paper'; paper: string } | { subcommand: 'topic'; topic: string; n?: number }
    >();
  });
});

describe('readArguments', () => {
  it('reads and trims values, leaving absent options out', () => {
    expect(readArguments(plain, [opt('query', T.String, '  cats '), opt('limit', T.Integer, 3)])).toEqual({ query: 'cats', limit: 3 });
  });

  it('names a missing required option', () => {
    expect(() => readArguments(plain, [])).toThrow(new OptionError('`query` is required: What.'));
    expect(() => readArguments(plain, [opt('query', T.String, '   ')])).toThrow(OptionError);
  });

  it('enforces length, range, choices and types, naming the option and the rule', () => {
    expect(() => readArguments(plain, [opt('query', T.String, 'x'.repeat(11))])).toThrow('`query` of /find is too long: 11 characters, at most 10.');
    expect(() => readArguments(plain, [opt('query', T.String, 'a'), opt('limit', T.Integer, 6)])).toThrow('`limit` of /find must be at most 5.');
    expect(() => readArguments(plain, [opt('query', T.String, 'a'), opt('limit', T.Integer, '2.5')])).toThrow('must be a whole number');
    expect(() => readArguments(plain, [opt('query', T.String, 'a'), opt('mode', T.String, 'medium')])).toThrow('must be one of fast, slow');
    expect(readArguments(plain, [opt('query', T.String, 'a'), opt('private', T.Boolean, 'yes'), opt('limit', T.Integer, '4')])).toEqual({
      query: 'a',
      private: true,
      limit: 4,
    });
  });

  it('reads the chosen subcommand and its options', () => {
    const data = [{ name: 'topic', type: T.Subcommand, options: [opt('topic', T.String, 'gnn'), opt('n', T.Integer, 2)] }];
    expect(readArguments(withSubcommands, data)).toEqual({ subcommand: 'topic', topic: 'gnn', n: 2 });
    expect(() => readArguments(withSubcommands, [])).toThrow('/sum needs one of: paper, topic.');
  });
});

describe('buildSlashCommand', () => {
  it('produces the registration JSON of the definition', () => {
    const json = buildSlashCommand(plain).toJSON();
    expect(json.name).toBe('find');
    expect(json.options?.map((o) => [o.name, o.type, 'required' in o ? o.required : undefined])).toEqual([
      ['query', T.String, true],
      ['mode', T.String, false],
      ['limit', T.Integer, false],
      ['private', T.Boolean, false],
    ]);
    expect(json.options?.[0]).toMatchObject({ max_length: 10 });
    expect(json.options?.[2]).toMatchObject({ min_value: 1, max_value: 5 });
  });

  it('builds subcommands with their options', () => {
    const json = buildSlashCommand(withSubcommands).toJSON();
    expect(json.options?.map((o) => [o.name, o.type])).toEqual([
      ['paper', T.Subcommand],
      ['topic', T.Subcommand],
    ]);
  });

  it('rejects names Discord would refuse', () => {
    expect(() => buildSlashCommand({ name: 'Bad Name', description: 'x' })).toThrow();
  });
});

describe('optionsFor and hasSubcommands', () => {
  it('return the options of a subcommand or of the command', () => {
    expect(hasSubcommands(withSubcommands)).toBe(true);
    expect(hasSubcommands(plain)).toBe(false);
    expect(optionsFor(withSubcommands, 'topic').map((o) => o.name)).toEqual(['topic', 'n']);
    expect(optionsFor(plain).map((o) => o.name)).toEqual(['query', 'mode', 'limit', 'private']);
  });
});
