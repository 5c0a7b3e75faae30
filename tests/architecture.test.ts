import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Adapters may talk to Discord and read .env; the core may not.
const ADAPTERS = new Set(['src/discord', 'src/local', 'src/main.ts', 'src/cli']);
const FORBIDDEN = /from ['"](discord\.js|@discordjs\/[^'"]+|dotenv(\/[^'"]*)?)['"]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (ADAPTERS.has(full)) return [];
    return entry.isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('core modules', () => {
  it('import neither discord.js nor dotenv', () => {
    const files = sourceFiles('src');
    expect(files.length).toBeGreaterThan(30);
    const offenders = files.filter((file) => FORBIDDEN.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
