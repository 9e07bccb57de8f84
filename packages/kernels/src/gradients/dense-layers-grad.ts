import * as tf from '@tensorflow/tfjs-core';
import { DenseLayers, DenseLayersBackprop, denseLayersInputs, type DenseLayersAttrs } from '../kernels/kernel-names';

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
    const { layers, hidden } = denseLayersInputs((attrs as unknown as DenseLayersAttrs).hasBias);
    // the layer outputs: the hidden layers' buffers, then the chain's output
    const named: tf.NamedTensorMap = { dy: dy as tf.Tensor, x: saved[0] };
    layers.forEach(({ w }, i) => {
      named[`w${i}`] = saved[w];
      named[`y${i}`] = saved[hidden + i];
    });
    const grads = tf.engine().runKernel(DenseLayersBackprop, named, attrs) as tf.Tensor[];
    return Object.fromEntries(grads.map((grad, i) => [String(i), () => grad]));
  },
};
