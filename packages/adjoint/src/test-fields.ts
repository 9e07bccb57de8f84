import * as tf from '@tensorflow/tfjs-core';

/** A seeded tanh MLP vector field f(t, z) = MLP([z, t]) for the tests: its variables and the field. */
export function mlpField(sizes: number[], seed: number) {
  const weights = sizes.slice(1).map((out, i) =>
    tf.variable(tf.randomNormal([sizes[i], out], 0, 1 / Math.sqrt(sizes[i]), 'float32', seed + i)),
  );
  const biases = sizes.slice(1).map((out, i) => tf.variable(tf.randomNormal([out], 0, 0.1, 'float32', seed + 100 + i)));
  const field = (t: number, z: tf.Tensor) => {
    let h = tf.concat([z, tf.fill([z.shape[0], 1], t)], 1) as tf.Tensor2D;
    weights.forEach((w, i) => {
      h = tf.add(tf.matMul(h, w), biases[i]);
      if (i < weights.length - 1) h = tf.tanh(h);
    });
    return h;
  };
  return { field, params: [...weights, ...biases] as tf.Variable[] };
}
