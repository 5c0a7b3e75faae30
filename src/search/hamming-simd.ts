/**
 * The vector index's steps beyond its exact size in WebAssembly with 128-bit SIMD (wasm/hamming.wat): the Hamming
 * scan (XOR, per-byte popcount and widening pairwise adds compare 16 bytes of code per instruction, where JavaScript
 * takes a dozen integer operations per 4 bytes), the asymmetric estimates (table lookups without bounds checks) and
 * the exact dot products (two f64 lanes). Each sums in the JavaScript code's order, so results are identical. The
 * codes live in the module's memory, so the index writes them there directly.
 * Unavailable (null) when the runtime has no WebAssembly SIMD or the code length does not suit the module; the
 * index then keeps its JavaScript code.
 */
import { HAMMING_WASM_BASE64 } from './wasm/hamming-wasm.js';

/** Codes in WebAssembly memory and the SIMD distance scan over them. */
export interface SimdHamming {
  /** The codes' storage for at least `slots` codes, keeping those already written; a new view after growth. */
  reserve(slots: number): Int32Array;
  /**
   * Hamming distances of codes 0..size−1 to `query` (views into the module's memory, valid until the next call):
   * per slot, and counted per distance (`histogram`, words × 32 + 2 entries).
   */
  scan(query: Int32Array, size: number): { distances: Uint16Array; histogram: Uint32Array };
  /**
   * Exact dot products of `query` with the vectors of `slots`, passed to `score` in order: the same numbers as the
   * JavaScript scan. Undefined when the dimension is not a multiple of 4.
   */
  /**
   * Asymmetric estimates of the codes of `slots` (≤ the stored codes) from `table` (per code byte position, 256 f32
   * sums): the same numbers as the JavaScript loop. A view valid until the next call.
   */
  estimates(table: Float32Array, slots: Uint32Array): Float64Array;
  dots?(query: Float32Array, vectors: readonly Float32Array[], slots: Uint32Array, score: (slot: number, value: number) => void): void;
}

// The project's TypeScript libraries (ES2023 + Node) do not declare WebAssembly: the few members used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

interface HammingExports {
  memory: WasmMemory;
  hamming(codes: number, query: number, stride: number, size: number, distances: number, histogram: number): void;
  dots(vectors: number, query: number, dimension: number, count: number, out: number): void;
  estimates(codes: number, bytes: number, table: number, slots: number, count: number, out: number): void;
}

const PAGE = 65_536;
// The module sums bit counts per byte lane, 16 bytes at a time: at most 31 chunks keep a lane ≤ 248.
const MAX_WORDS = 31 * 4;
// Vectors copied into the module's memory per call of `dots` (small enough to stay in the CPU cache).
const CHUNK = 64;

const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | null | undefined;

/** The compiled module, or null when this runtime cannot run it (no WebAssembly, or no SIMD). */
function hammingModule(): object | null {
  if (compiled === undefined) {
    const bytes = Buffer.from(HAMMING_WASM_BASE64, 'base64');
    compiled = wasmApi && wasmApi.validate(bytes) ? new wasmApi.Module(bytes) : null;
  }
  return compiled;
}

/** Whether this runtime can run the SIMD scan. */
export function simdHammingAvailable(): boolean {
  return hammingModule() !== null;
}

/**
 * A SIMD scan for codes of `words` 32-bit words (and dot products of `dimension`-float vectors), or null when
 * unavailable for them (see the module comment).
 */
export function createSimdHamming(words: number, dimension = 0): SimdHamming | null {
  const module = words % 4 === 0 && words <= MAX_WORDS ? hammingModule() : null;
  if (!module) return null;
  const wasm = new wasmApi!.Instance(module).exports as unknown as HammingExports;
  const stride = words * 4;
  // Layout: query code, histogram, then the codes and after them the distances (moved as the codes grow).
  const queryAt = 0;
  const histogramAt = align(queryAt + stride);
  const histogramLength = words * 32 + 2;
  // Dot products: the query, a chunk of vectors, their scores.
  const dotsWork = dimension > 0 && dimension % 4 === 0;
  const floatsAt = align(histogramAt + histogramLength * 4);
  const scoresAt = align(floatsAt + (dotsWork ? (CHUNK + 1) * dimension * 4 : 0));
  const codesAt = align(scoresAt + (dotsWork ? CHUNK * 8 : 0));
  let capacity = 0;
  const memoryFor = (bytes: number) => {
    const have = wasm.memory.buffer.byteLength;
    if (bytes > have) wasm.memory.grow(Math.ceil((bytes - have) / PAGE));
  };
  memoryFor(codesAt);

  const dots: SimdHamming['dots'] = (query, vectors, slots, score) => {
    const buffer = wasm.memory.buffer;
    const floats = new Float32Array(buffer, floatsAt, (CHUNK + 1) * dimension);
    const scores = new Float64Array(buffer, scoresAt, CHUNK);
    floats.set(query);
    const vectorsAt = floatsAt + dimension * 4;
    for (let start = 0; start < slots.length; start += CHUNK) {
      const count = Math.min(CHUNK, slots.length - start);
      for (let j = 0; j < count; j++) floats.set(vectors[slots[start + j] as number] as Float32Array, (j + 1) * dimension);
      wasm.dots(vectorsAt, floatsAt, dimension, count, scoresAt);
      for (let j = 0; j < count; j++) score(slots[start + j] as number, scores[j] as number);
    }
  };

  return {
    ...(dotsWork ? { dots } : {}),
    reserve(slots) {
      if (slots > capacity) {
        // Codes, then distances (u16), the estimate table, slots (u32) and estimates (f64): no growth during a search.
        memoryFor(codesAt + slots * (stride + 2 + 4 + 8) + stride * 1024 + 64);
        capacity = slots;
      }
      return new Int32Array(wasm.memory.buffer, codesAt, capacity * words);
    },
    scan(query, size) {
      if (size > capacity) throw new Error(`vector index: ${size} codes asked for, ${capacity} stored`);
      const buffer = wasm.memory.buffer;
      new Int32Array(buffer, queryAt, words).set(query);
      const histogram = new Uint32Array(buffer, histogramAt, histogramLength);
      histogram.fill(0);
      const distancesAt = codesAt + capacity * stride;
      wasm.hamming(codesAt, queryAt, stride, size, distancesAt, histogramAt);
      return { distances: new Uint16Array(buffer, distancesAt, size), histogram };
    },
    estimates(table, slots) {
      if (slots.length > capacity) throw new Error(`vector index: ${slots.length} estimates asked for, ${capacity} codes stored`);
      const buffer = wasm.memory.buffer;
      const tableAt = align(codesAt + capacity * (stride + 2));
      const slotsAt = align(tableAt + stride * 1024);
      const outAt = align(slotsAt + capacity * 4);
      new Float32Array(buffer, tableAt, stride * 256).set(table);
      new Uint32Array(buffer, slotsAt, slots.length).set(slots);
      wasm.estimates(codesAt, stride, tableAt, slotsAt, slots.length, outAt);
      return new Float64Array(buffer, outAt, slots.length);
    },
  };
}

/** `at` rounded up to a multiple of 16 (aligned vector loads). */
function align(at: number): number {
  return Math.ceil(at / 16) * 16;
}
