import type * as tf from '@tensorflow/tfjs-core';
import { simdKernels } from './simd-kernels';
import { allocate, heapOffset, type WasmBackend } from './wasm-backend-internals';

/** Whether an output of rows × cols fits the SIMD matMul's tiles of 4 × 8. */
export const fitsSimdTiles = (rows: number, cols: number): boolean => rows % 4 === 0 && cols % 8 === 0;

/** How the left operand a [m×k] is read: a[i, r] at element i·rowStride + r·depthStride of its buffer. */
export interface LeftOperand {
  a: tf.TensorInfo;
  m: number;
  k: number;
  rowStride: number;
  depthStride: number;
}

/**
 * a·b (+ bias) into a new [m, n] tensor by the SIMD matMul, for outputs that fit its tiles. It reads a
 * transposed operand in place, and it keeps no packed copy of b: the backend's matMul packs b anew for
 * every tensor it has not met, which is every gradient, and for the same weights costs about as much.
 */
export function simdMatMul(wasm: WasmBackend, { a, m, k, rowStride, depthStride }: LeftOperand, b: tf.TensorInfo, bias?: tf.TensorInfo): tf.TensorInfo {
  const n = b.shape[1];
  const out = allocate(wasm, [m, n]);
  const biasAt = bias === undefined ? 0 : heapOffset(wasm, bias);
  simdKernels(wasm).matMul(heapOffset(wasm, a), heapOffset(wasm, b), heapOffset(wasm, out), m, n, k, rowStride, depthStride, biasAt, bias === undefined ? 0 : 1);
  return out;
}
