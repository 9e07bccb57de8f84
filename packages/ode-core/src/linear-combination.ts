import * as tf from '@tensorflow/tfjs-core';
import { weightedSum } from '@tfode/kernels';
import { stackRows } from './row-stack';

/**
 * Σ_i coeffs[i]·rows[i] for rows of one shape, skipping zero coefficients: @tfode/kernels' weightedSum, one
 * kernel each way on wasm and a fixed few tfjs ops elsewhere (the solver's hot path is op count, not flops).
 */
export function linearCombination(rows: tf.Tensor[], coeffs: number[]): tf.Tensor {
  const used: number[] = [];
  coeffs.forEach((c, i) => {
    if (c !== 0) used.push(i);
  });
  if (used.length === 0) return tf.zerosLike(rows[0]);
  if (used.length === 1 && coeffs[used[0]] === 1) return rows[used[0]];
  return weightedSum(used.map((i) => rows[i]), used.map((i) => coeffs[i]));
}

/** Several combinations of the same rows at once: weights [m × rows.length] → [m, n] (for m = 1, one row of the rows' shape). */
export function linearCombinations(rows: tf.Tensor[], weights: number[][]): tf.Tensor {
  if (weights.length === 1) return linearCombination(rows, weights[0]);
  const flat = weights.flat();
  return tf.matMul(tf.tensor2d(flat, [weights.length, rows.length]), stackRows(rows, rows[0].size));
}
