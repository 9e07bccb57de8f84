import * as tf from '@tensorflow/tfjs-core';

/** [x, t] with t as a column: the time-appended input of a depth-variant field. */
export function appendTime(x: tf.Tensor, t: number | tf.Tensor): tf.Tensor {
  const column = typeof t === 'number' ? tf.fill([x.shape[0], 1], t) : t;
  return tf.concat([x, column], 1);
}
