import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';

/**
 * x·W + b where W and b are shared ([in, out], [out]) or per sample ([B, in, out], [B, out]), the latter
 * being weights produced by a controller from each sample. x: [B, in] → [B, out].
 */
export function affine(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor): tf.Tensor2D {
  if (x.rank !== 2) throw new InvalidArgumentError(`affine expects x of rank 2 [batch, in], got [${x.shape}]`);
  if (kernel.rank === 2) return tf.add(tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D), bias) as tf.Tensor2D;
  const rows = tf.expandDims(x, 1) as tf.Tensor3D; // [B, 1, in]
  const out = tf.squeeze(tf.matMul(rows, kernel as tf.Tensor3D), [1]);
  return tf.add(out, bias) as tf.Tensor2D;
}
