/**
 * Performance benchmark (not a test): synthetic corpora recombined from the real one, index builds, warm start,
 * memory and query latency of the engine and of the command handlers, with MiniSearch as a side-by-side anchor.
 *
 *   npm run bench                               # real corpus, 1k, 10k and 100k papers; tables
 *   npm run bench -- --sizes real,1000,10000    # chosen sizes ("real" = corpus/ as it is)
 *   npm run bench -- --json                     # machine-readable
 *   npm run bench -- --passes 5                 # timed passes per workload (default 3)
 *   npm run bench -- --runs 3                   # repeat everything, report medians (default 1)
 *
 * Each size runs in two child processes (`node --expose-gc`): phase 1 generates and indexes, phase 2 starts the app
 * warm and measures it, so memory figures are per size and per app. Work files go to .cache/bench/.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeTestModel } from '../test-support/test-model.js';
import type { AppReport } from './bench/phase-app.js';
import type { BuildReport } from './bench/phase-build.js';
import { checkTargets, formatReport, medianRuns, parseSizes, type SizeResult } from './bench/report.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CHILD = path.join(ROOT, 'scripts', 'bench', 'child.ts');
const DEFAULT_SIZES = 'real,1000,10000,100000';
// The real model's dimension, so vector costs match production.
const DIMENSION = 384;
// Texts embedded through the transformers.js pipeline per size (all of them up to this many papers).
const PIPELINE_ALL_UP_TO = 1000;
const PIPELINE_SAMPLE = 256;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: DEFAULT_SIZES },
      json: { type: 'boolean', default: false },
      passes: { type: 'string', default: '3' },
      runs: { type: 'string', default: '1' },
      work: { type: 'string', default: path.join(ROOT, '.cache', 'bench') },
    },
  });
  const sizes = parseSizes(values.sizes);
  const passes = Number(values.passes);
  if (!Number.isInteger(passes) || passes < 1) throw new Error(`--passes: expected a whole number ≥ 1, got "${values.passes}"`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: expected a whole number ≥ 1, got "${values.runs}"`);
  const workDir = path.resolve(values.work);
  await mkdir(workDir, { recursive: true });
  const started = performance.now();
  const modelDir = await writeTestModel(path.join(workDir, `test-model-${DIMENSION}`), { dimension: DIMENSION });

  const perRun: SizeResult[][] = [];
  for (let run = 1; run <= runs; run++) {
    const results: SizeResult[] = [];
    const tag = runs > 1 ? `run ${run}/${runs}, ` : '';
    for (const size of sizes) {
      const name = `${tag}${size === 0 ? 'real corpus' : `${size} papers`}`;
      const sample = size !== 0 && size <= PIPELINE_ALL_UP_TO ? size : PIPELINE_SAMPLE;
      const common = ['--size', String(size), '--work', workDir, '--model', modelDir];
      progress(`${name}: generating, indexing, cold start…`);
      const build = await runChild<BuildReport>([...common, '--phase', 'build', '--sample', String(sample)], workDir);
      progress(`${name}: warm start and queries…`);
      const app = await runChild<AppReport>([...common, '--phase', 'app', '--passes', String(passes)], workDir);
      results.push({ build, app });
      progress(`${name}: done (${((performance.now() - started) / 1000).toFixed(0)} s so far)`);
    }
    perRun.push(results);
  }
  const results = medianRuns(perRun);

  const context = { cpus: os.cpus().length, node: process.versions.node, passes, runs, loadAverage: os.loadavg(), totalSeconds: Math.round((performance.now() - started) / 1000) };
  if (values.json) {
    const all = runs > 1 ? { runs: perRun } : {};
    process.stdout.write(`${JSON.stringify({ context, sizes: results, targets: checkTargets(results), ...all }, roundNumbers, 2)}\n`);
  } else {
    process.stdout.write(`${formatReport(results, context)}\n`);
  }
}

/** Runs one child phase and returns its JSON report. */
async function runChild<T>(args: string[], workDir: string): Promise<T> {
  const out = path.join(workDir, `report-${process.pid}-${Date.now()}.json`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=6144', '--import', 'tsx', CHILD, ...args, '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`bench: child ${args.join(' ')} failed (${signal ?? `exit ${code}`})`))));
  });
  try {
    return JSON.parse(await readFile(out, 'utf8')) as T;
  } finally {
    await rm(out, { force: true });
  }
}

function roundNumbers(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || Number.isInteger(value)) return value;
  return Math.abs(value) < 1 ? Math.round(value * 1000) / 1000 : Math.round(value * 100) / 100;
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
