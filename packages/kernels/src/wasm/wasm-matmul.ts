import * as tf from '@tensorflow/tfjs-core';
import type { WasmBackend } from './wasm-backend-internals';

/** a·b for 2-D a, b through the wasm backend's own BatchMatMul kernel (XNNPACK), with no engine op around it. */
export function wasmMatMul(backend: WasmBackend, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
  const out = tf.getKernel(tf.BatchMatMul, 'wasm')!.kernelFunc({ inputs: { a, b }, backend, attrs: { transposeA: false, transposeB: false } }) as tf.TensorInfo;
  out.shape = [a.shape[0], b.shape[1]];
  return out;
}
