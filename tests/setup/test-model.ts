/** Vitest globalSetup: generates the offline test embedding model once per run. */
import { TEST_MODEL_DIR } from '../../test-support/test-model-files.js';
import { writeTestModel } from '../../test-support/test-model.js';

export default async function setup(): Promise<void> {
  await writeTestModel(TEST_MODEL_DIR);
}
