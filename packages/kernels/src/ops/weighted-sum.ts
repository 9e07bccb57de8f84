import * as tf from '@tensorflow/tfjs-core';
import { WeightedSum } from '../kernels/kernel-names';
import { numbered } from '../kernels/numbered-inputs';

/**
 * Terms longer than this combine by scaled adds where the fused kernel is missing: wasm's matMul repacks
 * its [k, n] right operand on every call (measured for 7 rows: 27 µs against 38 µs for mul + addN at
 * n = 512, but 398 µs against 70 µs at n = 16 384; the costs cross near n = 1000).
 */
const matMulMaxSize = 1024;

/**
 * Σ_i weights[i]·terms[i] for tensors of one shape (float32): one kernel forward and one backward where
 * the fast kernels are installed (wasm). Elsewhere tfjs ops: Mul and Add for two terms or long tensors
 * (AddN), and for more terms of at most 1024 values one concat and one matMul, so that a Runge–Kutta
 * stage costs a fixed few ops however many earlier stages it combines. Differentiable either way.
 */
export function weightedSum<T extends tf.Tensor>(terms: T[], weights: number[]): T {
  if (terms.length === 0 || terms.length !== weights.length) {
    throw new RangeError(`weightedSum: needs one weight per term and at least one term, got ${terms.length} terms and ${weights.length} weights`);
  }
  if (terms.some((t) => !tf.util.arraysEqual(t.shape, terms[0].shape))) throw new RangeError('weightedSum: every term must have the same shape');
  if (terms.some((t) => t.dtype !== 'float32')) throw new TypeError('weightedSum: terms must be float32');
  if (weights.some((w) => !Number.isFinite(w))) throw new RangeError('weightedSum: weights must be finite numbers');
  if (tf.getKernel(WeightedSum, tf.getBackend()) !== undefined) {
    return tf.engine().runKernel(WeightedSum, numbered(terms), { weights }) as T;
  }
  return tf.tidy(() => {
    if (terms.length <= 2 || terms[0].size > matMulMaxSize) {
      const scaled = terms.map((t, i) => (weights[i] === 1 ? t : tf.mul(t, weights[i])));
      if (scaled.length === 1) return (weights[0] === 1 ? tf.clone(scaled[0]) : scaled[0]) as T;
      return (scaled.length === 2 ? tf.add(scaled[0], scaled[1]) : tf.addN(scaled)) as T;
    }
    const rows = tf.concat(terms.map((t) => tf.reshape(t, [1, t.size])), 0);
    return tf.reshape(tf.matMul(tf.tensor2d(weights, [1, weights.length]), rows), terms[0].shape) as T;
  });
}
