;; Hamming distances of 1-bit codes with 128-bit SIMD (source of hamming-wasm.ts; `npm run build-wasm`).
;; Memory holds the query code, the histogram, the codes and the distances; the caller (hamming-simd.ts) lays them out.
(module
  (memory (export "memory") 1)

  ;; For each slot 0..size-1: distance = popcount(code XOR query) over `stride` bytes (a multiple of 16, at most
  ;; 496 so a byte lane never exceeds 255) into the u16 at distances + 2·slot, and histogram[distance] += 1 (u32).
  (func (export "hamming")
    (param $codes i32) (param $query i32) (param $stride i32) (param $size i32)
    (param $distances i32) (param $histogram i32)
    (local $slot i32) (local $at i32) (local $k i32) (local $acc v128) (local $sum v128) (local $h i32) (local $cell i32)
    (local.set $at (local.get $codes))
    (block $done
      (loop $slots
        (br_if $done (i32.ge_u (local.get $slot) (local.get $size)))
        (local.set $acc (v128.const i64x2 0 0))
        (local.set $k (i32.const 0))
        (loop $chunks
          ;; Bits set per byte, summed per byte lane.
          (local.set $acc
            (i8x16.add (local.get $acc)
              (i8x16.popcnt
                (v128.xor
                  (v128.load (i32.add (local.get $at) (local.get $k)))
                  (v128.load (i32.add (local.get $query) (local.get $k)))))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $chunks (i32.lt_u (local.get $k) (local.get $stride))))
        ;; 16 byte lanes → 8 → 4, then the 4 lanes added.
        (local.set $sum (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $acc))))
        (local.set $h
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $sum)) (i32x4.extract_lane 1 (local.get $sum)))
            (i32.add (i32x4.extract_lane 2 (local.get $sum)) (i32x4.extract_lane 3 (local.get $sum)))))
        (i32.store16 (i32.add (local.get $distances) (i32.shl (local.get $slot) (i32.const 1))) (local.get $h))
        (local.set $cell (i32.add (local.get $histogram) (i32.shl (local.get $h) (i32.const 2))))
        (i32.store (local.get $cell) (i32.add (i32.load (local.get $cell)) (i32.const 1)))
        (local.set $at (i32.add (local.get $at) (local.get $stride)))
        (local.set $slot (i32.add (local.get $slot) (i32.const 1)))
        (br $slots))))
)
