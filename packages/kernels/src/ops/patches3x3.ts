import * as tf from '@tensorflow/tfjs-core';
import { Patches3x3 } from '../kernels/kernel-names';

/**
 * [B, H, W, C] → [B, H, W, 9C]: the 3×3 neighbourhoods of every pixel, zero padded ('same'), ordered
 * (dy, dx, c) like a kernel [3, 3, C, K] flattened: the im2col of a 3×3 convolution, so that the
 * convolution is a matMul with the kernel [9C, K]. One kernel each way where the fast kernels are
 * installed (wasm), else pad, nine slices and a concat.
 */
export function patches3x3(x: tf.Tensor4D): tf.Tensor4D {
  if (x.rank !== 4) throw new RangeError(`patches3x3: x must be [batch, height, width, channels], got [${x.shape}]`);
  if (x.dtype !== 'float32') throw new TypeError('patches3x3: x must be float32');
  if (tf.getKernel(Patches3x3, tf.getBackend()) !== undefined) return tf.engine().runKernel(Patches3x3, { x }, {}) as tf.Tensor4D;
  return tf.tidy(() => {
    const [, height, width] = x.shape;
    const padded = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]);
    const shifted: tf.Tensor4D[] = [];
    for (let dy = 0; dy < 3; dy++) {
      for (let dx = 0; dx < 3; dx++) shifted.push(tf.slice(padded, [0, dy, dx, 0], [-1, height, width, -1]));
    }
    return tf.concat(shifted, 3);
  });
}
