import * as tf from '@tensorflow/tfjs-core';

/** A trainable variable holding `values`; the temporary initial tensor is disposed. */
export function trainableVariable(values: Float32Array, shape: number[]): tf.Variable {
  return tf.tidy(() => tf.variable(tf.tensor(values, shape), true));
}
