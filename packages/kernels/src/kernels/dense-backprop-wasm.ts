import * as tf from '@tensorflow/tfjs-core';
import { activationCodes, simdKernels } from '../wasm/simd-kernels';
import { onXnnpackThreads, simdMatMul, transposed } from '../wasm/simd-matmul';
import { wasmMatMul } from '../wasm/wasm-matmul';
import { allocate, heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { DenseBackprop, type DenseBackpropAttrs } from './kernel-names';

/**
 * The gradients of y = act(x·w + b) in one kernel: g = dy·act′ (through y, one SIMD pass), then
 * ∂x = g·wᵀ (wᵀ materialised: tfjs-backend-wasm multiplies 8–10× slower when told to transpose an
 * operand, and so would a strided right operand here) and ∂w = xᵀ·g (x read transposed in place) by the
 * SIMD matMul, or for large products on the threaded build by XNNPACK's (xᵀ materialised), and ∂b =
 * the column sums of g.
 */
export const denseBackpropWasmConfig: tf.KernelConfig = {
  kernelName: DenseBackprop,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { dy, x, w, y } = inputs as { dy: tf.TensorInfo; x: tf.TensorInfo; w: tf.TensorInfo; y: tf.TensorInfo };
    const { activation, hasBias } = attrs as unknown as DenseBackpropAttrs;
    const wasm = backend as WasmBackend;
    const kernels = simdKernels(wasm);
    const [rows, cols] = y.shape;
    const fanIn = x.shape[1];
    let g = dy;
    if (activation !== 'linear') {
      g = allocate(wasm, y.shape);
      kernels.activationGrad(heapOffset(wasm, y), heapOffset(wasm, dy), heapOffset(wasm, g), rows * cols, activationCodes[activation]);
    }
    const wT = transposed(wasm, w);
    let dx: tf.TensorInfo;
    let dw: tf.TensorInfo;
    if (onXnnpackThreads(wasm, rows, fanIn, cols)) {
      const xT = transposed(wasm, x);
      [dx, dw] = [wasmMatMul(wasm, g, wT), wasmMatMul(wasm, xT, g)];
      wasm.disposeData(xT.dataId);
    } else {
      dx = simdMatMul(wasm, { a: g, m: rows, k: cols }, wT);
      dw = simdMatMul(wasm, { a: x, m: fanIn, k: rows, transposed: true }, g);
    }
    const grads = [dx, dw];
    if (hasBias) {
      const db = allocate(wasm, [cols]);
      kernels.columnSums(heapOffset(wasm, g), heapOffset(wasm, db), rows, cols);
      grads.push(db);
    }
    [wT, ...(g === dy ? [] : [g])].forEach((temporary) => wasm.disposeData(temporary.dataId));
    return grads;
  },
};
