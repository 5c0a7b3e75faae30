/** Typed-array helpers of the keyword index. */

/** A copy of `array` with room for at least `needed` items (25% headroom), new items set to `fill`. */
export function grow<T extends Uint32Array | Uint16Array | Int32Array | Float32Array | Float64Array>(array: T, needed: number, fill = 0): T {
  const next = new (array.constructor as new (n: number) => T)(Math.max(needed, Math.ceil(array.length * 1.25), 16));
  next.set(array);
  if (fill !== 0) next.fill(fill, array.length);
  return next;
}

/** Index of `value` among `sorted[from..to)` (ascending), or -1. */
export function findSorted(sorted: Uint32Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
