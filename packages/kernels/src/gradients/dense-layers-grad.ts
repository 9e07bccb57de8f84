import * as tf from '@tensorflow/tfjs-core';
import { DenseLayers, DenseLayersBackprop, denseLayersBackpropKeys, denseLayersInputs, type DenseLayersAttrs } from '../kernels/kernel-names';
import { runWasmKernel, type LeanGradient } from './lean-gradient';

/** The backward kernel's inputs: dy, x, each layer's weight and output (the hidden layers' buffers, then the chain's output). */
function backpropInputs<T extends tf.TensorInfo>(dy: T, saved: T[], attrs: tf.NamedAttrMap): Record<string, T> {
  const { layers, hidden } = denseLayersInputs((attrs as unknown as DenseLayersAttrs).hasBias);
  const named: Record<string, T> = { dy, x: saved[0] };
  for (let i = 0; i < layers.length; i++) {
    const { w, y } = denseLayersBackpropKeys(i);
    named[w] = saved[layers[i].w];
    named[y] = saved[hidden + i];
  }
  return named;
}

/**
 * The gradient of a chain of dense layers: ∂x and every ∂w, ∂b from one kernel, which reads the saved
 * inputs (x, the weights and the hidden layers' buffers) and output. The buffers get no gradient: made
 * by the op for the call, they are on no path from a tensor that wants one. Not differentiable itself:
 * under nested gradients denseLayers is a chain of `dense` instead.
 */
export const denseLayersGradConfig: tf.GradConfig = {
  kernelName: DenseLayers,
  saveAllInputs: true,
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const grads = tf.engine().runKernel(DenseLayersBackprop, backpropInputs(dy as tf.Tensor, saved, attrs), attrs) as tf.Tensor[];
    return Object.fromEntries(grads.map((grad, i) => [String(i), () => grad]));
  },
};

/**
 * The same gradients as buffers, from the backward kernel run directly (engine-gradients' lean path):
 * its list of outputs, whose indices '0', '1', … are the names of the forward kernel's inputs (a list too).
 */
export const denseLayersLeanGradient: LeanGradient = ([dy], saved, attrs) =>
  runWasmKernel(DenseLayersBackprop, backpropInputs(dy, saved, attrs), attrs) as unknown as Record<string, tf.TensorInfo>;
