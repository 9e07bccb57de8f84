import type * as tf from '@tensorflow/tfjs-core';

/** A block of a vector field f(t, x) with its own trainable variables. */
export interface TimeDependentLayer {
  /** Every variable the layer reads, for an optimizer or an adjoint solver's `params`. */
  readonly variables: tf.Variable[];
  readonly parameterCount: number;
  apply(t: number, x: tf.Tensor): tf.Tensor;
  dispose(): void;
}

/** Sum of the sizes of `variables`. */
export function countParameters(variables: readonly tf.Variable[]): number {
  return variables.reduce((total, v) => total + v.size, 0);
}
