import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom } from '@tfode/seeded-random';

/** LeCun-normal values N(0, gain²/fanIn) from a seeded generator: the same weights on every platform. */
export function lecunNormal(shape: number[], fanIn: number, random: SeededRandom, gain = 1): tf.Tensor {
  const size = shape.reduce((p, d) => p * d, 1);
  return tf.tensor(random.normals(size, gain / Math.sqrt(fanIn)), shape);
}
