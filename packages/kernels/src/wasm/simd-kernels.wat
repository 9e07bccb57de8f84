;; tfode's WebAssembly SIMD kernels. They run on tfjs-backend-wasm's own memory (imported), so they
;; read and write tensors where the backend keeps them. Pointers are byte offsets; counts are elements.
;; Activation codes: 0 linear, 1 tanh, 2 sigmoid, 3 relu.
(module
  (import "env" "memory" (memory 0))

  ;; tanh of four lanes, float32, within a few ulp of the correctly rounded value:
  ;; tanh|x| = −expm1(z) / (expm1(z) + 2) with z = −2|x| clamped to −18 (tanh rounds to 1 beyond 9),
  ;; expm1(z) = 2ⁿ·expm1(r) + (2ⁿ − 1) with n = round(z / ln 2) and r = z − n·ln 2 (Cody–Waite, two
  ;; parts), expm1(r) by its Taylor series to r⁷ (|r| ≤ ln2/2). The sign of x is put back last, so
  ;; −0 stays −0, NaN stays NaN and ±Inf gives ±1.
  (func $tanh4 (param $x v128) (result v128)
    (local $z v128) (local $n v128) (local $r v128) (local $p v128) (local $s v128) (local $e v128)
    (local.set $z (f32x4.max
      (f32x4.mul (f32x4.abs (local.get $x)) (f32x4.splat (f32.const -2)))
      (f32x4.splat (f32.const -18))))
    (local.set $n (f32x4.nearest (f32x4.mul (local.get $z) (f32x4.splat (f32.const 1.4426950408889634)))))
    (local.set $r (f32x4.sub
      (f32x4.sub (local.get $z) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 0.693145751953125))))
      (f32x4.mul (local.get $n) (f32x4.splat (f32.const 1.428606765330187e-06)))))
    ;; p = expm1(r) = r + r²·(1/2 + r·(1/6 + r·(1/24 + r·(1/120 + r·(1/720 + r/5040)))))
    (local.set $p (f32x4.add (f32x4.splat (f32.const 1.388888888888889e-03))
      (f32x4.mul (local.get $r) (f32x4.splat (f32.const 1.984126984126984e-04)))))
    (local.set $p (f32x4.add (f32x4.splat (f32.const 8.333333333333333e-03)) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (f32x4.splat (f32.const 4.1666666666666664e-02)) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (f32x4.splat (f32.const 0.16666666666666666)) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (f32x4.splat (f32.const 0.5)) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (local.get $r) (f32x4.mul (f32x4.mul (local.get $r) (local.get $r)) (local.get $p))))
    ;; s = 2ⁿ, built in the exponent bits (n ∈ [−26, 0])
    (local.set $s (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (i32x4.splat (i32.const 127))) (i32.const 23)))
    (local.set $e (f32x4.add (f32x4.mul (local.get $s) (local.get $p)) (f32x4.sub (local.get $s) (f32x4.splat (f32.const 1)))))
    (v128.or
      (f32x4.abs (f32x4.div (local.get $e) (f32x4.add (local.get $e) (f32x4.splat (f32.const 2)))))
      (v128.and (local.get $x) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))))

  ;; y[i] = tanh(x[i]), i < n (in place when x = y).
  (func (export "tanh") (param $x i32) (param $y i32) (param $n i32)
    (local $end i32) (local $end4 i32)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done4 (loop $four
      (br_if $done4 (i32.ge_u (local.get $x) (local.get $end4)))
      (v128.store (local.get $y) (call $tanh4 (v128.load (local.get $x))))
      (local.set $x (i32.add (local.get $x) (i32.const 16)))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (br $four)))
    (block $done (loop $one
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (f32.store (local.get $y) (f32x4.extract_lane 0 (call $tanh4 (f32x4.splat (f32.load (local.get $x))))))
      (local.set $x (i32.add (local.get $x) (i32.const 4)))
      (local.set $y (i32.add (local.get $y) (i32.const 4)))
      (br $one))))

  ;; dy·act′ written through the activation's output y: tanh 1 − y², sigmoid y(1 − y), relu [y > 0].
  (func $actGrad4 (param $y v128) (param $dy v128) (param $act i32) (result v128)
    (if (result v128) (i32.eq (local.get $act) (i32.const 1))
      (then (f32x4.mul (local.get $dy) (f32x4.sub (f32x4.splat (f32.const 1)) (f32x4.mul (local.get $y) (local.get $y)))))
      (else (if (result v128) (i32.eq (local.get $act) (i32.const 2))
        (then (f32x4.mul (local.get $dy) (f32x4.mul (local.get $y) (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $y)))))
        (else (if (result v128) (i32.eq (local.get $act) (i32.const 3))
          (then (v128.and (local.get $dy) (f32x4.gt (local.get $y) (f32x4.splat (f32.const 0)))))
          (else (local.get $dy))))))))

  ;; g[i] = dy[i]·act′ at y[i], i < n.
  (func (export "activationGrad") (param $y i32) (param $dy i32) (param $g i32) (param $n i32) (param $act i32)
    (local $end i32) (local $end4 i32)
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done4 (loop $four
      (br_if $done4 (i32.ge_u (local.get $y) (local.get $end4)))
      (v128.store (local.get $g) (call $actGrad4 (v128.load (local.get $y)) (v128.load (local.get $dy)) (local.get $act)))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (br $four)))
    (block $done (loop $one
      (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
      (f32.store (local.get $g) (f32x4.extract_lane 0
        (call $actGrad4 (f32x4.splat (f32.load (local.get $y))) (f32x4.splat (f32.load (local.get $dy))) (local.get $act))))
      (local.set $y (i32.add (local.get $y) (i32.const 4)))
      (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
      (local.set $g (i32.add (local.get $g) (i32.const 4)))
      (br $one))))

  ;; out[j] = Σ_i dy[i, j]·act′ at y[i, j] over a rows × cols block: a bias gradient.
  (func (export "biasGrad") (param $y i32) (param $dy i32) (param $out i32) (param $rows i32) (param $cols i32) (param $act i32)
    (local $j i32) (local $i i32) (local $at i32) (local $stride i32) (local $acc v128) (local $sum f32) (local $cols4 i32)
    (local.set $stride (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $cols4 (i32.and (local.get $cols) (i32.const -4)))
    (block $doneCols4 (loop $cols4Loop
      (br_if $doneCols4 (i32.ge_u (local.get $j) (local.get $cols4)))
      (local.set $acc (v128.const i32x4 0 0 0 0))
      (local.set $at (i32.shl (local.get $j) (i32.const 2)))
      (local.set $i (i32.const 0))
      (block $doneRows (loop $rowsLoop
        (br_if $doneRows (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $acc (f32x4.add (local.get $acc) (call $actGrad4
          (v128.load (i32.add (local.get $y) (local.get $at)))
          (v128.load (i32.add (local.get $dy) (local.get $at))) (local.get $act))))
        (local.set $at (i32.add (local.get $at) (local.get $stride)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowsLoop)))
      (v128.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))) (local.get $acc))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $cols4Loop)))
    (block $doneCols (loop $colsLoop
      (br_if $doneCols (i32.ge_u (local.get $j) (local.get $cols)))
      (local.set $sum (f32.const 0))
      (local.set $at (i32.shl (local.get $j) (i32.const 2)))
      (local.set $i (i32.const 0))
      (block $doneRows1 (loop $rowsLoop1
        (br_if $doneRows1 (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $sum (f32.add (local.get $sum) (f32x4.extract_lane 0 (call $actGrad4
          (f32x4.splat (f32.load (i32.add (local.get $y) (local.get $at))))
          (f32x4.splat (f32.load (i32.add (local.get $dy) (local.get $at)))) (local.get $act)))))
        (local.set $at (i32.add (local.get $at) (local.get $stride)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowsLoop1)))
      (f32.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))) (local.get $sum))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $colsLoop))))

  ;; dst[j, i] = src[i, j] for i0 ≤ i < i1, j0 ≤ j < j1 of a rows × cols float32 matrix, one value at a time.
  (func $transposeBlock (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (param $i0 i32) (param $i1 i32) (param $j0 i32) (param $j1 i32)
    (local $i i32) (local $j i32)
    (local.set $i (local.get $i0))
    (block $doneRows (loop $rowsLoop
      (br_if $doneRows (i32.ge_u (local.get $i) (local.get $i1)))
      (local.set $j (local.get $j0))
      (block $doneCols (loop $colsLoop
        (br_if $doneCols (i32.ge_u (local.get $j) (local.get $j1)))
        (f32.store
          (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 2)))
          (f32.load (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 2)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $colsLoop)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rowsLoop))))

  ;; dst = srcᵀ for a rows × cols float32 matrix: 4 × 4 tiles by lane shuffles, the edges one value at a time.
  (func (export "transpose") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $i i32) (local $j i32) (local $rows4 i32) (local $cols4 i32) (local $from i32) (local $to i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $rows4 (i32.and (local.get $rows) (i32.const -4)))
    (local.set $cols4 (i32.and (local.get $cols) (i32.const -4)))
    (block $doneRows (loop $rowsLoop
      (br_if $doneRows (i32.ge_u (local.get $i) (local.get $rows4)))
      (local.set $j (i32.const 0))
      (block $doneCols (loop $colsLoop
        (br_if $doneCols (i32.ge_u (local.get $j) (local.get $cols4)))
        (local.set $from (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 2))))
        (local.set $r0 (v128.load (local.get $from)))
        (local.set $from (i32.add (local.get $from) (i32.shl (local.get $cols) (i32.const 2))))
        (local.set $r1 (v128.load (local.get $from)))
        (local.set $from (i32.add (local.get $from) (i32.shl (local.get $cols) (i32.const 2))))
        (local.set $r2 (v128.load (local.get $from)))
        (local.set $from (i32.add (local.get $from) (i32.shl (local.get $cols) (i32.const 2))))
        (local.set $r3 (v128.load (local.get $from)))
        (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
        (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
        (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
        (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
        (local.set $to (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 2))))
        (v128.store (local.get $to) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
        (local.set $to (i32.add (local.get $to) (i32.shl (local.get $rows) (i32.const 2))))
        (v128.store (local.get $to) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
        (local.set $to (i32.add (local.get $to) (i32.shl (local.get $rows) (i32.const 2))))
        (v128.store (local.get $to) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
        (local.set $to (i32.add (local.get $to) (i32.shl (local.get $rows) (i32.const 2))))
        (v128.store (local.get $to) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $colsLoop)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $rowsLoop)))
    (call $transposeBlock (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols) (i32.const 0) (local.get $rows4) (local.get $cols4) (local.get $cols))
    (call $transposeBlock (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols) (local.get $rows4) (local.get $rows) (i32.const 0) (local.get $cols)))

  ;; Copies n0 × n1 × n2 runs of `len` bytes from src to dst, each side with its own byte strides: the
  ;; layout of a slice, a concat input or a split output reduced to at most three outer axes.
  (func (export "copyRuns") (param $src i32) (param $dst i32) (param $len i32)
    (param $n0 i32) (param $n1 i32) (param $n2 i32)
    (param $s0 i32) (param $s1 i32) (param $s2 i32) (param $d0 i32) (param $d1 i32) (param $d2 i32)
    (local $i0 i32) (local $i1 i32) (local $i2 i32)
    (block $done0 (loop $loop0
      (br_if $done0 (i32.ge_u (local.get $i0) (local.get $n0)))
      (local.set $i1 (i32.const 0))
      (block $done1 (loop $loop1
        (br_if $done1 (i32.ge_u (local.get $i1) (local.get $n1)))
        (local.set $i2 (i32.const 0))
        (block $done2 (loop $loop2
          (br_if $done2 (i32.ge_u (local.get $i2) (local.get $n2)))
          (memory.copy
            (i32.add (local.get $dst) (i32.add (i32.mul (local.get $i0) (local.get $d0))
              (i32.add (i32.mul (local.get $i1) (local.get $d1)) (i32.mul (local.get $i2) (local.get $d2)))))
            (i32.add (local.get $src) (i32.add (i32.mul (local.get $i0) (local.get $s0))
              (i32.add (i32.mul (local.get $i1) (local.get $s1)) (i32.mul (local.get $i2) (local.get $s2)))))
            (local.get $len))
          (local.set $i2 (i32.add (local.get $i2) (i32.const 1)))
          (br $loop2)))
        (local.set $i1 (i32.add (local.get $i1) (i32.const 1)))
        (br $loop1)))
      (local.set $i0 (i32.add (local.get $i0) (i32.const 1)))
      (br $loop0))))
  ;; Adds n0 × n1 × n2 runs of `len` bytes of float32 values from src into dst, strides as copyRuns: the
  ;; scatter-add of a patch gradient back onto the image.
  (func (export "addRuns") (param $src i32) (param $dst i32) (param $len i32)
    (param $n0 i32) (param $n1 i32) (param $n2 i32)
    (param $s0 i32) (param $s1 i32) (param $s2 i32) (param $d0 i32) (param $d1 i32) (param $d2 i32)
    (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $from i32) (local $to i32) (local $end i32) (local $end4 i32)
    (block $done0 (loop $loop0
      (br_if $done0 (i32.ge_u (local.get $i0) (local.get $n0)))
      (local.set $i1 (i32.const 0))
      (block $done1 (loop $loop1
        (br_if $done1 (i32.ge_u (local.get $i1) (local.get $n1)))
        (local.set $i2 (i32.const 0))
        (block $done2 (loop $loop2
          (br_if $done2 (i32.ge_u (local.get $i2) (local.get $n2)))
          (local.set $from (i32.add (local.get $src) (i32.add (i32.mul (local.get $i0) (local.get $s0))
            (i32.add (i32.mul (local.get $i1) (local.get $s1)) (i32.mul (local.get $i2) (local.get $s2))))))
          (local.set $to (i32.add (local.get $dst) (i32.add (i32.mul (local.get $i0) (local.get $d0))
            (i32.add (i32.mul (local.get $i1) (local.get $d1)) (i32.mul (local.get $i2) (local.get $d2))))))
          (local.set $end (i32.add (local.get $from) (local.get $len)))
          (local.set $end4 (i32.add (local.get $from) (i32.and (local.get $len) (i32.const -16))))
          (block $doneFour (loop $four
            (br_if $doneFour (i32.ge_u (local.get $from) (local.get $end4)))
            (v128.store (local.get $to) (f32x4.add (v128.load (local.get $to)) (v128.load (local.get $from))))
            (local.set $from (i32.add (local.get $from) (i32.const 16)))
            (local.set $to (i32.add (local.get $to) (i32.const 16)))
            (br $four)))
          (block $doneOne (loop $one
            (br_if $doneOne (i32.ge_u (local.get $from) (local.get $end)))
            (f32.store (local.get $to) (f32.add (f32.load (local.get $to)) (f32.load (local.get $from))))
            (local.set $from (i32.add (local.get $from) (i32.const 4)))
            (local.set $to (i32.add (local.get $to) (i32.const 4)))
            (br $one)))
          (local.set $i2 (i32.add (local.get $i2) (i32.const 1)))
          (br $loop2)))
        (local.set $i1 (i32.add (local.get $i1) (i32.const 1)))
        (br $loop1)))
      (local.set $i0 (i32.add (local.get $i0) (i32.const 1)))
      (br $loop0))))

  ;; Sets `bytes` bytes at dst to zero.
  (func (export "zero") (param $dst i32) (param $bytes i32)
    (memory.fill (local.get $dst) (i32.const 0) (local.get $bytes)))
  ;; dst[i] += c·src[i], i < n: one term of a weighted sum of Runge–Kutta stages, or of its gradient.
  (func (export "addScaled") (param $src i32) (param $dst i32) (param $n i32) (param $c f32)
    (local $end i32) (local $end4 i32) (local $cs v128)
    (local.set $cs (f32x4.splat (local.get $c)))
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $end4 (i32.add (local.get $src) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done4 (loop $four
      (br_if $done4 (i32.ge_u (local.get $src) (local.get $end4)))
      (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $dst)) (f32x4.mul (local.get $cs) (v128.load (local.get $src)))))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (br $four)))
    (block $done (loop $one
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (f32.store (local.get $dst) (f32.add (f32.load (local.get $dst)) (f32.mul (local.get $c) (f32.load (local.get $src)))))
      (local.set $src (i32.add (local.get $src) (i32.const 4)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
      (br $one))))
)
