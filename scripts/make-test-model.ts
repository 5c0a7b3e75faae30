/**
 * Writes the offline test embedding model.
 * Usage: npm run make-test-model -- [dir] [--dimension N]
 * Default dir: .cache/test-model/paper-scout-test-model. Prints the folder, usable as EMBEDDING_MODEL.
 */
import { parseArgs } from 'node:util';
import { TEST_MODEL_DIMENSION, writeTestModel } from '../test-support/test-model.js';

const DEFAULT_DIR = '.cache/test-model/paper-scout-test-model';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { dimension: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    process.stderr.write('usage: npm run make-test-model -- [dir] [--dimension N]\n');
    return;
  }
  const dimension = values.dimension === undefined ? TEST_MODEL_DIMENSION : Number(values.dimension);
  if (!Number.isInteger(dimension) || dimension < 1) {
    throw new Error(`--dimension must be a positive integer, got "${values.dimension}"`);
  }
  const dir = await writeTestModel(positionals[0] ?? DEFAULT_DIR, { dimension });
  process.stdout.write(`${dir}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`make-test-model: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
