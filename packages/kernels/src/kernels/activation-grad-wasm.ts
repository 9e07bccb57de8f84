import * as tf from '@tensorflow/tfjs-core';
import { activationCodes, simdKernels } from '../wasm/simd-kernels';
import { allocate, heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { ActivationGrad, type ActivationAttrs } from './kernel-names';

/** dy·act′ through the activation's output y, one SIMD pass (tfjs's tanh gradient is three kernels). */
export const activationGradWasmConfig: tf.KernelConfig = {
  kernelName: ActivationGrad,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { y, dy } = inputs as { y: tf.TensorInfo; dy: tf.TensorInfo };
    const wasm = backend as WasmBackend;
    const out = allocate(wasm, y.shape);
    const code = activationCodes[(attrs as unknown as ActivationAttrs).activation];
    simdKernels(wasm).activationGrad(heapOffset(wasm, y), heapOffset(wasm, dy), heapOffset(wasm, out), tf.util.sizeFromShape(y.shape), code);
    return out;
  },
};
