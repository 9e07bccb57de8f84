import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { dense } from './ops/dense';
import { onBackend } from './test-support';

describe('the SIMD transpose inside the dense gradients', () => {
  it('gives exact dense gradients (dy·wᵀ and xᵀ·dy) for every shape remainder modulo the 4 × 4 tiles', async () => {
    const run = () =>
      tf.tidy(() =>
        [1, 3, 4, 5, 8, 9].flatMap((rows) =>
          [1, 2, 4, 6, 7].map((cols) => {
            const x = tf.reshape(tf.range(0, rows * cols), [rows, cols]) as tf.Tensor2D;
            const w = tf.reshape(tf.range(0, cols * 3), [cols, 3]) as tf.Tensor2D;
            const dy = tf.reshape(tf.range(0, rows * 3), [rows, 3]);
            const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(dy, dense(a as tf.Tensor2D, b as tf.Tensor2D))))([x, w]);
            return [gx.arraySync(), gw.arraySync()];
          }),
        ),
      );
    // Small integers: every product and sum is exact in float32, so the backends must agree exactly.
    expect(await onBackend('wasm', true, run)).toEqual(await onBackend('cpu', false, run));
  });
});
