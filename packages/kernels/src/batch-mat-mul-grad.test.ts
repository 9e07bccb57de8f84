import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { onBackend } from './test-support';

describe('explicit-transpose BatchMatMul gradient on wasm', () => {
  it('gives the gradients of tfjs’s own rule for every transpose combination, rank 2 and 3', async () => {
    const cases: [number[], number[], boolean, boolean][] = [
      [[5, 3], [3, 4], false, false],
      [[5, 3], [4, 3], false, true],
      [[3, 5], [3, 4], true, false],
      [[3, 5], [4, 3], true, true],
      [[2, 5, 3], [2, 3, 4], false, false],
      [[2, 3, 5], [2, 4, 3], true, true],
    ];
    const grads = () =>
      cases.map(([sa, sb, ta, tb], i) =>
        tf.tidy(() => {
          const a = tf.randomNormal(sa, 0, 1, 'float32', 1 + i);
          const b = tf.randomNormal(sb, 0, 1, 'float32', 100 + i);
          const w = tf.randomNormal(tf.matMul(a, b, ta, tb).shape, 0, 1, 'float32', 200 + i);
          const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y, ta, tb), w)))([a, b]);
          return [Array.from(ga.dataSync()), Array.from(gb.dataSync())];
        }),
      );
    const before = await onBackend('wasm', false, grads);
    const after = await onBackend('wasm', true, grads);
    after.forEach((pair, i) => pair.forEach((g, j) => g.forEach((x, k) => expect(x).toBeCloseTo(before[i][j][k], 5))));
  });
});
