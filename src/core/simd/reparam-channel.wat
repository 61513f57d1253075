;; One output channel of a RepVGG block's deploy kernel, in place, with 128-bit SIMD:
;;   W'[o] = t3[o] · W3[o]          (f32x4: four taps per instruction)
;;   W'[o][i][1][1] += t1[o] · W1[o][i]   (the padded 1×1 kernel lands on each centre tap)
;; exactly the float32 products and sums of reparameterizeBlock (IEEE single precision,
;; round to nearest), so the result is bit-for-bit the same.
;; $k: byte address of the channel's n kernels of 9 floats; $w: byte address of its n 1×1 weights.
;; Built into reparam-channel-wasm.ts by `npm run build:wasm`.
(module
  (memory (export "memory") 1)
  (func (export "channel") (param $k i32) (param $w i32) (param $n i32) (param $t3 f32) (param $t1 f32)
    (local $p i32) (local $end i32) (local $end4 i32) (local $tv v128)
    (local.set $tv (f32x4.splat (local.get $t3)))
    (local.set $p (local.get $k))
    (local.set $end (i32.add (local.get $k) (i32.mul (local.get $n) (i32.const 36))))
    (local.set $end4 (i32.sub (local.get $end) (i32.const 12)))
    ;; four floats at a time while four remain
    (block $done4
      (loop $l4
        (br_if $done4 (i32.ge_u (local.get $p) (local.get $end4)))
        (v128.store (local.get $p) (f32x4.mul (v128.load (local.get $p)) (local.get $tv)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $l4)))
    ;; the last one to three
    (block $done1
      (loop $l1
        (br_if $done1 (i32.ge_u (local.get $p) (local.get $end)))
        (f32.store (local.get $p) (f32.mul (f32.load (local.get $p)) (local.get $t3)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $l1)))
    ;; centre taps (float 4 of every 9) plus the scaled 1×1 weights
    (local.set $p (i32.add (local.get $k) (i32.const 16)))
    (local.set $end (i32.add (local.get $w) (i32.mul (local.get $n) (i32.const 4))))
    (block $donec
      (loop $lc
        (br_if $donec (i32.ge_u (local.get $w) (local.get $end)))
        (f32.store (local.get $p) (f32.add (f32.load (local.get $p)) (f32.mul (f32.load (local.get $w)) (local.get $t1))))
        (local.set $p (i32.add (local.get $p) (i32.const 36)))
        (local.set $w (i32.add (local.get $w) (i32.const 4)))
        (br $lc)))))
