import type { Activation } from '@tfode/nanode-bases';
export type { Activation } from '@tfode/nanode-bases';
import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';

const named: Record<Exclude<Activation, (x: tf.Tensor) => tf.Tensor>, (x: tf.Tensor) => tf.Tensor> = {
  linear: (x) => x,
  tanh: (x) => tf.tanh(x),
  relu: (x) => tf.relu(x),
  sigmoid: (x) => tf.sigmoid(x),
  softplus: (x) => tf.softplus(x),
  elu: (x) => tf.elu(x),
  sin: (x) => tf.sin(x),
};

/** The function for an activation name (the names of @tfode/nanode-bases), or the function itself. */
export function activationFunction(activation: Activation): (x: tf.Tensor) => tf.Tensor {
  if (typeof activation === 'function') return activation;
  const fn = named[activation];
  if (fn === undefined) {
    throw new InvalidArgumentError(`unknown activation "${String(activation)}": use ${Object.keys(named).join(', ')} or a function`);
  }
  return fn;
}
