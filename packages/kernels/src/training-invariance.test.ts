import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { dense } from './ops/dense';
import { onBackend } from './test-support';
import { wasmBackend, wasmMemory } from './wasm/wasm-backend-internals';

/** A seeded 2→16→16→1 tanh regression trained with Adam; returns the loss after each step. */
function train(steps: number, onStep?: (step: number) => void): number[] {
  const layers = [[2, 16], [16, 16], [16, 1]].map(([i, o], k) => ({
    w: tf.variable(tf.randomNormal([i, o], 0, 1 / Math.sqrt(i), 'float32', 10 + k)),
    b: tf.variable(tf.zeros([o])),
  }));
  const x = tf.randomUniform([64, 2], -2, 2, 'float32', 1) as tf.Tensor2D;
  const y = tf.tidy(() => tf.sin(tf.sum(tf.mul(x, tf.tensor1d([1.5, -0.7])), 1, true)));
  const optimizer = tf.train.adam(1e-2);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const loss = optimizer.minimize(() => {
      const h = layers.reduce((a, { w, b }, k) => dense(a, w as tf.Tensor2D, b as tf.Tensor1D, k < 2 ? 'tanh' : 'linear'), x);
      return tf.mean(tf.square(tf.sub(h, y))) as tf.Scalar;
    }, true)!;
    losses.push(loss.dataSync()[0]);
    loss.dispose();
    onStep?.(step);
  }
  optimizer.dispose();
  tf.dispose([x, y, ...layers.flatMap(({ w, b }) => [w, b])]);
  return losses;
}

describe('training with the fast kernels on wasm', () => {
  it('gives the loss curve of tfjs’s own kernels, to float32 noise', async () => {
    const fast = await onBackend('wasm', true, () => train(60));
    const tfjs = await onBackend('wasm', false, () => train(60));
    expect(fast[59]).toBeLessThan(fast[0] / 3);
    fast.forEach((loss, i) => expect(Math.abs(loss - tfjs[i])).toBeLessThanOrEqual(1e-4 * tfjs[i]));
  });

  it('keeps tf.memory().numTensors and the wasm heap flat over 1000 steps', async () => {
    await onBackend('wasm', true, () => {
      const memory = wasmMemory(wasmBackend());
      let tensors = 0;
      let heap = 0;
      let bytes = 0;
      train(1000, (step) => {
        if (step === 99) [tensors, heap, bytes] = [tf.memory().numTensors, memory.buffer.byteLength, tf.memory().numBytes];
        if (step === 999) {
          expect(tf.memory().numTensors).toBe(tensors);
          expect(tf.memory().numBytes).toBe(bytes);
          expect(memory.buffer.byteLength).toBe(heap);
        }
      });
    });
  });
});
