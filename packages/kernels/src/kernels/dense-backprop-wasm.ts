import * as tf from '@tensorflow/tfjs-core';
import { activationCodes, simdKernels } from '../wasm/simd-kernels';
import { fitsSimdTiles, simdMatMul } from '../wasm/simd-matmul';
import { allocate, heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { wasmMatMul } from '../wasm/wasm-matmul';
import { DenseBackprop, type DenseBackpropAttrs } from './kernel-names';

/** mᵀ, materialised by the SIMD transpose (tfjs-backend-wasm multiplies 8–10× slower when told to transpose an operand). */
function transposed(wasm: WasmBackend, m: tf.TensorInfo): tf.TensorInfo {
  const [rows, cols] = m.shape;
  const out = allocate(wasm, [cols, rows]);
  simdKernels(wasm).transpose(heapOffset(wasm, m), heapOffset(wasm, out), rows, cols);
  return out;
}

/**
 * The gradients of y = act(x·w + b) in one kernel: g = dy·act′ (through y, one SIMD pass), then
 * ∂x = g·wᵀ and ∂w = xᵀ·g (the SIMD matMul where the shapes fit its tiles, else the backend's), and
 * ∂b = the column sums of g.
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
    const temporaries: tf.TensorInfo[] = [];
    const wT = transposed(wasm, w);
    temporaries.push(wT);
    const dx = fitsSimdTiles(rows, fanIn) ? simdMatMul(wasm, { a: g, m: rows, k: cols, rowStride: cols, depthStride: 1 }, wT) : wasmMatMul(wasm, g, wT);
    let dw: tf.TensorInfo;
    if (fitsSimdTiles(fanIn, cols)) {
      dw = simdMatMul(wasm, { a: x, m: fanIn, k: rows, rowStride: 1, depthStride: fanIn }, g); // xᵀ read in place
    } else {
      const xT = transposed(wasm, x);
      temporaries.push(xT);
      dw = wasmMatMul(wasm, xT, g);
    }
    const grads = [dx, dw];
    if (hasBias) {
      const db = allocate(wasm, [cols]);
      kernels.columnSums(heapOffset(wasm, g), heapOffset(wasm, db), rows, cols);
      grads.push(db);
    }
    [...temporaries, ...(g === dy ? [] : [g])].forEach((temporary) => wasm.disposeData(temporary.dataId));
    return grads;
  },
};
