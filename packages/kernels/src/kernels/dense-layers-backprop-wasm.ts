import type * as tf from '@tensorflow/tfjs-core';
import { releaseScratch } from '../wasm/scratch-buffers';
import type { WasmBackend } from '../wasm/wasm-backend-internals';
import { denseLayerGradients } from './dense-backprop-wasm';
import { DenseLayersBackprop, denseLayersBackpropKeys, type DenseLayersAttrs } from './kernel-names';

/**
 * The gradients of a chain of dense layers in one kernel, from the last layer back: each layer's
 * [∂input, ∂w, ∂b] by denseLayerGradients, its ∂input the next one's dy. Inputs: dy, x, the weights
 * w0, w1, … and the layer outputs y0, y1, …; each inner ∂input a temporary; outputs: ∂x, then ∂w0, ∂b0 (where layer 0 has a bias),
 * ∂w1, … in the order of the forward kernel's inputs.
 */
export const denseLayersBackpropWasmConfig: tf.KernelConfig = {
  kernelName: DenseLayersBackprop,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { activations, hasBias, time } = attrs as unknown as DenseLayersAttrs;
    const wasm = backend as WasmBackend;
    const input = (name: string) => inputs[name] as tf.TensorInfo;
    const weights: tf.TensorInfo[][] = [];
    let dy = input('dy');
    for (let i = activations.length - 1; i >= 0; i--) {
      const layer = { activation: activations[i], hasBias: hasBias[i], time: i === 0 ? time : null };
      const { w, y } = denseLayersBackpropKeys(i);
      const grads = denseLayerGradients(wasm, dy, i === 0 ? input('x') : input(denseLayersBackpropKeys(i - 1).y), input(w), input(y), layer, i > 0);
      if (dy !== inputs.dy) releaseScratch(wasm, dy);
      dy = grads[0];
      weights[i] = grads.slice(1);
    }
    const outputs = [dy];
    for (const grads of weights) outputs.push(...grads);
    return outputs;
  },
};
