import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Adapters may talk to Discord and read .env; the core may not.
const ADAPTERS = new Set(['src/discord', 'src/local', 'src/main.ts', 'src/cli']);
const FORBIDDEN = /from ['"](discord\.js|@discordjs\/[^'"]+|dotenv(\/[^'"]*)?)['"]/;

/**
 * The layer order, bottom first. A module may import modules of its own folder and of folders with a lower rank;
 * folders of equal rank do not import each other.
 */
const LAYERS: readonly (readonly [folder: string, rank: number])[] = [
  ['src/shared', 0], // Logger, Clock, logging
  ['src/text', 0], // sentences, hashing
  ['src/process', 0], // the DATA_DIR lock, the parent-process watch
  ['src/corpus', 1],
  ['src/search', 2],
  ['src/answers', 3],
  ['src/related', 3], // papers related to a text
  ['src/state', 4],
  ['src/trends', 4], // rising terms (the answers' log-odds), charts
  ['src/trending', 5],
  ['src/subscriptions', 5],
  ['src/reading-list', 5],
  ['src/digest', 6],
  ['src/arxiv', 6], // adding papers from the arXiv API (ingests like the trending feed)
  ['src/app', 7], // composition root, config, app types
  ['src/discord', 8], // adapters
  ['src/cli', 8],
  ['commands', 9], // slash command handlers (use the Discord adapter's helpers)
  ['src/local', 10], // the terminal mode runs the command handlers
  ['src/main.ts', 11], // entry point
];

function sourceFiles(dir: string, skip: ReadonlySet<string> = new Set()): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name).split(path.sep).join('/');
    if (skip.has(full)) return [];
    return entry.isDirectory() ? sourceFiles(full, skip) : full.endsWith('.ts') ? [full] : [];
  });
}

/** One import of a file: the specifier as written, the line, and the repository file it resolves to (relative ones). */
interface ImportEdge {
  from: string;
  specifier: string;
  line: number;
  /** Repository path of the imported file; undefined for packages and node: modules. */
  to?: string;
}

/** Every import of a module: `import … from`, `import type`, `export … from`, `import '…'` and `import(…)`. */
function importsOf(file: string, text: string): ImportEdge[] {
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName, pos }) => ({
    from: file,
    specifier: fileName,
    line: text.slice(0, pos).split('\n').length,
    ...(fileName.startsWith('.') ? { to: path.posix.join(path.posix.dirname(file), fileName).replace(/\.js$/, '.ts') } : {}),
  }));
}

function layerOf(file: string): { folder: string; rank: number } | undefined {
  const match = LAYERS.find(([folder]) => file === folder || file.startsWith(`${folder}/`));
  return match ? { folder: match[0], rank: match[1] } : undefined;
}

/** One message per import that goes up the layer order, or sideways between folders of equal rank. */
function layerViolations(edges: readonly ImportEdge[]): string[] {
  return edges.flatMap((edge) => {
    if (!edge.to) return [];
    const from = layerOf(edge.from);
    const to = layerOf(edge.to);
    const where = `${edge.from}:${edge.line} imports '${edge.specifier}'`;
    if (!from) return [`${where}: ${edge.from} belongs to no layer; add its folder to LAYERS`];
    if (!to) return [`${where}: ${edge.to} belongs to no layer; add its folder to LAYERS`];
    if (from.folder === to.folder || to.rank < from.rank) return [];
    return [`${where}: ${from.folder} (layer ${from.rank}) may not depend on ${to.folder} (layer ${to.rank}); move the code or type to the layer that owns it`];
  });
}

/** The import cycles among the files (strongly connected components of more than one file, or a self-import). */
function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const edge of edges) if (edge.to) (next.get(edge.from) ?? next.set(edge.from, new Set()).get(edge.from)!).add(edge.to);
  // Tarjan's algorithm.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || next.get(node)?.has(node)) cycles.push(component.sort());
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

const edgesOf = (files: readonly string[]) => files.flatMap((file) => importsOf(file, readFileSync(file, 'utf8')));

describe('core modules', () => {
  it('import neither discord.js nor dotenv', () => {
    const files = sourceFiles('src', ADAPTERS);
    expect(files.length).toBeGreaterThan(30);
    const offenders = files.filter((file) => FORBIDDEN.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('core modules below the composition root', () => {
  it('read no environment variable and replace no global (the root passes fetch, tokens and clocks)', () => {
    const core = sourceFiles('src').filter((file) => (layerOf(file)?.rank ?? Infinity) < (layerOf('src/app')?.rank ?? 0));
    expect(core.length).toBeGreaterThan(30);
    const offenders = core.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/process\.env\b|globalThis\.\w+\s*=[^=]/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});

describe('importsOf', () => {
  it('finds static, type, re-export, side-effect and dynamic imports with their lines, and nothing in strings or comments', () => {
    const text = [
      "import type { A } from './a.js';",
      "export { B } from '../b/b.js';",
      "import 'node:fs';",
      "const c = await import('./c.js');",
      "type D = import('./d.js').D;",
      "const text = \"import x from './not-an-import.js'\"; // import y from './nor-this.js'",
    ].join('\n');
    expect(importsOf('src/x/file.ts', text)).toEqual([
      { from: 'src/x/file.ts', specifier: './a.js', line: 1, to: 'src/x/a.ts' },
      { from: 'src/x/file.ts', specifier: '../b/b.js', line: 2, to: 'src/b/b.ts' },
      { from: 'src/x/file.ts', specifier: 'node:fs', line: 3 },
      { from: 'src/x/file.ts', specifier: './c.js', line: 4, to: 'src/x/c.ts' },
      { from: 'src/x/file.ts', specifier: './d.js', line: 5, to: 'src/x/d.ts' },
    ]);
  });
});

describe('layerViolations', () => {
  it('names the file, line and import of an upward or sideways edge and accepts downward ones', () => {
    const edges: ImportEdge[] = [
      { from: 'src/search/engine.ts', specifier: '../answers/types.js', line: 6, to: 'src/answers/types.ts' },
      { from: 'src/cli/main.ts', specifier: '../discord/bot.js', line: 3, to: 'src/discord/bot.ts' },
      { from: 'src/answers/ask.ts', specifier: '../search/types.js', line: 2, to: 'src/search/types.ts' },
      { from: 'src/answers/ask.ts', specifier: './cite.js', line: 3, to: 'src/answers/cite.ts' },
      { from: 'src/answers/ask.ts', specifier: 'zod', line: 4 },
    ];
    expect(layerViolations(edges)).toEqual([
      "src/search/engine.ts:6 imports '../answers/types.js': src/search (layer 2) may not depend on src/answers (layer 3); move the code or type to the layer that owns it",
      "src/cli/main.ts:3 imports '../discord/bot.js': src/cli (layer 8) may not depend on src/discord (layer 8); move the code or type to the layer that owns it",
    ]);
  });
});

describe('importCycles', () => {
  it('reports each cycle once with its files, type-only imports included', () => {
    const edge = (from: string, to: string): ImportEdge => ({ from, specifier: to, line: 1, to });
    const edges = [edge('a.ts', 'b.ts'), edge('b.ts', 'a.ts'), edge('b.ts', 'c.ts'), edge('c.ts', 'd.ts'), edge('e.ts', 'e.ts')];
    expect(importCycles(edges)).toEqual([['a.ts', 'b.ts'], ['e.ts']]);
  });
});

describe('import graph of src/ and commands/', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('commands')];
  const edges = edgesOf(files);

  it('has every module in a layer and the top level of src/ holds only the entry point and folders', () => {
    expect(files.filter((file) => !layerOf(file))).toEqual([]);
    const topLevel = readdirSync('src', { withFileTypes: true }).filter((entry) => !entry.isDirectory()).map((entry) => entry.name);
    expect(topLevel).toEqual(['main.ts']);
  });

  it('has no import cycle', () => {
    expect(edges.filter((edge) => edge.to).length).toBeGreaterThan(200);
    expect(importCycles(edges).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('imports only down the layer order', () => {
    expect(layerViolations(edges)).toEqual([]);
  });
});

describe('scripts and tests', () => {
  it('share code through test-support/: scripts never import tests, and support code imports no script', () => {
    const scripts = edgesOf(sourceFiles('scripts')).filter((edge) => edge.to?.startsWith('tests/'));
    const support = edgesOf([...sourceFiles('test-support'), ...sourceFiles('tests').filter((file) => !file.endsWith('.test.ts'))]).filter(
      (edge) => edge.to?.startsWith('scripts/') || (edge.from.startsWith('test-support/') && edge.to?.startsWith('tests/')),
    );
    expect([...scripts, ...support].map((edge) => `${edge.from}:${edge.line} imports '${edge.specifier}'`)).toEqual([]);
  });
});
