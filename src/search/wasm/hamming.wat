;; The vector index's code scan, estimates and dot products with 128-bit SIMD (source of hamming-wasm.ts; `npm run build-wasm`).
;; The caller (hamming-simd.ts) lays out the memory: query, histogram, codes, distances and the other buffers.
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

  ;; Dot products of `count` vectors of `dimension` floats (a multiple of 4), stored one after another from
  ;; `vectors`, with the query at `query`, as f64 into `out`: the same sums as the JavaScript `dot` (products of the
  ;; f32 values in f64, dimensions 4i+j summed in accumulator j, then ((d0 + d1) + d2) + d3), so the same scores.
  (func (export "dots")
    (param $vectors i32) (param $query i32) (param $dimension i32) (param $count i32) (param $out i32)
    (local $n i32) (local $at i32) (local $bytes i32) (local $k i32) (local $lo v128) (local $hi v128)
    (local.set $bytes (i32.shl (local.get $dimension) (i32.const 2)))
    (local.set $at (local.get $vectors))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $n) (local.get $count)))
        (local.set $lo (v128.const i64x2 0 0))
        (local.set $hi (v128.const i64x2 0 0))
        (local.set $k (i32.const 0))
        (loop $dims
          (local.set $lo (f64x2.add (local.get $lo)
            (f64x2.mul
              (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $at) (local.get $k))))
              (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $query) (local.get $k)))))))
          (local.set $hi (f64x2.add (local.get $hi)
            (f64x2.mul
              (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (i32.add (local.get $at) (local.get $k))))
              (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (i32.add (local.get $query) (local.get $k)))))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $dims (i32.lt_u (local.get $k) (local.get $bytes))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3)))
          (f64.add
            (f64.add
              (f64.add (f64x2.extract_lane 0 (local.get $lo)) (f64x2.extract_lane 1 (local.get $lo)))
              (f64x2.extract_lane 0 (local.get $hi)))
            (f64x2.extract_lane 1 (local.get $hi))))
        (local.set $at (i32.add (local.get $at) (local.get $bytes)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $each))))

  ;; Asymmetric estimates of the codes of `count` slots (u32 at `slots`): per code byte p (of `bytes`, even), the f32
  ;; table[p][byte] summed in f64, even positions and odd positions apart, then added, as the JavaScript `estimate`
  ;; does, so the same estimates; into f64 at `out`.
  (func (export "estimates")
    (param $codes i32) (param $bytes i32) (param $table i32) (param $slots i32) (param $count i32) (param $out i32)
    (local $n i32) (local $at i32) (local $p i32) (local $e0 f64) (local $e1 f64) (local $row i32)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $n) (local.get $count)))
        (local.set $at (i32.add (local.get $codes)
          (i32.mul (i32.load (i32.add (local.get $slots) (i32.shl (local.get $n) (i32.const 2)))) (local.get $bytes))))
        (local.set $e0 (f64.const 0))
        (local.set $e1 (f64.const 0))
        (local.set $p (i32.const 0))
        (local.set $row (local.get $table))
        (loop $positions
          (local.set $e0 (f64.add (local.get $e0) (f64.promote_f32 (f32.load
            (i32.add (local.get $row) (i32.shl (i32.load8_u (i32.add (local.get $at) (local.get $p))) (i32.const 2)))))))
          (local.set $e1 (f64.add (local.get $e1) (f64.promote_f32 (f32.load offset=1024
            (i32.add (local.get $row) (i32.shl (i32.load8_u offset=1 (i32.add (local.get $at) (local.get $p))) (i32.const 2)))))))
          (local.set $row (i32.add (local.get $row) (i32.const 2048)))
          (local.set $p (i32.add (local.get $p) (i32.const 2)))
          (br_if $positions (i32.lt_u (local.get $p) (local.get $bytes))))
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))) (f64.add (local.get $e0) (local.get $e1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $each))))
)
