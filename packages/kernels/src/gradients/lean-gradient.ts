import * as tf from '@tensorflow/tfjs-core';
import { wasmBackend } from '../wasm/wasm-backend-internals';

/**
 * A lean gradient's contribution to one input's gradient: a backend buffer made for the backward pass
 * (freed once added), or `scale`·`of` for a buffer the pass keeps (a node's dy, which a weighted sum's
 * every input gets scaled: added in place with no buffer of its own).
 */
export type LeanContribution = tf.TensorInfo | ScaledBuffer;

export interface ScaledBuffer {
  of: tf.TensorInfo;
  scale: number;
}

/** Whether a contribution is a scaled buffer the pass keeps rather than one made for it. */
export const isScaledBuffer = (contribution: LeanContribution): contribution is ScaledBuffer => 'scale' in contribution;

/**
 * The gradient of one of this package's kernels on wasm, run straight on the backend: the contributions
 * to its inputs' gradients by input name, with no op call, no tensor and no scope per output (a
 * train-step's rk4 backward pass spent ≈ 14 µs of engine work on each denseLayers node besides its
 * kernel). Given the node's output gradients, its saved tensors and its kernel call's attributes.
 */
export type LeanGradient = (dys: tf.TensorInfo[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => Record<string, LeanContribution>;

/** Runs the wasm kernel `name` (as registered, in its scratch scope) on backend buffers: its outputs, as a list. */
export function runWasmKernel(name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap): tf.TensorInfo[] {
  const outputs = tf.getKernel(name, 'wasm')!.kernelFunc({ inputs, backend: wasmBackend(), attrs });
  return Array.isArray(outputs) ? outputs : [outputs];
}
