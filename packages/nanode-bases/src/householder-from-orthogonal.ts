import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from './errors';
import type { ReflectionSign } from './householder';

export interface HouseholderFactors {
  /** u_1 … u_k as rows, shape [k, n]: k = n, or n − 1 when n is even and det Q = −1. */
  u: tf.Tensor2D;
  s: ReflectionSign;
}

/** Row-major n×n matrix in float64, reduced in place by left reflections. */
type Matrix = Float64Array;

function reflectFromLeft(a: Matrix, n: number, u: Float64Array): void {
  let uu = 0;
  for (let i = 0; i < n; i++) uu += u[i] * u[i];
  for (let c = 0; c < n; c++) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += u[i] * a[i * n + c];
    const factor = (2 * dot) / uu;
    for (let i = 0; i < n; i++) a[i * n + c] -= factor * u[i];
  }
}

/**
 * Householder QR of an orthogonal Q: reflections u_1 … u_{n−1} with H(u_{n−1})…H(u_1)·Q =
 * diag(1, …, 1, c). Each u_j maps column j onto +‖x‖e_j, using Golub & Van Loan's cancellation-free
 * form of x_j − ‖x‖; when the column already is +‖x‖e_j it reflects along e_n instead, which leaves
 * e_1 … e_j fixed (u must be nonzero).
 */
function reduceToDiagonal(a: Matrix, n: number): { vectors: Float64Array[]; lastSign: number } {
  const vectors: Float64Array[] = [];
  for (let j = 0; j + 1 < n; j++) {
    let below = 0;
    for (let i = j + 1; i < n; i++) below += a[i * n + j] ** 2;
    const head = a[j * n + j];
    const u = new Float64Array(n);
    if (below === 0 && head > 0) {
      u[n - 1] = 1;
    } else {
      const norm = Math.sqrt(head * head + below);
      for (let i = j + 1; i < n; i++) u[i] = a[i * n + j];
      u[j] = head <= 0 ? head - norm : -below / (head + norm);
    }
    reflectFromLeft(a, n, u);
    vectors.push(u);
  }
  return { vectors, lastSign: Math.sign(a[n * n - 1]) };
}

function requireOrthogonal(values: ArrayLike<number>, n: number, tolerance: number): void {
  let worst = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += values[i * n + r] * values[i * n + c];
      worst = Math.max(worst, Math.abs(dot - (r === c ? 1 : 0)));
    }
  }
  if (!(worst <= tolerance)) {
    throw new InvalidArgumentError(
      `Q is not orthogonal: max |QᵀQ − I| = ${worst} > ${tolerance}; orthonormalize it first (e.g. tf.linalg.qr) or raise tolerance`,
    );
  }
}

/**
 * Householder vectors U and sign s with householderProduct(U, s) = Q for any orthogonal Q — the
 * surjectivity of NANODE §2.5 Lemma 1, made constructive.
 *
 * det(s·H(u_1)…H(u_k)) = s^n·(−1)^k, so with k = n reflections every Q is reachable when n is odd
 * (s = −det Q) but only det Q = +1 when n is even; there a Q with det −1 gets k = n − 1, s = 1.
 */
export function householderFromOrthogonal(q: tf.Tensor2D, tolerance = 1e-4): HouseholderFactors {
  if (q.rank !== 2 || q.shape[0] !== q.shape[1] || q.shape[0] === 0) {
    throw new InvalidArgumentError(`Q must be a square, non-empty 2-D tensor, got shape [${q.shape}]`);
  }
  const n = q.shape[0];
  const values = q.dataSync();
  requireOrthogonal(values, n, tolerance);
  let s: ReflectionSign = 1;
  let reduced = reduceToDiagonal(Float64Array.from(values), n);
  if (n % 2 === 1 && reduced.lastSign > 0) {
    s = -1; // det Q = +1 in odd n: −Q has det −1 and so takes exactly n reflections
    reduced = reduceToDiagonal(Float64Array.from(values, (v) => -v), n);
  }
  const vectors = reduced.vectors;
  if (reduced.lastSign < 0) {
    const flip = new Float64Array(n);
    flip[n - 1] = 1;
    vectors.push(flip);
  }
  const flat = new Float32Array(vectors.length * n);
  vectors.forEach((u, i) => flat.set(u, i * n));
  return { u: tf.tensor2d(flat, [vectors.length, n]), s };
}
