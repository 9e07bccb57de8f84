// DETEST problems of classes A and B (Hull, Enright, Fellen & Sedgwick 1972, "Comparing numerical
// methods for ordinary differential equations"), each a single-tensor state on [0, 20], for the tests.
import * as tf from '@tensorflow/tfjs-core';
import type { VectorField } from './types';

export interface DetestProblem {
  name: string;
  y0: number[];
  f: VectorField<tf.Tensor>;
}

const components = (y: tf.Tensor) => tf.split(y, y.shape[0]!, 0);

export const detestProblems: DetestProblem[] = [
  { name: 'A1', y0: [1], f: (_t, y) => tf.neg(y) },
  { name: 'A2', y0: [1], f: (_t, y) => tf.mul(tf.pow(y, 3), -0.5) },
  { name: 'A3', y0: [1], f: (t, y) => tf.mul(y, Math.cos(t)) },
  { name: 'A4', y0: [1], f: (_t, y) => tf.mul(tf.mul(y, 0.25), tf.sub(1, tf.div(y, 20))) },
  { name: 'A5', y0: [4], f: (t, y) => tf.div(tf.sub(y, t), tf.add(y, t)) },
  {
    name: 'B1',
    y0: [1, 3],
    f: (_t, y) => {
      const [a, b] = components(y);
      return tf.concat([tf.mul(tf.sub(a, tf.mul(a, b)), 2), tf.neg(tf.sub(b, tf.mul(a, b)))]);
    },
  },
  { name: 'B2', y0: [2, 0, 1], f: (_t, y) => tf.squeeze(tf.matMul(tf.tensor2d([[-1, 1, 0], [1, -2, 1], [0, 1, -1]]), tf.reshape(y, [3, 1]))) },
  {
    name: 'B4',
    y0: [3, 0, 0],
    f: (_t, y) => {
      const [a, b, c] = components(y);
      const r = tf.sqrt(tf.add(tf.square(a), tf.square(b)));
      return tf.concat([tf.sub(tf.neg(b), tf.div(tf.mul(a, c), r)), tf.sub(a, tf.div(tf.mul(b, c), r)), tf.div(a, r)]);
    },
  },
];
