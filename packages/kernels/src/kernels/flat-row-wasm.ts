import * as tf from '@tensorflow/tfjs-core';
import { copyFloats, simdKernels } from '../wasm/simd-kernels';
import { allocate, heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { FlatRow, type FlatRowAttrs } from './kernel-names';
import { numberedInputs } from './numbered-inputs';

/** Inputs t0, t1, … copied one after another into one row (tfjs: a Reshape per input and a Concat). */
export const flatRowWasmConfig: tf.KernelConfig = {
  kernelName: FlatRow,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { shapes } = attrs as unknown as FlatRowAttrs;
    const wasm = backend as WasmBackend;
    const kernels = simdKernels(wasm);
    const parts = numberedInputs(inputs, shapes.length);
    const sizes = parts.map((part) => tf.util.sizeFromShape(part.shape));
    const out = allocate(wasm, [1, sizes.reduce((total, size) => total + size, 0)]);
    let at = heapOffset(wasm, out);
    parts.forEach((part, i) => {
      copyFloats(kernels, heapOffset(wasm, part), at, sizes[i]);
      at += 4 * sizes[i];
    });
    return out;
  },
};
