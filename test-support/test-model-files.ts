/**
 * Access to the generated offline test model (see test-support/test-model.ts) for tests.
 * The vitest globalSetup writes it once per run; {@link getTestModelDir} re-checks cheaply
 * (content hashes) so a test file run on its own works too.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import {
  TOKEN_TYPE_EMBEDDINGS_NAME,
  WORD_EMBEDDINGS_NAME,
  writeTestModel,
} from './test-model.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Folder of the test model used by the test suite (under the gitignored .cache/). */
export const TEST_MODEL_DIR = path.join(REPO_ROOT, '.cache', 'test-model', 'paper-scout-test-model');

let ready: Promise<string> | undefined;

/** The test model folder, generated if missing or stale. */
export function getTestModelDir(): Promise<string> {
  ready ??= writeTestModel(TEST_MODEL_DIR);
  return ready;
}

/** Weights and vocabulary read back from a generated model folder, for computing expected vectors by hand. */
export interface TestModelTables {
  dimension: number;
  /** token → id, from tokenizer.json. */
  vocab: Map<string, number>;
  /** `[vocab, dimension]` word embeddings, from the ONNX initializer. */
  words: Float32Array;
  /** `[2, dimension]` token-type embeddings. */
  tokenTypes: Float32Array;
}

function initializer(model: onnxProto.onnx.ModelProto, name: string): { dims: number[]; values: Float32Array } {
  const tensor = model.graph?.initializer?.find((t) => t.name === name);
  if (!tensor?.rawData || !tensor.dims) throw new Error(`test model: initializer ${name} not found`);
  const raw = tensor.rawData;
  const values = new Float32Array(raw.length / 4);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return { dims: tensor.dims.map(Number), values };
}

/** Decodes `onnx/<file>` and tokenizer.json of a model folder. */
export async function readTestModelTables(dir: string, file = 'model_quantized.onnx'): Promise<TestModelTables> {
  const model = onnxProto.onnx.ModelProto.decode(await readFile(path.join(dir, 'onnx', file)));
  const words = initializer(model, WORD_EMBEDDINGS_NAME);
  const types = initializer(model, TOKEN_TYPE_EMBEDDINGS_NAME);
  const tokenizer = JSON.parse(await readFile(path.join(dir, 'tokenizer.json'), 'utf8')) as {
    model: { vocab: Record<string, number> };
  };
  return {
    dimension: words.dims[1] ?? 0,
    vocab: new Map(Object.entries(tokenizer.model.vocab)),
    words: words.values,
    tokenTypes: types.values,
  };
}
