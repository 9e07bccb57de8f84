import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { onBackend } from './test-support';

type Case = { x: [number, number, number, number]; filter: [number, number, number, number]; strides: number | [number, number]; pad: 'same' | 'valid' | number };
const cases: Case[] = [
  { x: [2, 7, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [1, 8, 8, 2], filter: [3, 3, 2, 5], strides: 2, pad: 'valid' },
  { x: [3, 9, 7, 1], filter: [5, 3, 1, 2], strides: [2, 1], pad: 'same' },
  { x: [2, 5, 5, 4], filter: [1, 1, 4, 3], strides: 1, pad: 'valid' },
  { x: [1, 6, 6, 2], filter: [3, 3, 2, 2], strides: 2, pad: 1 },
  { x: [1, 4, 4, 1], filter: [4, 4, 1, 1], strides: 1, pad: 'valid' },
];

/** ∂/∂filter of Σ c ⊙ conv2d(x, filter) for each case. */
function filterGradients() {
  return cases.map(({ x, filter, strides, pad }, i) =>
    tf.tidy(() => {
      const input = tf.randomNormal(x, 0, 1, 'float32', 10 + i) as tf.Tensor4D;
      const kernel = tf.randomNormal(filter, 0, 1, 'float32', 20 + i) as tf.Tensor4D;
      const weights = tf.randomNormal(tf.conv2d(input, kernel, strides, pad).shape, 0, 1, 'float32', 30 + i);
      const gradient = tf.grad((k: tf.Tensor) => tf.sum(tf.mul(weights, tf.conv2d(input, k as tf.Tensor4D, strides, pad))))(kernel);
      return { shape: gradient.shape, values: Array.from(gradient.dataSync()) };
    }),
  );
}

describe('conv2d filter gradient on wasm', () => {
  it('matches the cpu backend’s Conv2DBackpropFilter for strides, same/valid/explicit padding and filter sizes', async () => {
    const reference = await onBackend('cpu', false, filterGradients);
    const fast = await onBackend('wasm', true, filterGradients);
    fast.forEach((gradient, i) => {
      expect(gradient.shape).toEqual(reference[i].shape);
      gradient.values.forEach((v, j) => expect(Math.abs(v - reference[i].values[j])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(reference[i].values[j]))));
    });
  });
});
