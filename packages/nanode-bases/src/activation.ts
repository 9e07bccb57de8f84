import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from './errors';

/** A pointwise nonlinearity by name, or any tensor function. */
export type Activation =
  | 'linear'
  | 'tanh'
  | 'relu'
  | 'sigmoid'
  | 'softplus'
  | 'elu'
  | 'sin'
  | ((x: tf.Tensor) => tf.Tensor);

const named: Record<Exclude<Activation, (x: tf.Tensor) => tf.Tensor>, (x: tf.Tensor) => tf.Tensor> = {
  linear: (x) => x,
  tanh: (x) => tf.tanh(x),
  relu: (x) => tf.relu(x),
  sigmoid: (x) => tf.sigmoid(x),
  softplus: (x) => tf.softplus(x),
  elu: (x) => tf.elu(x),
  sin: (x) => tf.sin(x),
};

export function resolveActivation(activation: Activation): (x: tf.Tensor) => tf.Tensor {
  if (typeof activation === 'function') return activation;
  const fn = named[activation];
  if (fn === undefined) {
    throw new InvalidArgumentError(
      `unknown activation "${String(activation)}"; use one of ${Object.keys(named).join(', ')} or a function`,
    );
  }
  return fn;
}
