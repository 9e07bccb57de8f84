import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { installFastKernels } from './install-fast-kernels';
import { onBackend } from './test-support';

describe('shared-buffer Identity on wasm', () => {
  // A function whose gradient needs saved inputs and outputs (mul, sigmoid, exp save tensors), on kernels
  // the other fast kernels leave alone, so that only Identity differs.
  const gradients = () =>
    tf.tidy(() => {
      const a = tf.randomNormal([6, 4], 0, 1, 'float32', 1);
      const b = tf.randomNormal([6, 4], 0, 1, 'float32', 2);
      const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.exp(tf.mul(tf.sigmoid(tf.mul(x, y)), tf.sum(x)))))([a, b]);
      return [Array.from(ga.dataSync()), Array.from(gb.dataSync())];
    });

  it('clones share the buffer, gradients are bit-identical, and buffers are freed with their last tensor', async () => {
    const before = await onBackend('wasm', false, () => {
      const copied = tf.clone(tf.tensor([1, 2, 3]));
      const buffersBefore = tf.memory().numDataBuffers;
      const copiedAgain = tf.clone(copied);
      expect(tf.memory().numDataBuffers).toBe(buffersBefore + 1); // wasm's own Identity copies
      tf.dispose([copied, copiedAgain]);
      return gradients();
    });
    await onBackend('wasm', true, async () => {
      await installFastKernels(); // idempotent
      const start = tf.memory().numDataBuffers;
      const x = tf.tensor([1, 2, 3]);
      const y = tf.clone(x);
      expect(tf.memory().numDataBuffers).toBe(start + 1); // one buffer for both
      x.dispose();
      expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
      y.dispose();
      expect(tf.memory().numDataBuffers).toBe(start);
      expect(gradients()).toEqual(before);
      expect(tf.memory().numDataBuffers).toBe(start);
    });
  });

  it('variables and optimizers, which assign and keep clones, still train the same', async () => {
    await onBackend('wasm', true, () => {
      const w = tf.variable(tf.tensor([0.5, -1]));
      const optimizer = tf.train.adam(0.1);
      for (let i = 0; i < 3; i++) optimizer.minimize(() => tf.sum(tf.square(tf.sub(w, tf.tensor([1, 2])))), false, [w]);
      // Adam from w0 = [0.5, -1] toward [1, 2]: each step moves each coordinate by about lr = 0.1.
      const values = Array.from(w.dataSync());
      expect(values[0]).toBeCloseTo(0.8, 2);
      expect(values[1]).toBeCloseTo(-0.7, 2);
      optimizer.dispose();
      w.dispose();
    });
  });
});
