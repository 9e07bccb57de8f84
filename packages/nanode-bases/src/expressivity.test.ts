// Expressivity of time-varying weights: in 1-D, fit z(t) = sin(2πt) from z(0) = 0, solved
// by @tfode/adjoint's odeintAdjoint (rk4, h = 1/19, adjoint gradients) — test-only dependencies.
import * as tf from '@tensorflow/tfjs-core';
import { odeintAdjoint } from '@tfode/adjoint';
import { describe, expect, it } from 'vitest';
import { fourier } from './fourier';
import { monomial } from './monomial';
import type { TimeBasis } from './time-basis';
import { TimeVaryingDense } from './time-varying-dense';

const outputTimes = Array.from({ length: 20 }, (_, i) => i / 19);
const targets = outputTimes.map((t) => Math.sin(2 * Math.PI * t));
type Field = (t: number, z: tf.Tensor2D) => tf.Tensor2D;

/** Trains f(t, z) = W₂(t)·tanh(W₁(t)z + b₁(t)) + b₂(t) with weights on `basis`; returns the final MSE. */
function fit(basis: TimeBasis, iterations: number): number {
  const hidden = new TimeVaryingDense(1, 8, basis, { seed: 1, activation: 'tanh' });
  const output = new TimeVaryingDense(8, 1, basis, { seed: 2 });
  const field: Field = (t, z) => output.apply(t, hidden.apply(t, z));
  const z0 = tf.zeros([1, 1]) as tf.Tensor2D;
  const target = tf.tensor1d(targets);
  const variables = [...hidden.variables, ...output.variables];
  const trajectory = () =>
    tf.reshape(odeintAdjoint(field, z0, outputTimes, variables, { method: 'rk4', stepSize: 1 / 19 }).ys, [20]);
  const loss = () => tf.losses.meanSquaredError(target, trajectory()) as tf.Scalar;
  const optimizer = tf.train.adam(0.05);
  for (let i = 0; i < iterations; i++) optimizer.minimize(loss, false, variables);
  const mse = tf.tidy(() => loss().dataSync()[0]);
  tf.dispose([z0, target]);
  optimizer.dispose();
  hidden.dispose();
  output.dispose();
  return mse;
}

/**
 * Least mean squared error of any monotone sequence to `values`: isotonic regression by
 * pool-adjacent-violators, the better of non-decreasing and non-increasing.
 */
function monotoneFloor(values: number[]): number {
  const nonDecreasing = (ys: number[]) => {
    const blocks: { mean: number; count: number }[] = [];
    for (const y of ys) {
      blocks.push({ mean: y, count: 1 });
      while (blocks.length > 1 && blocks[blocks.length - 2].mean > blocks[blocks.length - 1].mean) {
        const b = blocks.pop()!;
        const a = blocks.pop()!;
        blocks.push({ mean: (a.mean * a.count + b.mean * b.count) / (a.count + b.count), count: a.count + b.count });
      }
    }
    const fitted = blocks.flatMap((b) => Array<number>(b.count).fill(b.mean));
    return fitted.reduce((s, f, i) => s + (f - ys[i]) ** 2, 0) / ys.length;
  };
  return Math.min(nonDecreasing(values), nonDecreasing(values.map((v) => -v)));
}

describe('expressivity in 1-D: z(t) = sin(2πt) on [0, 1] from z(0) = 0', () => {
  it('an autonomous field stays above the monotone floor', () => {
    // ż = f(z) in 1-D has monotone solutions (and RK4's step map z ↦ Φ_h(z) is increasing for a
    // smooth field and small h, so its iterates are monotone too): no such model beats the best
    // monotone fit of the 20 targets (≈ 0.086). monomial(1) makes every weight constant in time.
    const floor = monotoneFloor(targets);
    expect(floor).toBeGreaterThan(0.08);
    const mse = fit(monomial(1), 150);
    expect(mse).toBeGreaterThanOrEqual(floor * (1 - 1e-4));
  });

  it('TimeVaryingDense with fourier(3) reaches MSE < 1e-3, leaving no tensors behind', () => {
    const before = tf.memory().numTensors;
    expect(fit(fourier(3), 150)).toBeLessThan(1e-3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
