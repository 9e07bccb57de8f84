;; tfode's WebAssembly SIMD kernels. They run on tfjs-backend-wasm's own memory (imported), so they
;; read and write tensors where the backend keeps them. Pointers are byte offsets; counts are elements.
;; Activation codes: 0 linear, 1 tanh, 2 sigmoid, 3 relu.
;; f32x4.madd with operands a b c is c + a·b, not a WebAssembly instruction: scripts/compile-wat.mjs writes it out as
;; (f32x4.add c (f32x4.mul a b)) for engines with fixed-width SIMD only, and as relaxed SIMD's
;; f32x4.relaxed_madd (one fused multiply–add where the CPU has one) for those that have relaxed SIMD.
(module
  (import "env" "memory" (memory 0))

  ;; y[i] = tanh(x[i]) for 16·blocks values (in place when x = y), float32, within 2 ulp of the correctly rounded value:
  ;; tanh|x| = −expm1(z) / (expm1(z) + 2) with z = −2u, u = |x| clamped to 9 (tanh rounds to 1 beyond),
  ;; expm1(z) = 2ⁿ·expm1(r) + (2ⁿ − 1) with n = round(z / ln 2) and r = z − n·ln 2 (Cody–Waite, two
  ;; parts, each one multiply–add), expm1(r) = r + r²·P(r) with P of degree 4 fitted for the least largest
  ;; relative error on |r| ≤ ln2/2 (1.3e-8, as the Taylor series to r⁷; scripts/fit-expm1.py). n and 2ⁿ come from one
  ;; multiply–add: in t = u·(−2/ln2) + (1.5·2²³ + 127), whose unit in the last place is 1, the float
  ;; t − (1.5·2²³ + 127) is n rounded and the low bits of t's pattern hold n + 127, which a shift by 23
  ;; moves into the exponent of 2ⁿ. The sign of x is put back last, so −0 stays −0, NaN stays NaN and
  ;; ±Inf gives ±1. 21 operations a vector (25 with the Taylor series and separate products): 19 -> 16 µs
  ;; on 16 384 values with relaxed SIMD, 2 ulp with fused and with separate multiply–adds. |x| and the
  ;; clamp are an andnot with the sign mask and f32x4.pmin (9 < u ? 9 : u, so NaN stays NaN), one machine
  ;; instruction each where f32x4.abs and f32x4.min take two and seven in V8 (min orders NaN and ±0 both
  ;; ways): a tanh op on 256×64 values 19.8 -> 15.8 µs (best of 30, four alternations).
  ;; Four vectors side by side (their dependency chains overlap) and the constants splatted once per
  ;; call, into locals: 1.7× faster than splatting them at every use. The caller pads the last block.
  (func (export "tanh16") (param $x i32) (param $y i32) (param $blocks i32)
    (local $end i32) (local $m2 v128) (local $nine v128) (local $m2log2e v128) (local $magic v128) (local $mln2hi v128) (local $mln2lo v128) (local $c6 v128) (local $c5 v128) (local $c4 v128) (local $c3 v128) (local $c2 v128) (local $one v128) (local $two v128) (local $sign v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $u0 v128) (local $u1 v128) (local $u2 v128) (local $u3 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128) (local $n0 v128) (local $n1 v128) (local $n2 v128) (local $n3 v128) (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128) (local $p0 v128) (local $p1 v128) (local $p2 v128) (local $p3 v128) (local $e0 v128) (local $e1 v128) (local $e2 v128) (local $e3 v128)
    (local.set $m2 (f32x4.splat (f32.const -2))) ;; −2
    (local.set $nine (f32x4.splat (f32.const 9))) ;; clamp of |x|
    (local.set $m2log2e (f32x4.splat (f32.const -2.8853900817779268))) ;; −2/ln 2
    (local.set $magic (f32x4.splat (f32.const 12583039))) ;; 1.5·2²³ + 127
    (local.set $mln2hi (f32x4.splat (f32.const -0.693145751953125))) ;; −ln 2, high part
    (local.set $mln2lo (f32x4.splat (f32.const -1.428606765330187e-06))) ;; −ln 2, low part
    (local.set $c6 (f32x4.splat (f32.const 0.0013882486382499337)))
    (local.set $c5 (f32x4.splat (f32.const 0.00836650189012289)))
    (local.set $c4 (f32x4.splat (f32.const 0.04166720062494278)))
    (local.set $c3 (f32x4.splat (f32.const 0.1666654348373413)))
    (local.set $c2 (f32x4.splat (f32.const 0.4999999701976776))) ;; P(r) = c2 + r·(c3 + r·(c4 + r·(c5 + r·c6)))
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $two (f32x4.splat (f32.const 2)))
    (local.set $sign (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $blocks) (i32.const 6))))
    (block $done (loop $block
      (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
      (local.set $x0 (v128.load offset=0 (local.get $x)))
      (local.set $x1 (v128.load offset=16 (local.get $x)))
      (local.set $x2 (v128.load offset=32 (local.get $x)))
      (local.set $x3 (v128.load offset=48 (local.get $x)))
      (local.set $u0 (f32x4.pmin (v128.andnot (local.get $x0) (local.get $sign)) (local.get $nine)))
      (local.set $u1 (f32x4.pmin (v128.andnot (local.get $x1) (local.get $sign)) (local.get $nine)))
      (local.set $u2 (f32x4.pmin (v128.andnot (local.get $x2) (local.get $sign)) (local.get $nine)))
      (local.set $u3 (f32x4.pmin (v128.andnot (local.get $x3) (local.get $sign)) (local.get $nine)))
      ;; t = u·(−2/ln 2) + magic: n = t − magic, and 2ⁿ = t's pattern shifted by 23
      (local.set $t0 (f32x4.madd (local.get $u0) (local.get $m2log2e) (local.get $magic)))
      (local.set $t1 (f32x4.madd (local.get $u1) (local.get $m2log2e) (local.get $magic)))
      (local.set $t2 (f32x4.madd (local.get $u2) (local.get $m2log2e) (local.get $magic)))
      (local.set $t3 (f32x4.madd (local.get $u3) (local.get $m2log2e) (local.get $magic)))
      (local.set $n0 (f32x4.sub (local.get $t0) (local.get $magic)))
      (local.set $n1 (f32x4.sub (local.get $t1) (local.get $magic)))
      (local.set $n2 (f32x4.sub (local.get $t2) (local.get $magic)))
      (local.set $n3 (f32x4.sub (local.get $t3) (local.get $magic)))
      (local.set $t0 (i32x4.shl (local.get $t0) (i32.const 23)))
      (local.set $t1 (i32x4.shl (local.get $t1) (i32.const 23)))
      (local.set $t2 (i32x4.shl (local.get $t2) (i32.const 23)))
      (local.set $t3 (i32x4.shl (local.get $t3) (i32.const 23)))
      ;; r = z − n·ln 2 in two parts
      (local.set $r0 (f32x4.madd (local.get $n0) (local.get $mln2hi) (f32x4.mul (local.get $u0) (local.get $m2))))
      (local.set $r1 (f32x4.madd (local.get $n1) (local.get $mln2hi) (f32x4.mul (local.get $u1) (local.get $m2))))
      (local.set $r2 (f32x4.madd (local.get $n2) (local.get $mln2hi) (f32x4.mul (local.get $u2) (local.get $m2))))
      (local.set $r3 (f32x4.madd (local.get $n3) (local.get $mln2hi) (f32x4.mul (local.get $u3) (local.get $m2))))
      (local.set $r0 (f32x4.madd (local.get $n0) (local.get $mln2lo) (local.get $r0)))
      (local.set $r1 (f32x4.madd (local.get $n1) (local.get $mln2lo) (local.get $r1)))
      (local.set $r2 (f32x4.madd (local.get $n2) (local.get $mln2lo) (local.get $r2)))
      (local.set $r3 (f32x4.madd (local.get $n3) (local.get $mln2lo) (local.get $r3)))
      ;; p = expm1(r) = r + r²·P(r)
      (local.set $p0 (f32x4.madd (local.get $r0) (local.get $c6) (local.get $c5)))
      (local.set $p1 (f32x4.madd (local.get $r1) (local.get $c6) (local.get $c5)))
      (local.set $p2 (f32x4.madd (local.get $r2) (local.get $c6) (local.get $c5)))
      (local.set $p3 (f32x4.madd (local.get $r3) (local.get $c6) (local.get $c5)))
      (local.set $p0 (f32x4.madd (local.get $r0) (local.get $p0) (local.get $c4)))
      (local.set $p1 (f32x4.madd (local.get $r1) (local.get $p1) (local.get $c4)))
      (local.set $p2 (f32x4.madd (local.get $r2) (local.get $p2) (local.get $c4)))
      (local.set $p3 (f32x4.madd (local.get $r3) (local.get $p3) (local.get $c4)))
      (local.set $p0 (f32x4.madd (local.get $r0) (local.get $p0) (local.get $c3)))
      (local.set $p1 (f32x4.madd (local.get $r1) (local.get $p1) (local.get $c3)))
      (local.set $p2 (f32x4.madd (local.get $r2) (local.get $p2) (local.get $c3)))
      (local.set $p3 (f32x4.madd (local.get $r3) (local.get $p3) (local.get $c3)))
      (local.set $p0 (f32x4.madd (local.get $r0) (local.get $p0) (local.get $c2)))
      (local.set $p1 (f32x4.madd (local.get $r1) (local.get $p1) (local.get $c2)))
      (local.set $p2 (f32x4.madd (local.get $r2) (local.get $p2) (local.get $c2)))
      (local.set $p3 (f32x4.madd (local.get $r3) (local.get $p3) (local.get $c2)))
      (local.set $p0 (f32x4.madd (f32x4.mul (local.get $r0) (local.get $r0)) (local.get $p0) (local.get $r0)))
      (local.set $p1 (f32x4.madd (f32x4.mul (local.get $r1) (local.get $r1)) (local.get $p1) (local.get $r1)))
      (local.set $p2 (f32x4.madd (f32x4.mul (local.get $r2) (local.get $r2)) (local.get $p2) (local.get $r2)))
      (local.set $p3 (f32x4.madd (f32x4.mul (local.get $r3) (local.get $r3)) (local.get $p3) (local.get $r3)))
      ;; e = expm1(z) = 2ⁿ·p + (2ⁿ − 1); tanh x = sign(x)·|e / (e + 2)|
      (local.set $e0 (f32x4.madd (local.get $t0) (local.get $p0) (f32x4.sub (local.get $t0) (local.get $one))))
      (local.set $e1 (f32x4.madd (local.get $t1) (local.get $p1) (f32x4.sub (local.get $t1) (local.get $one))))
      (local.set $e2 (f32x4.madd (local.get $t2) (local.get $p2) (f32x4.sub (local.get $t2) (local.get $one))))
      (local.set $e3 (f32x4.madd (local.get $t3) (local.get $p3) (f32x4.sub (local.get $t3) (local.get $one))))
      (v128.store offset=0 (local.get $y) (v128.or (v128.andnot (f32x4.div (local.get $e0) (f32x4.add (local.get $e0) (local.get $two))) (local.get $sign)) (v128.and (local.get $x0) (local.get $sign))))
      (v128.store offset=16 (local.get $y) (v128.or (v128.andnot (f32x4.div (local.get $e1) (f32x4.add (local.get $e1) (local.get $two))) (local.get $sign)) (v128.and (local.get $x1) (local.get $sign))))
      (v128.store offset=32 (local.get $y) (v128.or (v128.andnot (f32x4.div (local.get $e2) (f32x4.add (local.get $e2) (local.get $two))) (local.get $sign)) (v128.and (local.get $x2) (local.get $sign))))
      (v128.store offset=48 (local.get $y) (v128.or (v128.andnot (f32x4.div (local.get $e3) (f32x4.add (local.get $e3) (local.get $two))) (local.get $sign)) (v128.and (local.get $x3) (local.get $sign))))
      (local.set $x (i32.add (local.get $x) (i32.const 64)))
      (local.set $y (i32.add (local.get $y) (i32.const 64)))
      (br $block))))

  ;; g[i] = dy[i]·act′ at y[i], i < n: four values a step while four remain, then one (as lane 0 of a
  ;; splat). The formula is inline (a call per vector cost as much as the arithmetic) and its branch on
  ;; the activation is the same at every step. tanh (a field's hidden layers) first runs eight values a
  ;; step with no branch in the loop (4.9 -> 2.9 µs on 16 384 values), the rest as the others.
  (func (export "activationGrad") (param $y i32) (param $dy i32) (param $g i32) (param $n i32) (param $act i32)
    (local $end i32) (local $pairsEnd i32) (local $whole i32) (local $yv v128) (local $dyv v128) (local $gv v128) (local $one v128) (local $zero v128)
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $zero (f32x4.splat (f32.const 0)))
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 2))))
    (if (i32.eq (local.get $act) (i32.const 1)) (then
      (local.set $pairsEnd (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
      (block $donePairs (loop $pairs
        (br_if $donePairs (i32.ge_u (local.get $y) (local.get $pairsEnd)))
        (local.set $yv (v128.load (local.get $y)))
        (v128.store (local.get $g) (f32x4.mul (v128.load (local.get $dy)) (f32x4.sub (local.get $one) (f32x4.mul (local.get $yv) (local.get $yv)))))
        (local.set $yv (v128.load offset=16 (local.get $y)))
        (v128.store offset=16 (local.get $g) (f32x4.mul (v128.load offset=16 (local.get $dy)) (f32x4.sub (local.get $one) (f32x4.mul (local.get $yv) (local.get $yv)))))
        (local.set $y (i32.add (local.get $y) (i32.const 32)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 32)))
        (local.set $g (i32.add (local.get $g) (i32.const 32)))
        (br $pairs)))))
    (block $done (loop $step
      (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
      (local.set $whole (i32.ge_u (i32.sub (local.get $end) (local.get $y)) (i32.const 16)))
      (if (local.get $whole)
        (then (local.set $yv (v128.load (local.get $y))) (local.set $dyv (v128.load (local.get $dy))))
        (else (local.set $yv (f32x4.splat (f32.load (local.get $y)))) (local.set $dyv (f32x4.splat (f32.load (local.get $dy))))))
      (local.set $gv
        (if (result v128) (i32.eq (local.get $act) (i32.const 1))
          (then (f32x4.mul (local.get $dyv) (f32x4.sub (local.get $one) (f32x4.mul (local.get $yv) (local.get $yv)))))
          (else (if (result v128) (i32.eq (local.get $act) (i32.const 2))
            (then (f32x4.mul (local.get $dyv) (f32x4.mul (local.get $yv) (f32x4.sub (local.get $one) (local.get $yv)))))
            (else (if (result v128) (i32.eq (local.get $act) (i32.const 3))
              (then (v128.and (local.get $dyv) (f32x4.gt (local.get $yv) (local.get $zero))))
              (else (local.get $dyv))))))))
      (if (local.get $whole)
        (then
          (v128.store (local.get $g) (local.get $gv))
          (local.set $y (i32.add (local.get $y) (i32.const 16)))
          (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
          (local.set $g (i32.add (local.get $g) (i32.const 16))))
        (else
          (f32.store (local.get $g) (f32x4.extract_lane 0 (local.get $gv)))
          (local.set $y (i32.add (local.get $y) (i32.const 4)))
          (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
          (local.set $g (i32.add (local.get $g) (i32.const 4)))))
      (br $step))))

;; The adaptive solvers' error measure in one pass over n values (HNW I, Eq. II.4.11): |y1[i]| into
  ;; y1Abs and Σ_i (e[i] / (atol + rtol·max(y0Abs[i], |y1[i]|)))² into out[0]. Scalar float32 operations,
  ;; each rounded as tfjs's Abs, Maximum, Multiply, Add, RealDiv and Square kernels round it, and the sum
  ;; taken in order from 0 as its Sum kernel takes it: the same bits (a vector sum would reorder it).
  (func (export "errorSquares") (param $e i32) (param $y0Abs i32) (param $y1 i32) (param $y1Abs i32) (param $n i32) (param $rtol f32) (param $atol f32) (param $out i32)
    (local $end i32) (local $sum f32) (local $abs f32) (local $ratio f32)
    (local.set $end (i32.add (local.get $e) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $e) (local.get $end)))
      (local.set $abs (f32.abs (f32.load (local.get $y1))))
      (f32.store (local.get $y1Abs) (local.get $abs))
      (local.set $ratio (f32.div (f32.load (local.get $e))
        (f32.add (f32.mul (f32.max (f32.load (local.get $y0Abs)) (local.get $abs)) (local.get $rtol)) (local.get $atol))))
      (local.set $sum (f32.add (local.get $sum) (f32.mul (local.get $ratio) (local.get $ratio))))
      (local.set $e (i32.add (local.get $e) (i32.const 4)))
      (local.set $y0Abs (i32.add (local.get $y0Abs) (i32.const 4)))
      (local.set $y1 (i32.add (local.get $y1) (i32.const 4)))
      (local.set $y1Abs (i32.add (local.get $y1Abs) (i32.const 4)))
      (br $each)))
    (f32.store (local.get $out) (local.get $sum)))

  ;; out[j] = Σ_i src[i, j] over a rows × cols matrix, row by row (a bias gradient).
  (func (export "columnSums") (param $src i32) (param $out i32) (param $rows i32) (param $cols i32)
    (local $i i32) (local $j i32) (local $cols4 i32) (local $row i32) (local $at i32)
    (local.set $cols4 (i32.and (local.get $cols) (i32.const -4)))
    (memory.fill (local.get $out) (i32.const 0) (i32.shl (local.get $cols) (i32.const 2)))
    (block $doneRows (loop $rowsLoop
      (br_if $doneRows (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $row (i32.add (local.get $src) (i32.shl (i32.mul (local.get $i) (local.get $cols)) (i32.const 2))))
      (local.set $j (i32.const 0))
      (block $doneCols4 (loop $cols4Loop
        (br_if $doneCols4 (i32.ge_u (local.get $j) (local.get $cols4)))
        (local.set $at (i32.shl (local.get $j) (i32.const 2)))
        (v128.store (i32.add (local.get $out) (local.get $at))
          (f32x4.add (v128.load (i32.add (local.get $out) (local.get $at))) (v128.load (i32.add (local.get $row) (local.get $at)))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $cols4Loop)))
      (block $doneCols (loop $colsLoop
        (br_if $doneCols (i32.ge_u (local.get $j) (local.get $cols)))
        (local.set $at (i32.shl (local.get $j) (i32.const 2)))
        (f32.store (i32.add (local.get $out) (local.get $at))
          (f32.add (f32.load (i32.add (local.get $out) (local.get $at))) (f32.load (i32.add (local.get $row) (local.get $at)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $colsLoop)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rowsLoop))))

  ;; relu as tfjs's reference computes it, x < 0 ? 0 : x (so NaN and −0 pass through), when $relu is set.
  (func $relu4 (param $x v128) (param $relu i32) (result v128)
    (if (result v128) (local.get $relu)
      (then (f32x4.pmax (local.get $x) (v128.const i32x4 0 0 0 0)))
      (else (local.get $x))))

  ;; The first `cols` columns (cols % 8 = 0) of out = a·b for out [m×n] and b [k×n] row-major, any m; a is
  ;; m×k read through element strides: a[i, r] at a + 4·(i·rowStride + r·depthStride), so aᵀ of a [k×m]
  ;; matrix is rowStride 1, depthStride m, with no transposed copy. Tiles of 4 × 8 outputs in eight
  ;; vectors (the last m % 4 rows in tiles of 1 × 8), summed over r in order. (For the gradients of a
  ;; dense layer, ∂w = xᵀ·g and ∂x = g·wᵀ, this is 3× faster than the backend's matMul, which packs its
  ;; right operand anew for every new tensor.) Each output starts from `start`: 0 zero, 1 bias[j] (a [n]
  ;; vector at `bias`), 2 its value in out (the sums over an earlier part of the depth); with relu, a
  ;; tile's outputs take relu4's pmax with 0 before the store (inline: a call per vector cost 5–10 %).
  (func (export "matMul") (param $a i32) (param $b i32) (param $out i32) (param $m i32) (param $n i32) (param $cols i32) (param $k i32)
    (param $rowStride i32) (param $depthStride i32) (param $bias i32) (param $start i32) (param $relu i32)
    (local $i i32) (local $j i32) (local $r i32) (local $pa i32) (local $pb i32) (local $po i32) (local $nb i32) (local $m4 i32)
    (local $row1 i32) (local $row2 i32) (local $row3 i32) (local $depth i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $row1 (i32.shl (local.get $rowStride) (i32.const 2)))
    (local.set $row2 (i32.shl (local.get $rowStride) (i32.const 3)))
    (local.set $row3 (i32.add (local.get $row1) (local.get $row2)))
    (local.set $depth (i32.shl (local.get $depthStride) (i32.const 2)))
    (local.set $m4 (i32.and (local.get $m) (i32.const -4)))
    (block $doneRows (loop $rows
      (br_if $doneRows (i32.ge_u (local.get $i) (local.get $m)))
      (local.set $j (i32.const 0))
      (block $doneCols (loop $colsLoop
        (br_if $doneCols (i32.ge_u (local.get $j) (local.get $cols)))
        (local.set $b0 (v128.const i32x4 0 0 0 0))
        (local.set $b1 (v128.const i32x4 0 0 0 0))
        (if (i32.eq (local.get $start) (i32.const 1)) (then
          (local.set $b0 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
          (local.set $b1 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))))
        (local.set $pa (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $rowStride)) (i32.const 2))))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $po (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
        (local.set $r (i32.const 0))
        (if (i32.lt_u (local.get $i) (local.get $m4))
          (then
            (if (i32.eq (local.get $start) (i32.const 2))
              (then
                (local.set $c00 (v128.load offset=0 (local.get $po)))
                (local.set $c01 (v128.load offset=16 (local.get $po)))
                (local.set $c10 (v128.load offset=0 (i32.add (local.get $po) (local.get $nb))))
                (local.set $c11 (v128.load offset=16 (i32.add (local.get $po) (local.get $nb))))
                (local.set $c20 (v128.load offset=0 (i32.add (local.get $po) (i32.shl (local.get $nb) (i32.const 1)))))
                (local.set $c21 (v128.load offset=16 (i32.add (local.get $po) (i32.shl (local.get $nb) (i32.const 1)))))
                (local.set $c30 (v128.load offset=0 (i32.add (local.get $po) (i32.mul (local.get $nb) (i32.const 3)))))
                (local.set $c31 (v128.load offset=16 (i32.add (local.get $po) (i32.mul (local.get $nb) (i32.const 3))))))
              (else
                (local.set $c00 (local.get $b0))
                (local.set $c01 (local.get $b1))
                (local.set $c10 (local.get $b0))
                (local.set $c11 (local.get $b1))
                (local.set $c20 (local.get $b0))
                (local.set $c21 (local.get $b1))
                (local.set $c30 (local.get $b0))
                (local.set $c31 (local.get $b1))))
            (block $doneDepth (loop $depthLoop
              (br_if $doneDepth (i32.ge_u (local.get $r) (local.get $k)))
              (local.set $s0 (v128.load32_splat (local.get $pa)))
              (local.set $s1 (v128.load32_splat (i32.add (local.get $pa) (local.get $row1))))
              (local.set $s2 (v128.load32_splat (i32.add (local.get $pa) (local.get $row2))))
              (local.set $s3 (v128.load32_splat (i32.add (local.get $pa) (local.get $row3))))
              (local.set $b0 (v128.load (local.get $pb)))
              (local.set $b1 (v128.load offset=16 (local.get $pb)))
              (local.set $c00 (f32x4.madd (local.get $s0) (local.get $b0) (local.get $c00)))
              (local.set $c01 (f32x4.madd (local.get $s0) (local.get $b1) (local.get $c01)))
              (local.set $c10 (f32x4.madd (local.get $s1) (local.get $b0) (local.get $c10)))
              (local.set $c11 (f32x4.madd (local.get $s1) (local.get $b1) (local.get $c11)))
              (local.set $c20 (f32x4.madd (local.get $s2) (local.get $b0) (local.get $c20)))
              (local.set $c21 (f32x4.madd (local.get $s2) (local.get $b1) (local.get $c21)))
              (local.set $c30 (f32x4.madd (local.get $s3) (local.get $b0) (local.get $c30)))
              (local.set $c31 (f32x4.madd (local.get $s3) (local.get $b1) (local.get $c31)))
              (local.set $pa (i32.add (local.get $pa) (local.get $depth)))
              (local.set $pb (i32.add (local.get $pb) (local.get $nb)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br $depthLoop)))
            (if (local.get $relu) (then
              (local.set $c00 (f32x4.pmax (local.get $c00) (v128.const i32x4 0 0 0 0)))
              (local.set $c01 (f32x4.pmax (local.get $c01) (v128.const i32x4 0 0 0 0)))
              (local.set $c10 (f32x4.pmax (local.get $c10) (v128.const i32x4 0 0 0 0)))
              (local.set $c11 (f32x4.pmax (local.get $c11) (v128.const i32x4 0 0 0 0)))
              (local.set $c20 (f32x4.pmax (local.get $c20) (v128.const i32x4 0 0 0 0)))
              (local.set $c21 (f32x4.pmax (local.get $c21) (v128.const i32x4 0 0 0 0)))
              (local.set $c30 (f32x4.pmax (local.get $c30) (v128.const i32x4 0 0 0 0)))
              (local.set $c31 (f32x4.pmax (local.get $c31) (v128.const i32x4 0 0 0 0)))))
            (v128.store offset=0 (local.get $po) (local.get $c00))
            (v128.store offset=16 (local.get $po) (local.get $c01))
            (local.set $po (i32.add (local.get $po) (local.get $nb)))
            (v128.store offset=0 (local.get $po) (local.get $c10))
            (v128.store offset=16 (local.get $po) (local.get $c11))
            (local.set $po (i32.add (local.get $po) (local.get $nb)))
            (v128.store offset=0 (local.get $po) (local.get $c20))
            (v128.store offset=16 (local.get $po) (local.get $c21))
            (local.set $po (i32.add (local.get $po) (local.get $nb)))
            (v128.store offset=0 (local.get $po) (local.get $c30))
            (v128.store offset=16 (local.get $po) (local.get $c31)))
          (else
            (local.set $c00 (local.get $b0))
            (local.set $c01 (local.get $b1))
            (if (i32.eq (local.get $start) (i32.const 2)) (then
              (local.set $c00 (v128.load offset=0 (local.get $po)))
              (local.set $c01 (v128.load offset=16 (local.get $po)))))
            (block $doneDepth1 (loop $depthLoop1
              (br_if $doneDepth1 (i32.ge_u (local.get $r) (local.get $k)))
              (local.set $s0 (v128.load32_splat (local.get $pa)))
              (local.set $c00 (f32x4.madd (local.get $s0) (v128.load (local.get $pb)) (local.get $c00)))
              (local.set $c01 (f32x4.madd (local.get $s0) (v128.load offset=16 (local.get $pb)) (local.get $c01)))
              (local.set $pa (i32.add (local.get $pa) (local.get $depth)))
              (local.set $pb (i32.add (local.get $pb) (local.get $nb)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br $depthLoop1)))
            (if (local.get $relu) (then
              (local.set $c00 (f32x4.pmax (local.get $c00) (v128.const i32x4 0 0 0 0)))
              (local.set $c01 (f32x4.pmax (local.get $c01) (v128.const i32x4 0 0 0 0)))))
            (v128.store offset=0 (local.get $po) (local.get $c00))
            (v128.store offset=16 (local.get $po) (local.get $c01))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $colsLoop)))
      (local.set $i (i32.add (local.get $i) (select (i32.const 4) (i32.const 1) (i32.lt_u (local.get $i) (local.get $m4)))))
      (br $rows))))

  ;; [Σ s0, Σ s1, Σ s2, Σ s3]: the lane sums of four vectors, each (l0 + l2) + (l1 + l3).
  (func $laneSums4 (param $s0 v128) (param $s1 v128) (param $s2 v128) (param $s3 v128) (result v128)
    (local $p01 v128) (local $p23 v128)
    (local.set $p01 (f32x4.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s0) (local.get $s1))
                               (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s0) (local.get $s1))))
    (local.set $p23 (f32x4.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $s2) (local.get $s3))
                               (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $s2) (local.get $s3))))
    (f32x4.add (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $p01) (local.get $p23))
               (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $p01) (local.get $p23))))

  ;; [v[p0], v[p1], v[p2], v[p3]]: four float32 loads into one vector.
  (func $gather4 (param $p0 i32) (param $p1 i32) (param $p2 i32) (param $p3 i32) (result v128)
    (f32x4.replace_lane 3 (f32x4.replace_lane 2 (f32x4.replace_lane 1 (f32x4.splat (f32.load (local.get $p0)))
      (f32.load (local.get $p1))) (f32.load (local.get $p2))) (f32.load (local.get $p3))))

  ;; out[i·outStride + j] = bias[j] + Σ_r a[i·aStride + r]·bT[j·k + r] for i < m, j < cols (the dot
  ;; products of a's rows with bT's, both contiguous in r): the columns of a·b that do not fill the
  ;; matMul's tiles of 8, from b's transpose, where a's rows are contiguous (a field's last layer, the
  ;; ∂input of its first). Blocks of four rows × two columns in eight vectors, so each load of a serves
  ;; two columns and each load of bT four rows (the last block repeats its last row or column and stores
  ;; only the real ones): 3× faster on 256 rows × 2 columns than one row × four columns. Each output as
  ;; before: four lanes over r (r ≡ 0‥3 mod 4) summed as laneSums4, then the last k % 4 terms, then the
  ;; bias; with relu, as matMul.
  (func (export "dotMatMul") (param $a i32) (param $aStride i32) (param $bT i32) (param $out i32) (param $outStride i32)
    (param $m i32) (param $cols i32) (param $k i32) (param $bias i32) (param $hasBias i32) (param $relu i32)
    (local $i i32) (local $j i32) (local $r i32) (local $k4 i32) (local $lastRow i32) (local $lastCol i32) (local $rowBytes i32) (local $aRowBytes i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $b0 i32) (local $b1 i32) (local $both i32)
    (local $x v128) (local $y0 v128) (local $y1 v128) (local $top v128) (local $bottom v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128) (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local.set $k4 (i32.and (local.get $k) (i32.const -4)))
    (local.set $lastRow (i32.sub (local.get $m) (i32.const 1)))
    (local.set $lastCol (i32.sub (local.get $cols) (i32.const 1)))
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 2)))
    (local.set $aRowBytes (i32.shl (local.get $aStride) (i32.const 2)))
    (block $doneRows (loop $rows
      (br_if $doneRows (i32.ge_u (local.get $i) (local.get $m)))
      (local.set $j (i32.const 0))
      (block $doneCols (loop $colsLoop
        (br_if $doneCols (i32.ge_u (local.get $j) (local.get $cols)))
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aRowBytes))))
        (local.set $a1 (i32.add (local.get $a) (i32.mul (call $minU (i32.add (local.get $i) (i32.const 1)) (local.get $lastRow)) (local.get $aRowBytes))))
        (local.set $a2 (i32.add (local.get $a) (i32.mul (call $minU (i32.add (local.get $i) (i32.const 2)) (local.get $lastRow)) (local.get $aRowBytes))))
        (local.set $a3 (i32.add (local.get $a) (i32.mul (call $minU (i32.add (local.get $i) (i32.const 3)) (local.get $lastRow)) (local.get $aRowBytes))))
        (local.set $b0 (i32.add (local.get $bT) (i32.mul (local.get $j) (local.get $rowBytes))))
        (local.set $b1 (i32.add (local.get $bT) (i32.mul (call $minU (i32.add (local.get $j) (i32.const 1)) (local.get $lastCol)) (local.get $rowBytes))))
        (local.set $s00 (v128.const i32x4 0 0 0 0))
        (local.set $s01 (v128.const i32x4 0 0 0 0))
        (local.set $s10 (v128.const i32x4 0 0 0 0))
        (local.set $s11 (v128.const i32x4 0 0 0 0))
        (local.set $s20 (v128.const i32x4 0 0 0 0))
        (local.set $s21 (v128.const i32x4 0 0 0 0))
        (local.set $s30 (v128.const i32x4 0 0 0 0))
        (local.set $s31 (v128.const i32x4 0 0 0 0))
        (local.set $r (i32.const 0))
        (block $doneDepth4 (loop $depth4
          (br_if $doneDepth4 (i32.ge_u (local.get $r) (local.get $k4)))
          (local.set $y0 (v128.load (local.get $b0)))
          (local.set $y1 (v128.load (local.get $b1)))
          (local.set $x (v128.load (local.get $a0)))
          (local.set $s00 (f32x4.madd (local.get $x) (local.get $y0) (local.get $s00)))
          (local.set $s01 (f32x4.madd (local.get $x) (local.get $y1) (local.get $s01)))
          (local.set $x (v128.load (local.get $a1)))
          (local.set $s10 (f32x4.madd (local.get $x) (local.get $y0) (local.get $s10)))
          (local.set $s11 (f32x4.madd (local.get $x) (local.get $y1) (local.get $s11)))
          (local.set $x (v128.load (local.get $a2)))
          (local.set $s20 (f32x4.madd (local.get $x) (local.get $y0) (local.get $s20)))
          (local.set $s21 (f32x4.madd (local.get $x) (local.get $y1) (local.get $s21)))
          (local.set $x (v128.load (local.get $a3)))
          (local.set $s30 (f32x4.madd (local.get $x) (local.get $y0) (local.get $s30)))
          (local.set $s31 (f32x4.madd (local.get $x) (local.get $y1) (local.get $s31)))
          (local.set $a0 (i32.add (local.get $a0) (i32.const 16)))
          (local.set $a1 (i32.add (local.get $a1) (i32.const 16)))
          (local.set $a2 (i32.add (local.get $a2) (i32.const 16)))
          (local.set $a3 (i32.add (local.get $a3) (i32.const 16)))
          (local.set $b0 (i32.add (local.get $b0) (i32.const 16)))
          (local.set $b1 (i32.add (local.get $b1) (i32.const 16)))
          (local.set $r (i32.add (local.get $r) (i32.const 4)))
          (br $depth4)))
        ;; top: rows i, i + 1 at columns j, j + 1; bottom: rows i + 2, i + 3
        (local.set $top (call $laneSums4 (local.get $s00) (local.get $s01) (local.get $s10) (local.get $s11)))
        (local.set $bottom (call $laneSums4 (local.get $s20) (local.get $s21) (local.get $s30) (local.get $s31)))
        (block $doneDepth (loop $depth
          (br_if $doneDepth (i32.ge_u (local.get $r) (local.get $k)))
          (local.set $y0 (call $gather4 (local.get $b0) (local.get $b1) (local.get $b0) (local.get $b1)))
          (local.set $top (f32x4.add (local.get $top) (f32x4.mul (call $gather4 (local.get $a0) (local.get $a0) (local.get $a1) (local.get $a1)) (local.get $y0))))
          (local.set $bottom (f32x4.add (local.get $bottom) (f32x4.mul (call $gather4 (local.get $a2) (local.get $a2) (local.get $a3) (local.get $a3)) (local.get $y0))))
          (local.set $a0 (i32.add (local.get $a0) (i32.const 4)))
          (local.set $a1 (i32.add (local.get $a1) (i32.const 4)))
          (local.set $a2 (i32.add (local.get $a2) (i32.const 4)))
          (local.set $a3 (i32.add (local.get $a3) (i32.const 4)))
          (local.set $b0 (i32.add (local.get $b0) (i32.const 4)))
          (local.set $b1 (i32.add (local.get $b1) (i32.const 4)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $depth)))
        (if (local.get $hasBias) (then
          (local.set $b0 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))
          (local.set $b1 (i32.add (local.get $bias) (i32.shl (call $minU (i32.add (local.get $j) (i32.const 1)) (local.get $lastCol)) (i32.const 2))))
          (local.set $y0 (call $gather4 (local.get $b0) (local.get $b1) (local.get $b0) (local.get $b1)))
          (local.set $top (f32x4.add (local.get $top) (local.get $y0)))
          (local.set $bottom (f32x4.add (local.get $bottom) (local.get $y0)))))
        (local.set $top (call $relu4 (local.get $top) (local.get $relu)))
        (local.set $bottom (call $relu4 (local.get $bottom) (local.get $relu)))
        (local.set $both (i32.lt_u (local.get $j) (local.get $lastCol)))
        (local.set $a0 (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $outStride)) (local.get $j)) (i32.const 2))))
        (local.set $a1 (i32.shl (local.get $outStride) (i32.const 2)))
        (call $storePair (local.get $a0) (f32x4.extract_lane 0 (local.get $top)) (f32x4.extract_lane 1 (local.get $top)) (local.get $both))
        (if (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $m)) (then
          (call $storePair (i32.add (local.get $a0) (local.get $a1)) (f32x4.extract_lane 2 (local.get $top)) (f32x4.extract_lane 3 (local.get $top)) (local.get $both))))
        (if (i32.lt_u (i32.add (local.get $i) (i32.const 2)) (local.get $m)) (then
          (call $storePair (i32.add (local.get $a0) (i32.shl (local.get $a1) (i32.const 1))) (f32x4.extract_lane 0 (local.get $bottom)) (f32x4.extract_lane 1 (local.get $bottom)) (local.get $both))))
        (if (i32.lt_u (i32.add (local.get $i) (i32.const 3)) (local.get $m)) (then
          (call $storePair (i32.add (local.get $a0) (i32.mul (local.get $a1) (i32.const 3))) (f32x4.extract_lane 2 (local.get $bottom)) (f32x4.extract_lane 3 (local.get $bottom)) (local.get $both))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $colsLoop)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $rows))))

  ;; first at po, and second after it where both is set: a row's two outputs of dotMatMul's block.
  (func $storePair (param $po i32) (param $first f32) (param $second f32) (param $both i32)
    (f32.store (local.get $po) (local.get $first))
    (if (local.get $both) (then (f32.store offset=4 (local.get $po) (local.get $second)))))

  (func $minU (param $x i32) (param $y i32) (result i32)
    (select (local.get $x) (local.get $y) (i32.lt_u (local.get $x) (local.get $y))))

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

  ;; Copies `len` bytes (a multiple of 4, the buffers apart) from src to dst: short runs in a loop of
  ;; 16-byte vectors then 4-byte words, since memory.copy costs about 70 ns a call whatever its length
  ;; (an im2col of 16 MNIST-sized images with 37 channels is 113 000 runs of 148 bytes); long ones by it.
  (func $copy (param $dst i32) (param $src i32) (param $len i32)
    (local $end i32)
    (if (i32.gt_u (local.get $len) (i32.const 512)) (then (memory.copy (local.get $dst) (local.get $src) (local.get $len)) (return)))
    (local.set $end (i32.add (local.get $src) (i32.and (local.get $len) (i32.const -16))))
    (block $done16 (loop $vectors
      (br_if $done16 (i32.ge_u (local.get $src) (local.get $end)))
      (v128.store (local.get $dst) (v128.load (local.get $src)))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (br $vectors)))
    (local.set $end (i32.add (local.get $end) (i32.and (local.get $len) (i32.const 15))))
    (block $done4 (loop $words
      (br_if $done4 (i32.ge_u (local.get $src) (local.get $end)))
      (i32.store (local.get $dst) (i32.load (local.get $src)))
      (local.set $src (i32.add (local.get $src) (i32.const 4)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
      (br $words))))

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
          (call $copy
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
