import * as tf from '@tensorflow/tfjs-core';
import { simdKernels } from '../wasm/simd-kernels';
import { fitsSimdTiles, simdMatMul } from '../wasm/simd-matmul';
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
 * act(x·w + b) as one kernel: the SIMD matMul (bias inside) where the output fits its tiles and the
 * activation is linear or tanh, else the backend's fused matMul (XNNPACK, bias and relu/sigmoid inside);
 * for tanh, the SIMD tanh in place on its output.
 */
export const denseWasmConfig: tf.KernelConfig = {
  kernelName: Dense,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, w, b } = inputs as { x: tf.TensorInfo; w: tf.TensorInfo; b?: tf.TensorInfo };
    const { activation } = attrs as unknown as ActivationAttrs;
    const wasm = backend as WasmBackend;
    const [rows, cols] = [x.shape[0], w.shape[1]];
    const simd = fitsSimdTiles(rows, cols) && (activation === 'linear' || activation === 'tanh');
    const out = simd
      ? simdMatMul(wasm, { a: x, m: rows, k: x.shape[1], rowStride: x.shape[1], depthStride: 1 }, w, b)
      : backendFusedMatMul(wasm, x, w, b, activation);
    if (activation === 'tanh') simdKernels(wasm).tanh(heapOffset(wasm, out), heapOffset(wasm, out), rows * cols);
    return out;
  },
};

