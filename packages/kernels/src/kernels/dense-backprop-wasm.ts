import * as tf from '@tensorflow/tfjs-core';
import { activationCodes, copyFloats, scaleFloats, simdKernels } from '../wasm/simd-kernels';
import { onXnnpackThreads, simdMatMul, transposed } from '../wasm/simd-matmul';
import { wasmMatMul } from '../wasm/wasm-matmul';
import { inTensorTable, releaseScratch, scratch } from '../wasm/scratch-buffers';
import { allocate, heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { leadingRows } from './dense-wasm';
import { DenseBackprop, type DenseAttrs } from './kernel-names';

/** [∂w; t·Σg]: the gradient of the leading rows, then that of the time row. */
function withTimeRow(wasm: WasmBackend, dwLeading: tf.TensorInfo, columnSums: tf.TensorInfo, time: number): tf.TensorInfo {
  const kernels = simdKernels(wasm);
  const [fanIn, cols] = dwLeading.shape;
  const dw = allocate(wasm, [fanIn + 1, cols]);
  const [from, to] = [heapOffset(wasm, dwLeading), heapOffset(wasm, dw)];
  copyFloats(kernels, from, to, fanIn * cols);
  scaleFloats(kernels, heapOffset(wasm, columnSums), to + 4 * fanIn * cols, cols, time);
  releaseScratch(wasm, dwLeading);
  return dw;
}

/**
 * The gradients [∂x, ∂w, ∂b (with a bias)] of y = act(x·w + b), given dy (∂x a temporary for
 * releaseScratch where dxTemporary: a layer's ∂input inside a chain): g = dy·act′ (through y, one
 * SIMD pass), then ∂x = g·wᵀ (wᵀ materialised: tfjs-backend-wasm multiplies 8–10× slower when told to
 * transpose an operand, and so would a strided right operand here) and ∂w = xᵀ·g (x read transposed in
 * place) by the SIMD matMul, or for large products on the threaded build by XNNPACK's (xᵀ
 * materialised), and ∂b = the column sums of g. With a time column t (w one row longer than x is
 * wide), ∂x through w's leading rows and ∂w's last row t·∂b.
 */
export function denseLayerGradients(
  wasm: WasmBackend,
  dy: tf.TensorInfo,
  x: tf.TensorInfo,
  wAll: tf.TensorInfo,
  y: tf.TensorInfo,
  { activation, hasBias, time }: DenseAttrs,
  dxTemporary = false,
): tf.TensorInfo[] {
  const kernels = simdKernels(wasm);
  const [rows, cols] = y.shape;
  const fanIn = x.shape[1];
  const hasTime = time !== null;
  const onBackend = onXnnpackThreads(wasm, rows, fanIn, cols);
  // temporaries the backend's own kernels read must be in its tensor table: no scratch blocks
  const temporary = onBackend ? allocate : scratch;
  let g = dy;
  if (activation !== 'linear') {
    g = temporary(wasm, y.shape);
    kernels.activationGrad(heapOffset(wasm, y), heapOffset(wasm, dy), heapOffset(wasm, g), rows * cols, activationCodes[activation]);
  } else if (onBackend) g = inTensorTable(wasm, dy); // dy may be the scratch ∂input of the next layer in a chain
  const wT = transposed(wasm, hasTime ? leadingRows(wAll, fanIn) : wAll, temporary(wasm, [cols, fanIn]));
  let dx: tf.TensorInfo;
  let dw: tf.TensorInfo;
  if (onBackend) {
    const xT = transposed(wasm, x, allocate(wasm, [fanIn, rows]));
    [dx, dw] = [wasmMatMul(wasm, g, wT), wasmMatMul(wasm, xT, g)];
    releaseScratch(wasm, xT);
  } else {
    dx = simdMatMul(wasm, { a: g, m: rows, k: cols }, wT, dxTemporary ? { into: scratch(wasm, [rows, fanIn]) } : {});
    dw = simdMatMul(wasm, { a: x, m: fanIn, k: rows, transposed: true }, g, hasTime ? { into: scratch(wasm, [fanIn, cols]) } : {});
  }
  const sums = hasBias ? allocate(wasm, [cols]) : hasTime ? scratch(wasm, [cols]) : undefined;
  if (sums !== undefined) kernels.columnSums(heapOffset(wasm, g), heapOffset(wasm, sums), rows, cols);
  if (hasTime) dw = withTimeRow(wasm, dw, sums!, time);
  const grads = [dx, dw];
  if (hasBias) grads.push(sums!);
  [wT, ...(g === dy ? [] : [g]), ...(sums !== undefined && !hasBias ? [sums] : [])].forEach((temporary) => releaseScratch(wasm, temporary));
  return grads;
}

/** The gradients of y = act(x·w + b) in one kernel (denseLayerGradients). */
export const denseBackpropWasmConfig: tf.KernelConfig = {
  kernelName: DenseBackprop,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { dy, x, w, y } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo; w: tf.TensorInfo; y: tf.TensorInfo };
    return denseLayerGradients(backend as WasmBackend, dy, x, w, y, attrs as unknown as DenseAttrs);
  },
};
