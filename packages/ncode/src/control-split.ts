import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';

/** Cuts a per-sample control vector θ [B, Σ sizes] into tensors [B, ...shape] for each shape. */
export function splitControl(theta: tf.Tensor, shapes: number[][]): tf.Tensor[] {
  const sizes = shapes.map((s) => s.reduce((p, d) => p * d, 1));
  const total = sizes.reduce((p, d) => p + d, 0);
  if (theta.rank !== 2 || theta.shape[1] !== total) {
    throw new InvalidArgumentError(`control θ must have shape [batch, ${total}], got [${theta.shape}]`);
  }
  const batch = theta.shape[0];
  return tf.split(theta, sizes, 1).map((part, i) => tf.reshape(part, [batch, ...shapes[i]]));
}
