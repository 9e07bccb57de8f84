import * as tf from '@tensorflow/tfjs-core';
import type { ButcherTableau } from './butcher-tableau';
import { linearCombinations } from './linear-combination';

export interface StepData {
  h: number;
  y0: tf.Tensor;
  y1: tf.Tensor;
  ks: tf.Tensor[];
  /** f(t1, y1); needed by the Hermite interpolant only. */
  f1: () => tf.Tensor;
}

/**
 * States at t0 + θ·h for each θ in (0, 1) as rows [m, n] (one θ: a row of y0's shape), in one op: the
 * tableau's own continuous extension when it has one (dopri5), else the cubic Hermite interpolant
 * through (y0, f0) and (y1, f1).
 */
export function interpolate(tableau: ButcherTableau, step: StepData, thetas: number[]): tf.Tensor {
  const { h, y0, y1, ks } = step;
  const dense = tableau.denseWeights;
  if (dense) {
    const weights = thetas.map((th) => [1, ...dense(th).map((w) => h * w)]);
    const rows = weights[0].length > ks.length + 1 ? [y0, ...ks, step.f1()] : [y0, ...ks];
    return linearCombinations(rows, weights);
  }
  const weights = thetas.map((th) => {
    const th2 = th * th;
    const th3 = th2 * th;
    // Cubic Hermite basis h00, h01, h10, h11 (HNW I, Eq. II.6.7).
    return [2 * th3 - 3 * th2 + 1, -2 * th3 + 3 * th2, h * (th3 - 2 * th2 + th), h * (th3 - th2)];
  });
  return linearCombinations([y0, y1, ks[0], step.f1()], weights);
}
