import * as tf from '@tensorflow/tfjs-core';
import { scaleFloats, simdKernels } from '../wasm/simd-kernels';
import { allocate, heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { WeightedSum, WeightedSumBackprop, type WeightedSumAttrs } from './kernel-names';
import { numberedInputs } from './numbered-inputs';

/** Σ_i wᵢ·tᵢ of same-shape tensors t0, t1, … in one pass per term (tfjs: a Mul and an Add or AddN per term). */
export const weightedSumWasmConfig: tf.KernelConfig = {
  kernelName: WeightedSum,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { weights } = attrs as unknown as WeightedSumAttrs;
    const wasm = backend as WasmBackend;
    const kernels = simdKernels(wasm);
    const terms = numberedInputs(inputs, weights.length);
    const out = allocate(wasm, terms[0].shape);
    const n = tf.util.sizeFromShape(out.shape);
    kernels.zero(heapOffset(wasm, out), 4 * n);
    terms.forEach((term, i) => kernels.addScaled(heapOffset(wasm, term), heapOffset(wasm, out), n, weights[i]));
    return out;
  },
};

/** The gradient of a weighted sum: wᵢ·dy for every term, all from one kernel. */
export const weightedSumBackpropWasmConfig: tf.KernelConfig = {
  kernelName: WeightedSumBackprop,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { weights } = attrs as unknown as WeightedSumAttrs;
    const dy = inputs.dy as tf.TensorInfo;
    const wasm = backend as WasmBackend;
    const kernels = simdKernels(wasm);
    const n = tf.util.sizeFromShape(dy.shape);
    return weights.map((w) => {
      const grad = allocate(wasm, dy.shape);
      scaleFloats(kernels, heapOffset(wasm, dy), heapOffset(wasm, grad), n, w);
      return grad;
    });
  },
};
