import type * as tf from '@tensorflow/tfjs-core';
import type { WasmBackend } from '../wasm/wasm-backend-internals';
import { denseLayer } from './dense-wasm';
import { DenseLayers, denseLayersInputs, type DenseLayersAttrs } from './kernel-names';

/**
 * A chain of dense layers as one kernel, its inputs the list [x, w0, b0, w1, …, h0, h1, …]: each
 * layer's act(h·w + b) by denseLayer, the first with the time column, every hidden layer's output
 * written into its buffer h (which the gradient reads), the last layer's into the one output. (One
 * output only: tfjs hands a gradient a zero tensor for every output nothing used.)
 */
export const denseLayersWasmConfig: tf.KernelConfig = {
  kernelName: DenseLayers,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { activations, hasBias, time } = attrs as unknown as DenseLayersAttrs;
    const wasm = backend as WasmBackend;
    const list = inputs as unknown as tf.TensorInfo[];
    const { layers, hidden } = denseLayersInputs(hasBias);
    const last = layers.length - 1;
    return layers.reduce((h, { w, b }, i) => {
      const into = i < last ? list[hidden + i] : undefined;
      return denseLayer(wasm, h, list[w], b === undefined ? undefined : list[b], activations[i], i === 0 ? time : null, into);
    }, list[0]);
  },
};
