import * as tf from '@tensorflow/tfjs-core';
import type { AugmentedProblem } from './augmented-problem';

/** ⟨u, v⟩ summed over every element. */
const dot = (u: tf.Tensor, v: tf.Tensor) => tf.sum(tf.mul(u, v));

/** Identity on rows x whose gradient also reaches ts: dL/dts = timeGradient(dL/dx, x). */
function identityWithTimeGradient(
  x: tf.Tensor2D,
  ts: tf.Tensor1D,
  timeGradient: (dx: tf.Tensor2D, x: tf.Tensor2D) => tf.Tensor1D,
): tf.Tensor2D {
  return tf.customGrad((input, _ts, save) => {
    (save as tf.GradSaveFunc)([input as tf.Tensor]);
    return {
      value: tf.clone(input as tf.Tensor),
      gradFunc: (dy, saved) => [tf.clone(dy as tf.Tensor), timeGradient(dy as tf.Tensor2D, saved[0] as tf.Tensor2D)],
    };
  })(x, ts) as tf.Tensor2D;
}

/**
 * Identity on y0 (as a row) that routes a gradient to ts[0]: moving the start time with y0 fixed shifts
 * the whole trajectory, dL/dt0 = −⟨dL/dy0, f(t0, y0)⟩, with dL/dy0 the total cotangent of y0.
 */
export function withStartTimeGradient(problem: AugmentedProblem, y0Row: tf.Tensor2D, ts: tf.Tensor1D, times: number[]) {
  return identityWithTimeGradient(y0Row, ts, (dRow, row) => {
    const dt0 = tf.neg(dot(dRow, problem.zDerivative(times[0], row)));
    return tf.concat([tf.reshape(dt0, [1]), tf.zeros([times.length - 1])]);
  });
}

/**
 * Identity on the output rows [T, n] that routes gradients to the output times: dL/dt_i = ⟨dL/dz(t_i),
 * f(t_i, z(t_i))⟩ for i ≥ 1, and for ∫_{t0}^{tN} ℓ dt: +⟨dI, ℓ(t_N)⟩ on t_N and −⟨dI, ℓ(t_0)⟩ on t_0.
 */
export function withOutputTimeGradients(problem: AugmentedProblem, rows: tf.Tensor2D, ts: tf.Tensor1D, times: number[]) {
  const zSize = problem.zLayout.size;
  const { integralSize } = problem;
  return identityWithTimeGradient(rows, ts, (dRows, outputs) => {
    const zAt = (i: number) => tf.slice(outputs, [i, 0], [1, zSize]) as tf.Tensor2D;
    const perTime = times.map((t, i) => {
      if (i === 0) return tf.scalar(0);
      return dot(tf.slice(dRows, [i, 0], [1, zSize]), problem.zDerivative(t, zAt(i)));
    });
    if (integralSize > 0) {
      const last = times.length - 1;
      const dI = tf.slice(dRows, [last, zSize], [1, integralSize]);
      perTime[last] = tf.add(perTime[last], dot(dI, problem.integrandRow(times[last], zAt(last))));
      perTime[0] = tf.sub(perTime[0], dot(dI, problem.integrandRow(times[0], zAt(0))));
    }
    return tf.stack(perTime) as tf.Tensor1D;
  });
}
