import * as tf from '@tensorflow/tfjs-core';
import { isRecordingGradients } from '../engine-state';
import { Dense, DenseBackprop, type DenseBackpropAttrs } from '../kernels/kernel-names';

/** dy·act′ through the output y, in differentiable tfjs ops (for gradients of gradients). */
const preactivationGrad: Record<DenseBackpropAttrs['activation'], (dy: tf.Tensor, y: tf.Tensor) => tf.Tensor> = {
  linear: (dy) => dy,
  tanh: (dy, y) => tf.mul(dy, tf.sub(1, tf.square(y))),
  sigmoid: (dy, y) => tf.mul(dy, tf.mul(y, tf.sub(1, y))),
  relu: (dy, y) => tf.mul(dy, tf.step(y)),
};

/** The same gradients in tfjs ops, which tfjs can differentiate again. */
function differentiableGradients(dy: tf.Tensor, x: tf.Tensor, w: tf.Tensor, y: tf.Tensor, attrs: DenseBackpropAttrs): Record<string, () => tf.Tensor> {
  const g = () => preactivationGrad[attrs.activation](dy, y);
  return {
    x: () => tf.matMul(g(), w, false, true),
    w: () => tf.matMul(x, g(), true, false),
    ...(attrs.hasBias ? { b: () => tf.sum(g(), 0) } : {}),
  };
}

/**
 * The gradient of y = act(x·w + b): all of ∂x, ∂w, ∂b from one kernel, run when the engine asks for this
 * node's gradients. tfjs calls this function in the scope of the whole backward pass and then one closure
 * per input on the path, so a gradient no closure takes (∂x of a data input) is freed with that scope.
 * When that backward pass is itself being differentiated, the same gradients come from tfjs ops instead.
 */
export const denseGradConfig: tf.GradConfig = {
  kernelName: Dense,
  inputsToSave: ['x', 'w'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, w, y] = saved;
    const { activation, hasBias } = attrs as unknown as DenseBackpropAttrs;
    if (isRecordingGradients()) return differentiableGradients(dy as tf.Tensor, x, w, y, { activation, hasBias });
    const [dx, dw, db] = tf.engine().runKernel(DenseBackprop, { dy: dy as tf.Tensor, x, w, y }, { activation, hasBias }) as tf.Tensor[];
    return { x: () => dx, w: () => dw, ...(hasBias ? { b: () => db } : {}) };
  },
};
