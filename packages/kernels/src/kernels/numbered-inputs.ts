import type * as tf from '@tensorflow/tfjs-core';

/** Values keyed as the numbered inputs of a kernel with any number of them: t0, t1, … (or their gradients). */
export function numbered<T>(values: T[]): Record<string, T> {
  return Object.fromEntries(values.map((value, i) => [`t${i}`, value]));
}

/** A kernel's numbered inputs t0 … t(count − 1), in order. */
export function numberedInputs(inputs: tf.NamedTensorInfoMap, count: number): tf.TensorInfo[] {
  return Array.from({ length: count }, (_, i) => inputs[`t${i}`] as tf.TensorInfo);
}
