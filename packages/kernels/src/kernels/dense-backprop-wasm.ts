import * as tf from '@tensorflow/tfjs-core';
import { activationCodes, simdKernels } from '../wasm/simd-kernels';
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
 * ∂x = g·wᵀ and ∂w = xᵀ·g by the backend's matMul, and ∂b = the column sums of g.
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
    let g = dy;
    if (activation !== 'linear') {
      g = allocate(wasm, y.shape);
      kernels.activationGrad(heapOffset(wasm, y), heapOffset(wasm, dy), heapOffset(wasm, g), rows * cols, activationCodes[activation]);
    }
    const [wT, xT] = [transposed(wasm, w), transposed(wasm, x)];
    const grads = [wasmMatMul(wasm, g, wT), wasmMatMul(wasm, xT, g)];
    if (hasBias) {
      const db = allocate(wasm, [cols]);
      kernels.columnSums(heapOffset(wasm, g), heapOffset(wasm, db), rows, cols);
      grads.push(db);
    }
    [wT, xT, ...(g === dy ? [] : [g])].forEach((temporary) => wasm.disposeData(temporary.dataId));
    return grads;
  },
};
