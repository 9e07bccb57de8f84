// Shared assertions for this package's tests (not part of the public surface).
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Largest |actual − expected| over two equally long sequences. */
export function maxAbsDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  return worst;
}

export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(maxAbsDifference(actual, expected)).toBeLessThanOrEqual(tolerance);
}

/** Runs `fn`, disposes what it returns, and checks that no other tensor was left behind. */
export function expectNoLeak(fn: () => tf.TensorContainer): void {
  const before = tf.memory().numTensors;
  tf.dispose(fn());
  expect(tf.memory().numTensors).toBe(before);
}

/** Sample mean and central moments 2 and 4. */
export function moments(values: ArrayLike<number>): { mean: number; variance: number; kurtosis: number } {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < values.length; i++) {
    const d = values[i] - mean;
    m2 += d * d;
    m4 += d ** 4;
  }
  m2 /= values.length;
  m4 /= values.length;
  return { mean, variance: m2, kurtosis: m4 / (m2 * m2) };
}

/** expectNoLeak through tf.variableGrads of Σ fn() with respect to `variables`. */
export function expectNoLeakThroughGradients(fn: () => tf.Tensor, variables: tf.Variable[]): void {
  expectNoLeak(() => {
    const { value, grads } = tf.variableGrads(() => tf.sum(fn()), variables);
    return [value, grads];
  });
}

/** Building something with `create` and disposing it leaves the tensor count unchanged. */
export function expectDisposesAll(create: () => { dispose(): void }): void {
  const before = tf.memory().numTensors;
  create().dispose();
  expect(tf.memory().numTensors).toBe(before);
}
