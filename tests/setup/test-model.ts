/** Vitest globalSetup: generates the offline test embedding model once per run. */
import { TEST_MODEL_DIR } from '../helpers/test-model.js';
import { writeTestModel } from '../../scripts/test-model.js';

export default async function setup(): Promise<void> {
  await writeTestModel(TEST_MODEL_DIR);
}
