/**
 * The Hamming step of the vector index in WebAssembly with 128-bit SIMD (wasm/hamming.wat): XOR, per-byte popcount
 * and widening pairwise adds compare 16 bytes of code per instruction, where JavaScript takes a dozen integer
 * operations per 4 bytes. The codes live in the module's memory, so the index writes them there directly.
 * Unavailable (null) when the runtime has no WebAssembly SIMD or the code length does not suit the module; the
 * index then keeps its JavaScript scan, which gives the same distances.
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
}

const PAGE = 65_536;
// The module sums bit counts per byte lane, 16 bytes at a time: at most 31 chunks keep a lane ≤ 248.
const MAX_WORDS = 31 * 4;

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

/** A SIMD scan for codes of `words` 32-bit words, or null when unavailable for them (see the module comment). */
export function createSimdHamming(words: number): SimdHamming | null {
  const module = words % 4 === 0 && words <= MAX_WORDS ? hammingModule() : null;
  if (!module) return null;
  const wasm = new wasmApi!.Instance(module).exports as unknown as HammingExports;
  const stride = words * 4;
  // Layout: query code, histogram, then the codes and after them the distances (moved as the codes grow).
  const queryAt = 0;
  const histogramAt = align(queryAt + stride);
  const histogramLength = words * 32 + 2;
  const codesAt = align(histogramAt + histogramLength * 4);
  let capacity = 0;

  return {
    reserve(slots) {
      if (slots > capacity) {
        const needed = codesAt + slots * stride + slots * 2;
        const have = wasm.memory.buffer.byteLength;
        if (needed > have) wasm.memory.grow(Math.ceil((needed - have) / PAGE));
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
  };
}

/** `at` rounded up to a multiple of 16 (aligned vector loads). */
function align(at: number): number {
  return Math.ceil(at / 16) * 16;
}
