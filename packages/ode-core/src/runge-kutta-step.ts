import * as tf from '@tensorflow/tfjs-core';
import type { ButcherTableau } from './butcher-tableau';
import { linearCombination } from './linear-combination';

/** f on a solve's rows: (t, y) → dy/dt of y's shape (a [1, n] row, or a single tensor state's own shape). */
export type RowField = (t: number, y: tf.Tensor) => tf.Tensor;

export interface RungeKuttaStep {
  y1: tf.Tensor;
  /** The stage derivatives k_1…k_s (for FSAL methods k_s = f(t + h, y1)). */
  ks: tf.Tensor[];
  /** h·Σ bError_i k_i, when the tableau has an embedded pair. */
  error?: tf.Tensor;
}

/** One explicit Runge–Kutta step from (t, y0) with step h, given k1 = f(t, y0). */
export function rungeKuttaStep(
  tableau: ButcherTableau,
  f: RowField,
  t: number,
  y0: tf.Tensor,
  h: number,
  k1: tf.Tensor,
): RungeKuttaStep {
  const { a, b, c, bError, fsal } = tableau;
  const stages = c.length;
  const rows = [y0, k1];
  let y1: tf.Tensor | undefined;
  for (let i = 1; i < stages; i++) {
    // Stage input y0 + h·Σ_j a_ij k_j (HNW I, Eq. II.1.8).
    const yi = linearCombination(rows, [1, ...a[i].map((aij) => h * aij)]);
    if (fsal && i === stages - 1) y1 = yi;
    // The last FSAL stage sits exactly at t + h: use it, not t + c·h, so its time matches t1 to the bit.
    rows.push(f(fsal && i === stages - 1 ? t + h : t + c[i] * h, yi));
  }
  const ks = rows.slice(1);
  if (!y1) y1 = linearCombination(rows, [1, ...b.map((bi) => h * bi)]);
  const error = bError ? linearCombination(ks, bError.map((e) => h * e)) : undefined;
  return { y1, ks, error };
}
