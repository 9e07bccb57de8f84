import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';

/**
 * The parameters f closes over, each once (tied weights appear twice): tfjs sums the gradients of
 * repeated custom-gradient inputs, so a repeat would count its gradient twice.
 */
export function distinctParams(params: tf.Tensor[]): tf.Tensor[] {
  if (!Array.isArray(params) || params.some((p) => !(p instanceof tf.Tensor))) {
    throw new InvalidArgumentError('params must be an array of the tf.Variables (tensors) that f uses');
  }
  return [...new Set(params)];
}
