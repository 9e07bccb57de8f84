import * as tf from '@tensorflow/tfjs-core';
import { activationCodes, simdKernels } from '../wasm/simd-kernels';
import { allocate, heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { wasmMatMul } from '../wasm/wasm-matmul';
import { DenseBackpropBias, DenseBackpropFilter, DenseBackpropInput, type ActivationAttrs } from './kernel-names';

/** g = dy·act′(y) on the heap: dy itself for a linear layer (then not a new buffer). */
function preactivationGrad(wasm: WasmBackend, y: tf.TensorInfo, dy: tf.TensorInfo, activation: ActivationAttrs['activation']): { g: tf.TensorInfo; owned: boolean } {
  if (activation === 'linear') return { g: dy, owned: false };
  const g = allocate(wasm, y.shape);
  simdKernels(wasm).activationGrad(heapOffset(wasm, y), heapOffset(wasm, dy), heapOffset(wasm, g), tf.util.sizeFromShape(y.shape), activationCodes[activation]);
  return { g, owned: true };
}

/** mᵀ, materialised (tfjs-backend-wasm multiplies 8–10× slower when told to transpose an operand). */
function transposed(wasm: WasmBackend, m: tf.TensorInfo): tf.TensorInfo {
  const [rows, cols] = m.shape;
  const out = allocate(wasm, [cols, rows]);
  simdKernels(wasm).transpose(heapOffset(wasm, m), heapOffset(wasm, out), rows, cols);
  return out;
}

/** Runs `use` on g and the transposed operand, then frees both temporaries. */
function withGradAndTransposed(
  backend: tf.KernelBackend,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap,
  operand: 'w' | 'x',
  use: (wasm: WasmBackend, g: tf.TensorInfo, t: tf.TensorInfo) => tf.TensorInfo,
): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const { y, dy } = inputs as { y: tf.TensorInfo; dy: tf.TensorInfo };
  const { g, owned } = preactivationGrad(wasm, y, dy, (attrs as unknown as ActivationAttrs).activation);
  const t = transposed(wasm, inputs[operand] as tf.TensorInfo);
  try {
    return use(wasm, g, t);
  } finally {
    wasm.disposeData(t.dataId);
    if (owned) wasm.disposeData(g.dataId);
  }
}

/** ∂/∂x of act(x·w + b): (dy·act′)·wᵀ. */
export const denseBackpropInputWasmConfig: tf.KernelConfig = {
  kernelName: DenseBackpropInput,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => withGradAndTransposed(backend as tf.KernelBackend, inputs, attrs!, 'w', (wasm, g, wT) => wasmMatMul(wasm, g, wT)),
};

/** ∂/∂w of act(x·w + b): xᵀ·(dy·act′). */
export const denseBackpropFilterWasmConfig: tf.KernelConfig = {
  kernelName: DenseBackpropFilter,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => withGradAndTransposed(backend as tf.KernelBackend, inputs, attrs!, 'x', (wasm, g, xT) => wasmMatMul(wasm, xT, g)),
};

/** ∂/∂b of act(x·w + b): the column sums of dy·act′, in one SIMD pass. */
export const denseBackpropBiasWasmConfig: tf.KernelConfig = {
  kernelName: DenseBackpropBias,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { y, dy } = inputs as { y: tf.TensorInfo; dy: tf.TensorInfo };
    const wasm = backend as WasmBackend;
    const [rows, cols] = y.shape;
    const out = allocate(wasm, [cols]);
    const code = activationCodes[(attrs as unknown as ActivationAttrs).activation];
    simdKernels(wasm).biasGrad(heapOffset(wasm, y), heapOffset(wasm, dy), heapOffset(wasm, out), rows, cols, code);
    return out;
  },
};
