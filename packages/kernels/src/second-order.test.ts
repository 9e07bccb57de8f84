import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { dense } from './ops/dense';
import { patches3x3 } from './ops/patches3x3';
import { weightedSum } from './ops/weighted-sum';
import { onBackend } from './test-support';

/** ∂/∂v of Σ ∂f/∂v: a gradient of a gradient. */
const secondOrder = (f: (v: tf.Tensor) => tf.Tensor, v: tf.Tensor) => tf.grad((u: tf.Tensor) => tf.sum(tf.grad((s: tf.Tensor) => tf.sum(f(s)))(u)))(v);

/** Gradients of gradients through every fused op, as arrays. */
function gradientsOfGradients() {
  return tf.tidy(() => {
    const x = tf.randomNormal([5, 3], 0, 1, 'float32', 1);
    const w = tf.randomNormal([3, 4], 0, 0.7, 'float32', 2);
    const b = tf.randomNormal([4], 0, 0.3, 'float32', 3);
    const wTimed = tf.randomNormal([4, 4], 0, 0.7, 'float32', 5); // for [x, t]
    const image = tf.randomNormal([2, 4, 3, 2], 0, 1, 'float32', 4);
    return [
      ...(['tanh', 'sigmoid', 'relu', 'linear'] as const).map((act) => secondOrder((v) => tf.square(dense(v as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D, act)), x)),
      secondOrder((v) => tf.square(dense(v as tf.Tensor2D, wTimed as tf.Tensor2D, b as tf.Tensor1D, 'tanh', { time: -0.8 })), x),
      secondOrder((v) => weightedSum([tf.square(v), v, tf.mul(v, v)], [2, 3, -0.5]), x),
      secondOrder((v) => tf.square(patches3x3(v as tf.Tensor4D)), image),
    ].map((t) => Array.from(t.dataSync()));
  });
}

describe('gradients of gradients with the fast kernels on', () => {
  it('match tfjs’s own ops on cpu through dense (every activation, and with a time column), weightedSum and patches3x3', async () => {
    const reference = await onBackend('cpu', false, gradientsOfGradients);
    const fast = await onBackend('wasm', true, gradientsOfGradients);
    fast.forEach((values, i) => values.forEach((v, j) => expect(Math.abs(v - reference[i][j])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(reference[i][j])))));
    expect(fast[5].every((v) => Math.abs(v - 3) < 1e-5)).toBe(true); // d²/dv² of 2v² + 3v − v²/2 = 3
  });
});
