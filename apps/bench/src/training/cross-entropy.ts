import * as tf from '@tensorflow/tfjs-core';

/** Softmax cross-entropy, written out: −mean Σ y log softmax(logits). */
export function crossEntropy(oneHot: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1)));
}
