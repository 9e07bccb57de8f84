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

/**
 * Sizes of the control blocks of a layer stack whose control shapes come in (kernel [rows, cols],
 * bias [cols]) pairs: one block per controlled layer, kernel and bias together (one γ head each, App C.2).
 */
export function controlBlockSizes(controlShapes: number[][]): number[] {
  const sizes: number[] = [];
  for (let i = 0; i < controlShapes.length; i += 2) {
    const [rows, cols] = controlShapes[i];
    sizes.push(rows * cols + cols);
  }
  return sizes;
}
