import * as tf from '@tensorflow/tfjs-core';
import { isRecordingGradients } from '../engine-state';
import { Dense, DenseBackprop, type DenseAttrs } from '../kernels/kernel-names';
import { withTimeColumn } from '../ops/dense';

/** dy·act′ through the output y, in differentiable tfjs ops (for gradients of gradients). */
const preactivationGrad: Record<DenseAttrs['activation'], (dy: tf.Tensor, y: tf.Tensor) => tf.Tensor> = {
  linear: (dy) => dy,
  tanh: (dy, y) => tf.mul(dy, tf.sub(1, tf.square(y))),
  sigmoid: (dy, y) => tf.mul(dy, tf.mul(y, tf.sub(1, y))),
  relu: (dy, y) => tf.mul(dy, tf.step(y)),
};

/** The same gradients in tfjs ops, which tfjs can differentiate again. */
function differentiableGradients(dy: tf.Tensor, x: tf.Tensor2D, w: tf.Tensor2D, y: tf.Tensor, attrs: DenseAttrs): Record<string, () => tf.Tensor> {
  const g = () => preactivationGrad[attrs.activation](dy, y);
  const { time } = attrs;
  return {
    x: () => tf.matMul(g(), time === null ? w : tf.slice(w, [0, 0], [x.shape[1], w.shape[1]]), false, true),
    w: () => tf.matMul(time === null ? x : withTimeColumn(x, time), g(), true, false),
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
    const [x, w, y] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor];
    const denseAttrs = attrs as unknown as DenseAttrs;
    const { hasBias } = denseAttrs;
    if (isRecordingGradients()) return differentiableGradients(dy as tf.Tensor, x, w, y, denseAttrs);
    const [dx, dw, db] = tf.engine().runKernel(DenseBackprop, { dy: dy as tf.Tensor, x, w, y }, attrs) as tf.Tensor[];
    return { x: () => dx, w: () => dw, ...(hasBias ? { b: () => db } : {}) };
  },
};
