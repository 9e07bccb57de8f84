import * as tf from '@tensorflow/tfjs-core';
import { simdTanh } from '../wasm/simd-tanh';
import { allocate, heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';

/** tanh on wasm through the SIMD kernel (tfjs-backend-wasm 4.22 runs a scalar loop, about 10× slower). */
export const tanhWasmConfig: tf.KernelConfig = {
  kernelName: tf.Tanh,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const x = inputs.x as tf.TensorInfo;
    const wasm = backend as WasmBackend;
    const out = allocate(wasm, x.shape);
    simdTanh(wasm, heapOffset(wasm, x), heapOffset(wasm, out), tf.util.sizeFromShape(x.shape));
    return out;
  },
};
