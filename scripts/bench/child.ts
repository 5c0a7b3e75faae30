/**
 * Entry point of one benchmark child process (started by scripts/bench.ts with `node --expose-gc --import tsx`):
 *
 *   child.ts --phase build|app --size N --work DIR --model DIR --out FILE [--passes 3] [--sample 256]
 *
 * Writes its report as JSON to FILE; progress goes to stderr.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runAppPhase } from './phase-app.js';
import { runBuildPhase } from './phase-build.js';
import type { EvalQuery } from './queries.js';

const EVAL_SETS = ['eval/queries.dev.json', 'eval/queries.heldout.json'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      phase: { type: 'string' },
      size: { type: 'string' },
      work: { type: 'string' },
      model: { type: 'string' },
      out: { type: 'string' },
      passes: { type: 'string', default: '3' },
      sample: { type: 'string', default: '256' },
    },
  });
  const need = (name: 'phase' | 'size' | 'work' | 'model' | 'out'): string => {
    const value = values[name];
    if (value === undefined) throw new Error(`bench child: --${name} is required`);
    return value;
  };
  const size = Number(need('size'));
  const evalQueries: EvalQuery[] = [];
  for (const file of EVAL_SETS) evalQueries.push(...(JSON.parse(await readFile(file, 'utf8')) as EvalQuery[]));
  const common = { size, workDir: need('work'), modelDir: need('model'), evalQueries };
  const phase = need('phase');
  const report =
    phase === 'build'
      ? await runBuildPhase({ ...common, pipelineSample: Number(values.sample) })
      : phase === 'app'
        ? await runAppPhase({ ...common, passes: Number(values.passes) })
        : undefined;
  if (!report) throw new Error(`bench child: --phase must be build or app, got "${phase}"`);
  await writeFile(need('out'), JSON.stringify(report));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
