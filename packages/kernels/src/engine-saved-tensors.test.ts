import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { countingCalls, expectNothingLeft, onBackend } from './test-support';

// mul, sigmoid, exp and sin save inputs or outputs for their gradients.
const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.sin(tf.exp(tf.mul(tf.sigmoid(tf.mul(x, y)), tf.sum(x)))));
const gradients = () =>
  tf.tidy(() => {
    const a = tf.randomNormal([6, 4], 0, 1, 'float32', 1);
    const b = tf.randomNormal([6, 4], 0, 1, 'float32', 2);
    return tf.grads(f)([a, b]).map((g) => Array.from(g.dataSync()));
  });

describe('tensors saved for a gradient, on wasm with the fast kernels', () => {
  it('are new handles on the same buffers: no Identity kernel runs, the gradients are bit-identical', async () => {
    const reference = await onBackend('wasm', false, () => countingCalls(tf.Identity, gradients));
    expect(reference.calls).toBeGreaterThan(4); // tfjs clones each saved tensor
    const fast = await onBackend('wasm', true, () => countingCalls(tf.Identity, gradients));
    expect(fast.calls).toBe(0);
    expect(fast.result).toEqual(reference.result);
  });

  it('outlive their original: an input disposed inside f still gives its gradient', async () => {
    await onBackend('wasm', true, () => {
      const x = tf.tensor1d([0.3, -1.2, 2]);
      const start = tf.memory();
      const g = tf.grad((v: tf.Tensor) => {
        const doubled = tf.mul(v, 2);
        const out = tf.sum(tf.sin(doubled)); // sin saves `doubled`
        doubled.dispose();
        return out;
      })(x);
      // d/dx Σ sin(2x) = 2·cos(2x)
      Array.from(g.dataSync()).forEach((value, i) => expect(value).toBeCloseTo(2 * Math.cos(2 * [0.3, -1.2, 2][i]), 5));
      g.dispose();
      expect(tf.memory().numTensors).toBe(start.numTensors);
      expect(tf.memory().numDataBuffers).toBe(start.numDataBuffers);
      x.dispose();
    });
  });

  it('are freed with the tape', async () => {
    await onBackend('wasm', true, () => expectNothingLeft(gradients));
  });

  it('keep tfjs’s clones under nested tapes, where the backward pass is itself differentiated', async () => {
    // d²/dx² of x·sin(x) = 2cos(x) − x·sin(x)
    const second = await onBackend('wasm', true, () =>
      countingCalls(tf.Identity, () => tf.tidy(() => Array.from(tf.grad(tf.grad((x: tf.Tensor) => tf.sum(tf.mul(x, tf.sin(x)))))(tf.tensor1d([0.5, -2])).dataSync()))),
    );
    expect(second.calls).toBeGreaterThan(0);
    second.result.forEach((value, i) => {
      const x = [0.5, -2][i];
      expect(value).toBeCloseTo(2 * Math.cos(x) - x * Math.sin(x), 4);
    });
  });
});
