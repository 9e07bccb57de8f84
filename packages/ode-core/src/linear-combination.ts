import * as tf from '@tensorflow/tfjs-core';

/**
 * Σ_i coeffs[i]·rows[i] for [1, n] rows, skipping zero coefficients. Up to two terms use elementwise
 * ops; more use one concat and one matMul, so a Runge–Kutta stage costs a fixed few ops however many
 * earlier stages it combines (the solver's hot path is op count, not flops).
 */
export function linearCombination(rows: tf.Tensor2D[], coeffs: number[]): tf.Tensor2D {
  const used: number[] = [];
  coeffs.forEach((c, i) => {
    if (c !== 0) used.push(i);
  });
  if (used.length === 0) return tf.zerosLike(rows[0]);
  if (used.length <= 2) {
    const terms = used.map((i) => (coeffs[i] === 1 ? rows[i] : tf.mul(rows[i], coeffs[i])));
    return (terms.length === 1 ? terms[0] : tf.add(terms[0], terms[1])) as tf.Tensor2D;
  }
  const weights = tf.tensor2d(used.map((i) => coeffs[i]), [1, used.length]);
  return tf.matMul(weights, tf.concat(used.map((i) => rows[i]), 0));
}

/** Several combinations of the same rows at once: weights [m × rows.length] → [m, n]. */
export function linearCombinations(rows: tf.Tensor2D[], weights: number[][]): tf.Tensor2D {
  if (weights.length === 1) return linearCombination(rows, weights[0]);
  const flat = weights.flat();
  return tf.matMul(tf.tensor2d(flat, [weights.length, rows.length]), tf.concat(rows, 0));
}
