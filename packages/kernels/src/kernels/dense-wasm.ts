import * as tf from '@tensorflow/tfjs-core';
import { simdKernels } from '../wasm/simd-kernels';
import { heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { Dense, type ActivationAttrs } from './kernel-names';

/**
 * act(x·w + b) as one kernel: the backend's fused matMul (XNNPACK, bias and relu/sigmoid inside) and,
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
    const out = tf.getKernel(tf._FusedMatMul, 'wasm')!.kernelFunc({
      inputs: { a: { ...x, shape: [1, ...x.shape] }, b: { ...w, shape: [1, ...w.shape] }, ...(b === undefined ? {} : { bias: b }) },
      backend,
      attrs: { transposeA: false, transposeB: false, activation: activation === 'tanh' ? 'linear' : activation, leakyreluAlpha: 0 },
    }) as tf.TensorInfo;
    out.shape = [rows, cols];
    if (activation === 'tanh') simdKernels(wasm).tanh(heapOffset(wasm, out), heapOffset(wasm, out), rows * cols);
    return out;
  },
};
