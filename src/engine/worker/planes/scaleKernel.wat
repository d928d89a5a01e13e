;; The vertical pass of core/yuv/resample.ts in WebAssembly SIMD (f32x4): line[i] += w * src[i] for one source row.
;; Assembled by `node scripts/wasm/build.mjs` (wabt) into scaleKernelBytes.ts; a unit test checks that they agree.
;; Memory is the caller's (imported): `line` is f32, `src` u8 (rowAdd8) or u16 little-endian (rowAdd16); n is a count
;; of samples; pointers are byte offsets, line 16-byte aligned. The tail (n mod 4) is done one sample at a time.
(module
  (import "env" "memory" (memory 1))
  (func (export "rowAdd8") (param $line i32) (param $src i32) (param $n i32) (param $w f32)
    (local $i i32) (local $end4 i32) (local $wv v128)
    (local.set $wv (f32x4.splat (local.get $w)))
    (local.set $end4 (i32.and (local.get $n) (i32.const -4)))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $i) (local.get $end4)))
        (v128.store
          (i32.add (local.get $line) (i32.shl (local.get $i) (i32.const 2)))
          (f32x4.add
            (v128.load (i32.add (local.get $line) (i32.shl (local.get $i) (i32.const 2))))
            (f32x4.mul
              (local.get $wv)
              (f32x4.convert_i32x4_u
                (i32x4.extend_low_i16x8_u
                  (i16x8.extend_low_i8x16_u
                    (v128.load32_zero (i32.add (local.get $src) (local.get $i)))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $i) (local.get $n)))
        (f32.store
          (i32.add (local.get $line) (i32.shl (local.get $i) (i32.const 2)))
          (f32.add
            (f32.load (i32.add (local.get $line) (i32.shl (local.get $i) (i32.const 2))))
            (f32.mul (local.get $w) (f32.convert_i32_u (i32.load8_u (i32.add (local.get $src) (local.get $i)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))
  (func (export "rowAdd16") (param $line i32) (param $src i32) (param $n i32) (param $w f32)
    (local $i i32) (local $end4 i32) (local $wv v128)
    (local.set $wv (f32x4.splat (local.get $w)))
    (local.set $end4 (i32.and (local.get $n) (i32.const -4)))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $i) (local.get $end4)))
        (v128.store
          (i32.add (local.get $line) (i32.shl (local.get $i) (i32.const 2)))
          (f32x4.add
            (v128.load (i32.add (local.get $line) (i32.shl (local.get $i) (i32.const 2))))
            (f32x4.mul
              (local.get $wv)
              (f32x4.convert_i32x4_u
                (i32x4.extend_low_i16x8_u
                  (v128.load64_zero (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 1)))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $i) (local.get $n)))
        (f32.store
          (i32.add (local.get $line) (i32.shl (local.get $i) (i32.const 2)))
          (f32.add
            (f32.load (i32.add (local.get $line) (i32.shl (local.get $i) (i32.const 2))))
            (f32.mul
              (local.get $w)
              (f32.convert_i32_u (i32.load16_u (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 1))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail)))))
