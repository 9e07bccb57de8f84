import type * as tf from '@tensorflow/tfjs-core';
import { simdKernels } from './simd-kernels';
import { allocate, heapOffset, type WasmBackend } from './wasm-backend-internals';

/** The left operand a [m×k]: the buffer of `a` row-major, or (transposed) a [k×m] buffer read as its transpose, in place. */
export interface LeftOperand {
  a: tf.TensorInfo;
  m: number;
  k: number;
  transposed?: boolean;
}

/**
 * The right operand [k×n]: `b` row-major, or its transpose `bT` [n×k], or both where both are at hand.
 * The tiles read b, the last n % 8 columns bT; the one missing (when needed) is made by a transpose.
 */
export interface RightOperand {
  n: number;
  b?: tf.TensorInfo;
  bT?: tf.TensorInfo;
}

export interface MatMulEpilogue {
  bias?: tf.TensorInfo;
  relu?: boolean;
}

/** mᵀ of a rows × cols buffer, materialised by the SIMD transpose. */
export function transposed(wasm: WasmBackend, m: tf.TensorInfo, rows = m.shape[0], cols = m.shape[1]): tf.TensorInfo {
  const out = allocate(wasm, [cols, rows]);
  simdKernels(wasm).transpose(heapOffset(wasm, m), heapOffset(wasm, out), rows, cols);
  return out;
}

/**
 * a·b (+ bias, then relu) into a new [m, n] tensor by the SIMD kernels, any shape: the matMul's tiles
 * of 4 × 8 over the first n − n % 8 columns, dot products of rows over the rest. It keeps no packed copy
 * of b: the backend's matMul packs b anew for every tensor it has not met, which is every gradient, and
 * for the same weights costs about as much; and on outputs a few columns wide (a field's last layer, the
 * gradient of its first) XNNPACK's fixed cost is most of its time.
 */
export function simdMatMul(wasm: WasmBackend, left: LeftOperand, right: RightOperand, { bias, relu = false }: MatMulEpilogue = {}): tf.TensorInfo {
  const { a, m, k } = left;
  const { n } = right;
  if (left.transposed && n < 8 && m % 8 === 0 && right.b !== undefined && bias === undefined && !relu) {
    // (aᵀ·b)ᵀ = bᵀ·a fills whole tiles where aᵀ·b is too narrow for any (∂w of a field's last layer).
    const outT = simdMatMul(wasm, { a: right.b, m: n, k, transposed: true }, { n: m, b: a });
    const out = transposed(wasm, outT, n, m);
    wasm.disposeData(outT.dataId);
    return out;
  }
  const kernels = simdKernels(wasm);
  const out = allocate(wasm, [m, n]);
  const [outAt, biasAt, hasBias] = [heapOffset(wasm, out), bias === undefined ? 0 : heapOffset(wasm, bias), bias === undefined ? 0 : 1];
  const tiled = n - (n % 8);
  const temporaries: tf.TensorInfo[] = [];
  const made = (t: tf.TensorInfo) => (temporaries.push(t), t);
  if (tiled > 0) {
    const b = right.b ?? made(transposed(wasm, right.bT!, n, k));
    const [rowStride, depthStride] = left.transposed ? [1, m] : [k, 1];
    kernels.matMul(heapOffset(wasm, a), heapOffset(wasm, b), outAt, m, n, tiled, k, rowStride, depthStride, biasAt, hasBias, relu ? 1 : 0);
  }
  if (tiled < n) {
    const rows = left.transposed ? made(transposed(wasm, a, k, m)) : a;
    const bT = right.bT ?? made(transposed(wasm, right.b!, k, n));
    kernels.dotMatMul(heapOffset(wasm, rows), k, heapOffset(wasm, bT) + 4 * tiled * k, outAt + 4 * tiled, n, m, n - tiled, k, biasAt + 4 * tiled, hasBias, relu ? 1 : 0);
  }
  temporaries.forEach((t) => wasm.disposeData(t.dataId));
  return out;
}
