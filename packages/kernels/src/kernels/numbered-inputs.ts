import type * as tf from '@tensorflow/tfjs-core';

/** The keys t0, t1, …, each made once (a kernel's inputs are keyed at every call). */
const keys: string[] = [];
const key = (i: number): string => (keys[i] ??= `t${i}`);

/** Values keyed as the numbered inputs of a kernel with any number of them: t0, t1, … (or their gradients). */
export function numbered<T>(values: readonly T[]): Record<string, T> {
  const named: Record<string, T> = {};
  for (let i = 0; i < values.length; i++) named[key(i)] = values[i];
  return named;
}

/** A kernel's numbered inputs t0 … t(count − 1), in order. */
export function numberedInputs(inputs: tf.NamedTensorInfoMap, count: number): tf.TensorInfo[] {
  const list: tf.TensorInfo[] = [];
  for (let i = 0; i < count; i++) list.push(inputs[key(i)] as tf.TensorInfo);
  return list;
}
