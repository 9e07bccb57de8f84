import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { odeintAdjoint } from './odeint-adjoint';
import { mlpField } from './test-fields';
import type { GradientMode } from './types';

const { field, params } = mlpField([3, 16, 2], 3);
const z0 = tf.keep(tf.randomNormal([16, 2], 0, 1, 'float32', 1));

/** Peak of tf.memory().numBytes seen at every evaluation of f (forward and backward) and at the end. */
async function peakBytes(mode: GradientMode, steps: number): Promise<number> {
  let peak = 0;
  const watched = (t: number, z: tf.Tensor) => {
    peak = Math.max(peak, tf.memory().numBytes);
    return field(t, z);
  };
  const base = tf.memory().numBytes;
  const { value, grads } = tf.variableGrads(() => {
    const sol = odeintAdjoint(watched, z0, [0, 1], params, { gradient: mode, method: 'rk4', stepSize: 1 / steps });
    return tf.sum(tf.square(sol.ys as tf.Tensor));
  }, params);
  peak = Math.max(peak, tf.memory().numBytes);
  tf.dispose([value, ...Object.values(grads)]);
  return peak - base;
}

describe('activation memory of the gradient (peak tensor bytes, deterministic)', () => {
  it('adjoint: grows less than 1.5× from 10 to 1000 rk4 steps; backprop: grows at least 10×', async () => {
    const adjoint = [await peakBytes('adjoint', 10), await peakBytes('adjoint', 1000)];
    const backprop = [await peakBytes('backprop', 10), await peakBytes('backprop', 1000)];
    expect(adjoint[1] / adjoint[0]).toBeLessThan(1.5);
    expect(backprop[1] / backprop[0]).toBeGreaterThanOrEqual(10);
  });

  it('checkpoint: memory in between, proportional to stored states', async () => {
    const checkpoint = [await peakBytes('checkpoint', 10), await peakBytes('checkpoint', 1000)];
    const backprop1000 = await peakBytes('backprop', 1000);
    expect(checkpoint[1]).toBeLessThan(backprop1000);
    expect(checkpoint[1]).toBeGreaterThan(checkpoint[0]);
  });
});

describe('no tensor leaks across 50 training steps', () => {
  for (const mode of ['backprop', 'adjoint', 'checkpoint'] as GradientMode[]) {
    it(`${mode}`, () => {
      const optimizer = tf.train.adam(1e-2);
      const step = () =>
        optimizer.minimize(() => {
          const sol = odeintAdjoint(field, z0, [0, 0.5, 1], params, { gradient: mode, rtol: 1e-4, atol: 1e-6 });
          return tf.mean(tf.square(sol.ys as tf.Tensor)) as tf.Scalar;
        }, false, params);
      step(); // the optimizer creates its moment slots once
      const before = tf.memory().numTensors;
      for (let i = 0; i < 50; i++) step();
      expect(tf.memory().numTensors).toBe(before);
      optimizer.dispose();
    });
  }
});
