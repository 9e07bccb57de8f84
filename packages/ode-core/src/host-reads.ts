import * as tf from '@tensorflow/tfjs-core';

/**
 * A computation that needs values back from the device (a step's error norm, a finiteness flag) written
 * once as a generator: it yields each tensor it must read and is resumed with its values. `runSync`
 * reads them with dataSync (blocking); `runAsync` awaits data(), so a page on WebGL/WebGPU keeps
 * drawing while the device works. Same arithmetic either way, so the same results and stats.
 */
export type HostReads<T> = Generator<tf.Tensor, T, tf.TypedArray>;

/** Reads the tensor `make` builds (inside a tidy), then frees it, also when the solve stops there. */
export function* hostRead(make: () => tf.Tensor): HostReads<tf.TypedArray> {
  const tensor = tf.tidy(make);
  try {
    return yield tensor;
  } finally {
    tensor.dispose();
  }
}

/** Drives `reads` to its end, each read a dataSync. */
export function runSync<T>(reads: HostReads<T>): T {
  let next = reads.next();
  while (!next.done) next = reads.next(next.value.dataSync() as tf.TypedArray);
  return next.value;
}

/** Drives `reads` to its end, each read one await of data(); a failed read is thrown into the generator. */
export async function runAsync<T>(reads: HostReads<T>): Promise<T> {
  let next = reads.next();
  while (!next.done) {
    let values: tf.TypedArray;
    try {
      values = (await next.value.data()) as tf.TypedArray;
    } catch (error) {
      next = reads.throw(error);
      continue;
    }
    next = reads.next(values);
  }
  return next.value;
}
