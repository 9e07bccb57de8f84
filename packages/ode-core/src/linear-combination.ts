import * as tf from '@tensorflow/tfjs-core';
import { weightedSum } from '@tfode/kernels';

/**
 * Σ_i coeffs[i]·rows[i] for [1, n] rows, skipping zero coefficients: @tfode/kernels' weightedSum, one
 * kernel each way on wasm and a fixed few tfjs ops elsewhere (the solver's hot path is op count, not flops).
 */
export function linearCombination(rows: tf.Tensor2D[], coeffs: number[]): tf.Tensor2D {
  const used: number[] = [];
  coeffs.forEach((c, i) => {
    if (c !== 0) used.push(i);
  });
  if (used.length === 0) return tf.zerosLike(rows[0]);
  if (used.length === 1 && coeffs[used[0]] === 1) return rows[used[0]];
  return weightedSum(used.map((i) => rows[i]), used.map((i) => coeffs[i]));
}

/** Several combinations of the same rows at once: weights [m × rows.length] → [m, n]. */
export function linearCombinations(rows: tf.Tensor2D[], weights: number[][]): tf.Tensor2D {
  if (weights.length === 1) return linearCombination(rows, weights[0]);
  const flat = weights.flat();
  return tf.matMul(tf.tensor2d(flat, [weights.length, rows.length]), tf.concat(rows, 0));
}
