import * as tf from '@tensorflow/tfjs-core';
import { copyFloats, simdKernels } from '../wasm/simd-kernels';
import { onXnnpackThreads, simdMatMul } from '../wasm/simd-matmul';
import { simdTanh } from '../wasm/simd-tanh';
import { releaseScratch, scratch } from '../wasm/scratch-buffers';
import { allocate, heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { Dense, type DenseAttrs } from './kernel-names';

/** act(x·w + b) by the backend's _FusedMatMul kernel (XNNPACK), tanh left to the caller. */
function backendFusedMatMul(backend: tf.KernelBackend, x: tf.TensorInfo, w: tf.TensorInfo, b: tf.TensorInfo | undefined, activation: string): tf.TensorInfo {
  const [rows, cols] = [x.shape[0], w.shape[1]];
  const out = tf.getKernel(tf._FusedMatMul, 'wasm')!.kernelFunc({
    inputs: { a: { ...x, shape: [1, ...x.shape] }, b: { ...w, shape: [1, ...w.shape] }, ...(b === undefined ? {} : { bias: b }) },
    backend,
    attrs: { transposeA: false, transposeB: false, activation: activation === 'tanh' ? 'linear' : activation, leakyreluAlpha: 0 },
  }) as tf.TensorInfo;
  out.shape = [rows, cols];
  return out;
}

/** The first `rows` rows of a row-major matrix, as a view on its buffer. */
export const leadingRows = (m: tf.TensorInfo, rows: number): tf.TensorInfo => ({ ...m, shape: [rows, m.shape[1]] });

/** b + t·w[last row] (or t·w[last row] without b) into `out`: the bias that stands for the constant column t appended to x. */
function biasWithTime(wasm: WasmBackend, w: tf.TensorInfo, b: tf.TensorInfo | undefined, time: number, out: tf.TensorInfo): tf.TensorInfo {
  const kernels = simdKernels(wasm);
  const cols = w.shape[1];
  if (b === undefined) kernels.zero(heapOffset(wasm, out), 4 * cols);
  else copyFloats(kernels, heapOffset(wasm, b), heapOffset(wasm, out), cols);
  kernels.addScaled(heapOffset(wasm, w) + 4 * (w.shape[0] - 1) * cols, heapOffset(wasm, out), cols, time);
  return out;
}

/**
 * act(x·w + b): the SIMD matMul (bias and relu inside), or the backend's fused matMul (XNNPACK, bias
 * and relu or sigmoid inside) for sigmoid and for large products on its threaded build; for tanh, the
 * SIMD tanh in place on the output. With a time column t (time not null), act(x·w[:in] + (b + t·w[in])).
 * Into `into` where given (an [rows, out] buffer), else into a new tensor.
 */
export function denseLayer(wasm: WasmBackend, x: tf.TensorInfo, wAll: tf.TensorInfo, bias: tf.TensorInfo | undefined, activation: DenseAttrs['activation'], time: number | null, into?: tf.TensorInfo): tf.TensorInfo {
  const [rows, fanIn, cols] = [x.shape[0], x.shape[1], wAll.shape[1]];
  const hasTime = time !== null;
  const w = hasTime ? leadingRows(wAll, fanIn) : wAll;
  const onBackend = activation === 'sigmoid' || onXnnpackThreads(wasm, rows, fanIn, cols);
  // a temporary the backend's own kernel reads must be in its tensor table: no scratch block
  const b = hasTime ? biasWithTime(wasm, wAll, bias, time, (onBackend ? allocate : scratch)(wasm, [cols])) : bias;
  let out: tf.TensorInfo;
  if (onBackend) {
    out = backendFusedMatMul(wasm, x, w, b, activation);
    if (into !== undefined) {
      copyFloats(simdKernels(wasm), heapOffset(wasm, out), heapOffset(wasm, into), rows * cols);
      wasm.disposeData(out.dataId);
      out = into;
    }
  } else out = simdMatMul(wasm, { a: x, m: rows, k: fanIn }, w, { bias: b, relu: activation === 'relu', into });
  if (activation === 'tanh') simdTanh(wasm, heapOffset(wasm, out), heapOffset(wasm, out), rows * cols);
  if (hasTime) releaseScratch(wasm, b!);
  return out;
}

/** act(x·w + b) as one kernel (denseLayer). */
export const denseWasmConfig: tf.KernelConfig = {
  kernelName: Dense,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, w, b } = inputs as { x: tf.TensorInfo; w: tf.TensorInfo; b?: tf.TensorInfo };
    const { activation, time } = attrs as unknown as DenseAttrs;
    return denseLayer(backend as WasmBackend, x, w, b, activation, time);
  },
};
