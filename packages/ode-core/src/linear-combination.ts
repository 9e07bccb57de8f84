import * as tf from '@tensorflow/tfjs-core';

/**
 * Rows longer than this combine by scaled adds: wasm's matMul repacks its [k, n] right operand on
 * every call (measured for 7 rows: 27 µs against 38 µs for mul + addN at n = 512, but 398 µs against
 * 70 µs at n = 16 384; the costs cross near n = 1000).
 */
const matMulMaxWidth = 1024;

/**
 * Σ_i coeffs[i]·rows[i] for [1, n] rows, skipping zero coefficients. Short rows with more than two
 * terms use one concat and one matMul, so a Runge–Kutta stage costs a fixed few ops however many
 * earlier stages it combines (the solver's hot path is op count, not flops); long rows use
 * scaled adds.
 */
export function linearCombination(rows: tf.Tensor2D[], coeffs: number[]): tf.Tensor2D {
  const used: number[] = [];
  coeffs.forEach((c, i) => {
    if (c !== 0) used.push(i);
  });
  if (used.length === 0) return tf.zerosLike(rows[0]);
  if (used.length <= 2 || rows[0].shape[1] > matMulMaxWidth) {
    const terms = used.map((i) => (coeffs[i] === 1 ? rows[i] : tf.mul(rows[i], coeffs[i])));
    if (terms.length === 1) return terms[0] as tf.Tensor2D;
    return (terms.length === 2 ? tf.add(terms[0], terms[1]) : tf.addN(terms)) as tf.Tensor2D;
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
