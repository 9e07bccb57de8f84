import * as tf from '@tensorflow/tfjs-core';
import { ActivationGrad } from '../kernels/kernel-names';

/** tanh′ as one kernel, dy·(1 − y²) (tfjs's own is Square, Sub and Multiply). */
export const fastTanhGrad: tf.GradFunc = (dy, saved) => ({
  x: () => tf.engine().runKernel(ActivationGrad, { y: saved[0], dy: dy as tf.Tensor }, { activation: 'tanh' }) as tf.Tensor,
});
