import * as tf from '@tensorflow/tfjs-core';
import { simdKernels } from '../wasm/simd-kernels';
import { allocate, heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { ErrorSquares, type ErrorSquaresAttrs } from './kernel-names';

/** [|y1|, Σ (e / (atol + rtol·max(y0Abs, |y1|)))²] in one pass (tfjs: Abs, Maximum, Multiply, Add, RealDiv, Square, Sum). */
export const errorSquaresWasmConfig: tf.KernelConfig = {
  kernelName: ErrorSquares,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { error, y0Abs, y1 } = inputs as { error: tf.TensorInfo; y0Abs: tf.TensorInfo; y1: tf.TensorInfo };
    const { rtol, atol } = attrs as unknown as ErrorSquaresAttrs;
    const wasm = backend as WasmBackend;
    const [y1Abs, sum] = [allocate(wasm, y1.shape), allocate(wasm, [1])];
    const at = (t: tf.TensorInfo) => heapOffset(wasm, t);
    simdKernels(wasm).errorSquares(at(error), at(y0Abs), at(y1), at(y1Abs), tf.util.sizeFromShape(y1.shape), rtol, atol, at(sum));
    return [y1Abs, sum];
  },
};
