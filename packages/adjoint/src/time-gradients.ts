import * as tf from '@tensorflow/tfjs-core';
import type { AugmentedProblem } from './augmented-problem';

/** ⟨u, v⟩ summed over every element. */
const dot = (u: tf.Tensor, v: tf.Tensor) => tf.sum(tf.mul(u, v));

/**
 * Identity on y0 (as a row) that routes a gradient to ts[0]: moving the start time with y0 fixed shifts
 * the whole trajectory, dL/dt0 = −⟨dL/dy0, f(t0, y0)⟩, with dL/dy0 the total cotangent of y0.
 */
export function withStartTimeGradient(problem: AugmentedProblem, y0Row: tf.Tensor2D, ts: tf.Tensor1D, times: number[]) {
  return tf.customGrad((row, tsInput, save) => {
    (save as tf.GradSaveFunc)([row as tf.Tensor]);
    return {
      value: tf.clone(row as tf.Tensor),
      gradFunc: (dy, saved) => {
        const dRow = dy as tf.Tensor2D;
        const f0 = problem.zLayout.toRow(problem.f(times[0], problem.zLayout.fromRow(saved[0] as tf.Tensor2D)), 'f');
        const dt0 = tf.neg(dot(dRow, f0));
        const dts = tf.concat([tf.reshape(dt0, [1]), tf.zeros([(tsInput as tf.Tensor).size - 1])]);
        return [tf.clone(dRow), dts];
      },
    };
  })(y0Row, ts) as tf.Tensor2D;
}

/**
 * Identity on the output rows [T, n] that routes gradients to the output times: dL/dt_i = ⟨dL/dz(t_i),
 * f(t_i, z(t_i))⟩ for i ≥ 1, and for ∫_{t0}^{tN} ℓ dt: +⟨dI, ℓ(t_N)⟩ on t_N and −⟨dI, ℓ(t_0)⟩ on t_0.
 */
export function withOutputTimeGradients(problem: AugmentedProblem, rows: tf.Tensor2D, ts: tf.Tensor1D, times: number[]) {
  const zSize = problem.zLayout.size;
  const integralSize = problem.layout.size - zSize;
  return tf.customGrad((outputs, tsInput, save) => {
    (save as tf.GradSaveFunc)([outputs as tf.Tensor]);
    return {
      value: tf.clone(outputs as tf.Tensor),
      gradFunc: (dy, saved) => {
        const dRows = dy as tf.Tensor2D;
        const rowsSaved = saved[0] as tf.Tensor2D;
        const zAt = (i: number) => problem.zLayout.fromRow(tf.slice(rowsSaved, [i, 0], [1, zSize]) as tf.Tensor2D);
        const perTime = times.map((t, i) => {
          if (i === 0) return tf.scalar(0);
          const f = problem.zLayout.toRow(problem.f(t, zAt(i)), 'f');
          return dot(tf.slice(dRows, [i, 0], [1, zSize]), f);
        });
        if (problem.integralLoss && integralSize > 0) {
          const last = times.length - 1;
          const dI = tf.reshape(tf.slice(dRows, [last, zSize], [1, integralSize]), problem.integralShape!);
          perTime[last] = tf.add(perTime[last], dot(dI, problem.integralLoss(times[last], zAt(last))));
          perTime[0] = tf.sub(perTime[0], dot(dI, problem.integralLoss(times[0], zAt(0))));
        }
        return [tf.clone(dRows), tf.stack(perTime) as tf.Tensor1D];
      },
    };
  })(rows, ts) as tf.Tensor2D;
}
