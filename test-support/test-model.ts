/**
 * Generates a tiny, deterministic BERT-like sentence-embedding model that loads through the real
 * transformers.js `feature-extraction` pipeline. It lets the semantic side be tested offline,
 * where the real hub model cannot be downloaded.
 *
 * Model: `last_hidden_state = WordEmbeddings[input_ids] + TokenTypeEmbeddings[token_type_ids]`
 * (two ONNX Gathers and an Add). `attention_mask` is accepted but unused, so padded positions carry
 * non-zero states and only correct mean pooling over the mask gives batch-independent vectors.
 *
 * Vectors are "mildly semantic": every word is its stem's vector plus a little word-specific noise,
 * so prune / pruning / pruned land close together while unrelated words are nearly orthogonal.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import { createRandom, hashString } from './random.js';

const { onnx } = onnxProto;

/** Options of {@link writeTestModel} / {@link buildTestModelFiles}. */
export interface TestModelOptions {
  /** Hidden size of the model. Default 32. */
  dimension?: number;
  /**
   * Words of the vocabulary (lower-cased and de-duplicated here; repeats make a word more frequent,
   * hence lighter). Default: the words of corpus/trending-papers.txt.
   */
  vocabulary?: string[];
  /** Seed of the generated weights. Default 1. */
  seed?: number;
}

/** Special tokens, in id order: [PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3, [MASK]=4. */
export const TEST_MODEL_SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** Word-piece continuations, so unseen inflections of known words (e.g. "prunes") still tokenize. */
export const TEST_MODEL_SUFFIX_PIECES = ['##s', '##es', '##ed', '##ing', '##er', '##ly'] as const;

/** Default hidden size. */
export const TEST_MODEL_DIMENSION = 32;

/** Name of the initializer holding the word embedding table `[vocab, dim]`. */
export const WORD_EMBEDDINGS_NAME = 'embeddings.word_embeddings.weight';
/** Name of the initializer holding the token-type embedding table `[2, dim]`. */
export const TOKEN_TYPE_EMBEDDINGS_NAME = 'embeddings.token_type_embeddings.weight';

const MODEL_MAX_LENGTH = 256;
/** Weight of the word-specific part relative to the shared stem vector. */
const WORD_NOISE = 0.35;
/** [CLS]/[SEP]/[UNK]/[MASK] are kept small so they do not dominate the mean of short texts. */
const SPECIAL_SCALE = 0.2;

/** Function words get tiny vectors so they barely move a text's mean (as in a trained model). */
const STOPWORDS = new Set(
  ('a an the of to and or in on at for with by from as is are was were be been being this that these those it its ' +
    'we our us i you he she they their them which who whom what how why when where can could may might will would ' +
    'should do does did not no than then so such into over under about also both each all any some more most very')
    .split(' '),
);
const STOPWORD_SCALE = 0.05;
/** Frequent words are damped (1 / sqrt(1 + count / FREQUENCY_DAMPING)), like an IDF weight. */
const FREQUENCY_DAMPING = 32;

const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ers', 'er', 'edly', 'ed', 'es', 'ly', 's'];

/**
 * Crude suffix-stripping stemmer: prune, pruning, pruned, prunes → "prun".
 * Only used to decide which words share a vector direction.
 */
export function stemWord(word: string): string {
  let stem = word.toLowerCase();
  for (const suffix of SUFFIXES) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
      stem = stem.slice(0, -suffix.length);
      break;
    }
  }
  if (stem.endsWith('e') && stem.length > 3) stem = stem.slice(0, -1);
  return stem;
}

/** Lower-cased, accent-stripped words of a text, split like the BERT pre-tokenizer (letters/digits runs). */
export function extractWords(text: string): string[] {
  const normalized = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return normalized.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Path of the repository's corpus, resolved from this script so no working directory is assumed. */
export function defaultCorpusPath(): string {
  return fileURLToPath(new URL('../corpus/trending-papers.txt', import.meta.url));
}

/** The default vocabulary: the words of corpus/trending-papers.txt (repeats kept: they set word weights). */
export function defaultVocabulary(): string[] {
  return extractWords(readFileSync(defaultCorpusPath(), 'utf8'));
}


/** Deterministic roughly-Gaussian vector (sum of uniforms: no transcendental functions, bit-stable). */
function seededVector(seed: number, key: string, dimension: number, scale = 1): number[] {
  const random = createRandom(hashString(`${seed}:${key}`));
  const out: number[] = [];
  for (let i = 0; i < dimension; i++) {
    out.push((random() + random() + random() + random() - 2) * scale);
  }
  return out;
}

/** Token list in id order: special tokens, suffix pieces, then the sorted distinct words. */
export function buildTestVocabulary(words: string[]): string[] {
  const reserved = new Set<string>([...TEST_MODEL_SPECIAL_TOKENS, ...TEST_MODEL_SUFFIX_PIECES]);
  const distinct = [...new Set(words.flatMap((w) => extractWords(w)))].filter((w) => !reserved.has(w)).sort();
  return [...TEST_MODEL_SPECIAL_TOKENS, ...TEST_MODEL_SUFFIX_PIECES, ...distinct];
}

/** Embedding row of one token (before float32 rounding); `count` = occurrences in the source words. */
function tokenVector(token: string, seed: number, dimension: number, count: number): number[] {
  if (token === '[PAD]') return seededVector(seed, 'special:[PAD]', dimension); // large on purpose: must be masked out
  if ((TEST_MODEL_SPECIAL_TOKENS as readonly string[]).includes(token)) {
    return seededVector(seed, `special:${token}`, dimension, SPECIAL_SCALE);
  }
  if (token.startsWith('##')) return seededVector(seed, `piece:${token}`, dimension, 0.5);
  const stem = seededVector(seed, `stem:${stemWord(token)}`, dimension);
  const noise = seededVector(seed, `word:${token}`, dimension, WORD_NOISE);
  const weight = STOPWORDS.has(token) ? STOPWORD_SCALE : 1 / Math.sqrt(1 + count / FREQUENCY_DAMPING);
  return stem.map((v, i) => (v + (noise[i] ?? 0)) * weight);
}

function float32Bytes(values: Float32Array): Uint8Array {
  // Explicit little-endian so the file is identical on any host.
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

function tensorType(elemType: number, dims: Array<string | number>) {
  return {
    tensorType: {
      elemType,
      shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
    },
  };
}

function buildOnnxModel(vocabSize: number, dimension: number, wordTable: Float32Array, typeTable: Float32Array): Uint8Array {
  const INT64 = onnx.TensorProto.DataType.INT64;
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const graph: import('onnx-proto').onnx.IGraphProto = {
    name: 'paper-scout-test-model',
    node: [
      { opType: 'Gather', name: 'word_gather', input: [WORD_EMBEDDINGS_NAME, 'input_ids'], output: ['word_states'],
        attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
      { opType: 'Gather', name: 'type_gather', input: [TOKEN_TYPE_EMBEDDINGS_NAME, 'token_type_ids'], output: ['type_states'],
        attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
      { opType: 'Add', name: 'sum', input: ['word_states', 'type_states'], output: ['last_hidden_state'] },
    ],
    initializer: [
      { name: WORD_EMBEDDINGS_NAME, dataType: FLOAT, dims: [vocabSize, dimension], rawData: float32Bytes(wordTable) },
      { name: TOKEN_TYPE_EMBEDDINGS_NAME, dataType: FLOAT, dims: [2, dimension], rawData: float32Bytes(typeTable) },
    ],
    input: [
      { name: 'input_ids', type: tensorType(INT64, ['batch_size', 'sequence_length']) },
      { name: 'attention_mask', type: tensorType(INT64, ['batch_size', 'sequence_length']) },
      { name: 'token_type_ids', type: tensorType(INT64, ['batch_size', 'sequence_length']) },
    ],
    output: [{ name: 'last_hidden_state', type: tensorType(FLOAT, ['batch_size', 'sequence_length', dimension]) }],
  };
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'paper-scout',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

function jsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
}

function buildTokenizerJson(vocab: string[]): unknown {
  const ids: Record<string, number> = {};
  vocab.forEach((token, id) => {
    ids[token] = id;
  });
  const special = (token: string) => ({ id: token, ids: [ids[token]], tokens: [token] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: TEST_MODEL_SPECIAL_TOKENS.map((content, id) => ({
      id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
}

/**
 * Builds the model files in memory, keyed by path relative to the model folder
 * (`config.json`, `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx`, `onnx/model_quantized.onnx`).
 * Pure and deterministic: the same options give byte-identical files.
 */
export function buildTestModelFiles(options: TestModelOptions = {}): Map<string, Uint8Array> {
  const dimension = options.dimension ?? TEST_MODEL_DIMENSION;
  if (!Number.isInteger(dimension) || dimension < 1) {
    throw new Error(`test model: option "dimension" must be a positive integer, got ${String(dimension)}`);
  }
  const seed = options.seed ?? 1;
  const words = (options.vocabulary ?? defaultVocabulary()).flatMap((w) => extractWords(w));
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  const vocab = buildTestVocabulary(words);

  const wordTable = new Float32Array(vocab.length * dimension);
  vocab.forEach((token, id) => wordTable.set(tokenVector(token, seed, dimension, counts.get(token) ?? 0), id * dimension));
  const typeTable = new Float32Array(2 * dimension);
  typeTable.set(seededVector(seed, 'type:0', dimension, 0.05), 0);
  typeTable.set(seededVector(seed, 'type:1', dimension, 0.05), dimension);

  const onnxBytes = buildOnnxModel(vocab.length, dimension, wordTable, typeTable);
  const config = {
    _name_or_path: 'paper-scout-test-model',
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: dimension,
    vocab_size: vocab.length,
    type_vocab_size: 2,
    max_position_embeddings: MODEL_MAX_LENGTH,
    num_attention_heads: 1,
    num_hidden_layers: 0,
    pad_token_id: 0,
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: MODEL_MAX_LENGTH,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
  };
  return new Map<string, Uint8Array>([
    ['config.json', jsonBytes(config)],
    ['tokenizer.json', jsonBytes(buildTokenizerJson(vocab))],
    ['tokenizer_config.json', jsonBytes(tokenizerConfig)],
    // The graph is plain float32; the "quantized" name is what transformers.js loads by default.
    ['onnx/model.onnx', onnxBytes],
    ['onnx/model_quantized.onnx', onnxBytes],
  ]);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readIfExists(file: string): Promise<Uint8Array | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Writes the test model into `dir` (the model folder itself) and returns its absolute path.
 * Files whose content hash already matches are left untouched; others are written atomically
 * (temp file + rename) so parallel test workers never read a half-written file.
 */
export async function writeTestModel(dir: string, options: TestModelOptions = {}): Promise<string> {
  const root = path.resolve(dir);
  const files = buildTestModelFiles(options);
  for (const [relative, bytes] of files) {
    const target = path.join(root, relative);
    const existing = await readIfExists(target);
    if (existing && sha256(existing) === sha256(bytes)) continue;
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, target);
  }
  return root;
}
