// Helpers shared by the tests: tiny seeded data sets and a training loop. Not exported by the package.
import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom } from '@tfode/seeded-random';
import type { ControlledODE } from './controlled-ode';

/** n points evenly spread on [−1, 1] and their reflections −x (Dupont et al.'s 1-D task). */
export function reflectionData(n: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const values = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  return { x: tf.tensor2d(values, [n, 1]), y: tf.tensor2d(values.map((v) => -v), [n, 1]) };
}

/** Concentric annuli: label 0 inside radius 0.5, label 1 for radius in [1, 1.5]; half each. */
export function annuliData(n: number, seed: number): { x: tf.Tensor2D; labels: tf.Tensor2D } {
  const random = new SeededRandom(seed);
  const points: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const outer = i % 2;
    const radius = outer ? 1 + 0.5 * random.uniform() : 0.5 * Math.sqrt(random.uniform());
    const angle = 2 * Math.PI * random.uniform();
    points.push(radius * Math.cos(angle), radius * Math.sin(angle));
    labels.push(outer);
  }
  return { x: tf.tensor2d(points, [n, 2]), labels: tf.tensor2d(labels, [n, 1]) };
}

/** Adam on loss(model) for `steps` steps; returns the last loss. */
export function train(model: ControlledODE, loss: () => tf.Scalar, steps: number, learningRate: number): number {
  const optimizer = tf.train.adam(learningRate);
  let last = NaN;
  for (let step = 0; step < steps; step++) {
    const value = optimizer.minimize(loss, true, model.variables) as tf.Scalar;
    last = value.dataSync()[0];
    value.dispose();
  }
  optimizer.dispose();
  return last;
}

export function meanSquaredError(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.mean(tf.square(tf.sub(a, b))).dataSync()[0]);
}
