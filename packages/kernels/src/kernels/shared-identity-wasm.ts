import * as tf from '@tensorflow/tfjs-core';
import type { WasmBackend } from '../wasm/wasm-backend-internals';

/**
 * Identity on wasm that shares its input's buffer. tfjs-backend-wasm 4.22's Identity copies it, and the
 * engine runs Identity for every tensor a kernel saves for its gradient, so a gradient tape held each saved
 * tensor twice. Tensors are immutable, so sharing (reference-counted, as wasm's own Reshape and the cpu
 * backend's Identity do) gives the same values: 641 → 450 MB of wasm heap for backprop through a conv field
 * (NFE 14, batch 16, 28×28×11 states) and no copy per saved tensor.
 */
export const sharedIdentityWasmConfig: tf.KernelConfig = {
  kernelName: tf.Identity,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const x = inputs.x as tf.TensorInfo;
    (backend as WasmBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  },
};
