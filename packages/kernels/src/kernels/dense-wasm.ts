import * as tf from '@tensorflow/tfjs-core';
import { simdKernels } from '../wasm/simd-kernels';
import { onXnnpackThreads, simdMatMul } from '../wasm/simd-matmul';
import { heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { Dense, type ActivationAttrs } from './kernel-names';

/** act(x·w + b) by the backend's _FusedMatMul kernel (XNNPACK), tanh left to the caller. */
function backendFusedMatMul(backend: tf.KernelBackend, x: tf.TensorInfo, w: tf.TensorInfo, b: tf.TensorInfo | undefined, activation: string): tf.TensorInfo {
  const [rows, cols] = [x.shape[0], w.shape[1]];
  const out = tf.getKernel(tf._FusedMatMul, 'wasm')!.kernelFunc({
    inputs: { a: { ...x, shape: [1, ...x.shape] }, b: { ...w, shape: [1, ...w.shape] }, ...(b === undefined ? {} : { bias: b }) },
    backend,
    attrs: { transposeA: false, transposeB: false, activation: activation === 'tanh' ? 'linear' : activation, leakyreluAlpha: 0 },
  }) as tf.TensorInfo;
  out.shape = [rows, cols];
  return out;
}

/**
 * act(x·w + b) as one kernel: the SIMD matMul (bias and relu inside), or the backend's fused matMul
 * (XNNPACK, bias and relu or sigmoid inside) for sigmoid and for large products on its threaded build;
 * for tanh, the SIMD tanh in place on the output.
 */
export const denseWasmConfig: tf.KernelConfig = {
  kernelName: Dense,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, w, b } = inputs as { x: tf.TensorInfo; w: tf.TensorInfo; b?: tf.TensorInfo };
    const { activation } = attrs as unknown as ActivationAttrs;
    const wasm = backend as WasmBackend;
    const [rows, fanIn, cols] = [x.shape[0], x.shape[1], w.shape[1]];
    const xnnpack = activation === 'sigmoid' || onXnnpackThreads(wasm, rows, fanIn, cols);
    const out = xnnpack
      ? backendFusedMatMul(wasm, x, w, b, activation)
      : simdMatMul(wasm, { a: x, m: rows, k: fanIn }, w, { bias: b, relu: activation === 'relu' });
    if (activation === 'tanh') simdKernels(wasm).tanh(heapOffset(wasm, out), heapOffset(wasm, out), rows * cols);
    return out;
  },
};
