import * as tf from '@tensorflow/tfjs-core';
import { wasmBackend } from '../wasm/wasm-backend-internals';

/**
 * The gradient of one of this package's kernels on wasm, run straight on the backend: the backward
 * kernel's outputs as backend buffers by input name, with no op call, no tensor and no scope per output
 * (a train-step's rk4 backward pass spent ≈ 14 µs of engine work on each denseLayers node besides its
 * kernel). Given the node's output gradients, its saved tensors and its kernel call's attributes.
 */
export type LeanGradient = (dys: tf.TensorInfo[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) => Record<string, tf.TensorInfo>;

/** Runs the wasm kernel `name` (as registered, in its scratch scope) on backend buffers: its outputs, as a list. */
export function runWasmKernel(name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap): tf.TensorInfo[] {
  const outputs = tf.getKernel(name, 'wasm')!.kernelFunc({ inputs, backend: wasmBackend(), attrs });
  return Array.isArray(outputs) ? outputs : [outputs];
}
