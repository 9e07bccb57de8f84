import * as tf from '@tensorflow/tfjs-core';
import { Dense, DenseBackprop, type DenseBackpropAttrs } from '../kernels/kernel-names';

/**
 * The gradient of y = act(x·w + b): all of ∂x, ∂w, ∂b from one kernel, run when the engine asks for this
 * node's gradients. tfjs calls this function in the scope of the whole backward pass and then one closure
 * per input on the path, so a gradient no closure takes (∂x of a data input) is freed with that scope.
 * No second-order gradient.
 */
export const denseGradConfig: tf.GradConfig = {
  kernelName: Dense,
  inputsToSave: ['x', 'w'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, w, y] = saved;
    const { activation, hasBias } = attrs as unknown as DenseBackpropAttrs;
    const [dx, dw, db] = tf.engine().runKernel(DenseBackprop, { dy: dy as tf.Tensor, x, w, y }, { activation, hasBias }) as tf.Tensor[];
    return { x: () => dx, w: () => dw, ...(hasBias ? { b: () => db } : {}) };
  },
};
