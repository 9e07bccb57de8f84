import * as tf from '@tensorflow/tfjs-core';

/**
 * A solve's rows as one [count, n] tensor, by one concat: each row is a [k, n] block ([1, n] in the row
 * form, k for dense output at k times) or one state in its own shape (the form a single tensor solves
 * in), reshaped to [1, n] first. (A stack of the states costs more on wasm: Pack 41 µs and its gradient
 * Unpack 20 µs for two 256×2 outputs, against 29 and 17 for Concat and SplitV.)
 */
export function stackRows(rows: tf.Tensor[], n: number): tf.Tensor2D {
  const blocks = rows.every((row) => row.rank === 2 && row.shape[1] === n);
  if (rows.length === 1) return (blocks ? rows[0] : tf.reshape(rows[0], [1, n])) as tf.Tensor2D;
  return tf.concat(blocks ? rows : rows.map((row) => tf.reshape(row, [-1, n])), 0) as tf.Tensor2D;
}
