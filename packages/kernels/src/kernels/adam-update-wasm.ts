import * as tf from '@tensorflow/tfjs-core';
import { allocate, heapOffset, wasmMemory, type WasmBackend } from '../wasm/wasm-backend-internals';
import { AdamUpdate, type AdamUpdateAttrs } from './kernel-names';

const f32 = Math.fround;

/**
 * One Adam update of one variable (Kingma & Ba, Algorithm 1, with tfjs's bias correction by the
 * running products β1ᵗ, β2ᵗ): inputs value, m, v, the gradient g and those products accBeta1, accBeta2
 * (scalars); outputs the new value, m and v. Each step rounds to float32 where tf.train.adam's chain of
 * ops does (11 ops and 6 scalars per variable there), so the results are tfjs's, bit for bit.
 */
export const adamUpdateWasmConfig: tf.KernelConfig = {
  kernelName: AdamUpdate,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { learningRate, beta1, beta2, epsilon } = attrs as unknown as AdamUpdateAttrs;
    const wasm = backend as WasmBackend;
    const { value, m, v, g, accBeta1, accBeta2 } = inputs as Record<string, tf.TensorInfo>;
    const outputs = [value, m, v].map((t) => allocate(wasm, t.shape));
    const heap = new Float32Array(wasmMemory(wasm).buffer);
    const at = (t: tf.TensorInfo) => heapOffset(wasm, t) >> 2;
    const [p0, m0, v0, g0, p1, m1, v1] = [value, m, v, g, ...outputs].map(at);
    const [b1, b2, eps, step] = [f32(beta1), f32(beta2), f32(epsilon), f32(-learningRate)];
    const [c1, c2] = [f32(1 - beta1), f32(1 - beta2)];
    const [bias1, bias2] = [f32(1 - heap[at(accBeta1)]), f32(1 - heap[at(accBeta2)])];
    const n = tf.util.sizeFromShape(value.shape);
    for (let i = 0; i < n; i++) {
      const gi = heap[g0 + i];
      const mi = f32(f32(heap[m0 + i] * b1) + f32(gi * c1));
      const vi = f32(f32(heap[v0 + i] * b2) + f32(f32(gi * gi) * c2));
      const mHat = f32(mi / bias1);
      const vHat = f32(vi / bias2);
      heap[m1 + i] = mi;
      heap[v1 + i] = vi;
      heap[p1 + i] = f32(f32(f32(mHat / f32(f32(Math.sqrt(vHat)) + eps)) * step) + heap[p0 + i]);
    }
    return outputs;
  },
};
