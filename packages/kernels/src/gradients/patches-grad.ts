import * as tf from '@tensorflow/tfjs-core';
import { Patches3x3, Patches3x3Backprop } from '../kernels/kernel-names';

/** The gradient of the 3×3 patches: one col2im kernel. */
export const patches3x3GradConfig: tf.GradConfig = {
  kernelName: Patches3x3,
  gradFunc: (dy) => ({ x: () => tf.engine().runKernel(Patches3x3Backprop, { dy: dy as tf.Tensor }, {}) as tf.Tensor }),
};

/** col2im is linear and im2col is its adjoint, so gradients of gradients go through too. */
export const patches3x3BackpropGradConfig: tf.GradConfig = {
  kernelName: Patches3x3Backprop,
  gradFunc: (dy) => ({ dy: () => tf.engine().runKernel(Patches3x3, { x: dy as tf.Tensor }, {}) as tf.Tensor }),
};
