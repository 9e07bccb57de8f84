import * as tf from '@tensorflow/tfjs-core';
import { gradientTapeDepth } from '../engine-state';
import { DenseLayers, type DenseLayersAttrs } from '../kernels/kernel-names';
import { unsetTensor, wasmBackend } from '../wasm/wasm-backend-internals';
import { checkDenseLayer, dense, type DenseActivation, type DenseOptions } from './dense';
import { disposeAll } from '../dispose-all';

/** One layer of denseLayers: act(h·w + b), b optional, activation 'linear' unless given. */
export interface DenseLayer {
  w: tf.Tensor2D;
  b?: tf.Tensor1D;
  activation?: DenseActivation;
}

/**
 * A chain of dense layers, h ← act(h·w + b) for each layer in turn from x [rows, in] (the first
 * layer on [x, t] where `options.time` is given: its w one row longer): one kernel forward and one
 * kernel backward where the fast kernels are installed (installFastKernels: wasm), else the same
 * values from a chain of `dense` (also under nested gradients, where its backward pass is itself
 * differentiated). A field f(t, z) = MLP([z, t]) is one call.
 */
export function denseLayers(x: tf.Tensor2D, layers: DenseLayer[], options: DenseOptions = {}): tf.Tensor2D {
  if (!Array.isArray(layers) || layers.length === 0) throw new RangeError('denseLayers: give at least one layer { w, b?, activation? }');
  let input: { shape: number[]; rank: number; dtype: tf.DataType } = x;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    if (typeof layer !== 'object' || layer === null || !(layer.w instanceof tf.Tensor)) throw new TypeError(`denseLayers: layer ${i} must be { w, b?, activation? } with w a tensor`);
    checkDenseLayer('denseLayers', input, layerInputName(i), layer.w, layer.b, layer.activation ?? 'linear', i === 0 ? options.time : undefined);
    input = { shape: [x.shape[0], layer.w.shape[1]], rank: 2, dtype: 'float32' };
  }
  // Under nested gradients the backward pass is itself differentiated: `dense`'s gradient is, this kernel's is not.
  if (tf.getKernel(DenseLayers, tf.getBackend()) === undefined || gradientTapeDepth() > 1) {
    return tf.tidy(() => layers.reduce((h, { w, b, activation }, i) => dense(h, w, b, activation, i === 0 ? options : {}), x));
  }
  // the kernel's inputs [x, w0, b0, w1, …, h0, h1, …]: the hidden layers' outputs go into buffers made here, which the gradient keeps
  const attrs: DenseLayersAttrs = { activations: [], hasBias: [], time: options.time ?? null };
  const inputs: tf.Tensor[] = [x];
  for (const { w, b, activation } of layers) {
    attrs.activations.push(activation ?? 'linear');
    attrs.hasBias.push(b !== undefined);
    inputs.push(w);
    if (b !== undefined) inputs.push(b);
  }
  const wasm = wasmBackend();
  const hidden: tf.Tensor[] = [];
  for (let i = 0; i < layers.length - 1; i++) hidden.push(unsetTensor(wasm, [x.shape[0], layers[i].w.shape[1]]));
  inputs.push(...hidden);
  try {
    return tf.engine().runKernel(DenseLayers, inputs as unknown as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
  } finally {
    disposeAll(hidden);
  }
}

/** How checkDenseLayer's messages call layer i's input, made once per index. */
const inputNames: string[] = [];
const layerInputName = (i: number): string => (inputNames[i] ??= i === 0 ? 'x' : `the input of layer ${i}`);
