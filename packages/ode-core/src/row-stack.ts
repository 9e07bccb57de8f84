import * as tf from '@tensorflow/tfjs-core';

/**
 * A solve's rows as one [count, n] tensor, in one op: each row is a [k, n] block ([1, n] in the row
 * form) or one state in its own shape (the form a single tensor solves in), all of n elements each.
 */
export function stackRows(rows: tf.Tensor[], n: number): tf.Tensor2D {
  const blocks = rows.every((row) => row.rank === 2 && row.shape[1] === n);
  if (rows.length === 1) return (blocks ? rows[0] : tf.reshape(rows[0], [1, n])) as tf.Tensor2D;
  if (blocks) return tf.concat(rows, 0) as tf.Tensor2D;
  if (rows.every((row) => row.size === n)) return tf.reshape(tf.stack(rows), [rows.length, n]);
  return tf.concat(rows.map((row) => tf.reshape(row, [-1, n])), 0) as tf.Tensor2D;
}
