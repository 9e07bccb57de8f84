import * as tf from '@tensorflow/tfjs-core';
import { simdKernels } from '../wasm/simd-kernels';
import { sliceRuns, type Runs } from '../wasm/strided-runs';
import { heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { runReplacedKernel } from './replaced-kernels';

// Slice, SplitV and Concat on wasm as block copies inside WebAssembly. tfjs-backend-wasm 4.22 copies
// each innermost row from JavaScript (a subarray and a set per row): a SplitV of a [16, 28, 28, 72]
// im2col gradient into nine pieces took 38 ms.

const fourByte = (dtype: tf.DataType) => dtype === 'float32' || dtype === 'int32';

function copy(backend: WasmBackend, from: tf.TensorInfo, to: tf.TensorInfo, runs: Runs, targetOffset = 0): void {
  const { counts, sourceStrides: s, targetStrides: d } = runs;
  simdKernels(backend).copyRuns(
    heapOffset(backend, from) + 4 * runs.offset, heapOffset(backend, to) + 4 * targetOffset, 4 * runs.length,
    counts[0], counts[1], counts[2], 4 * s[0], 4 * s[1], 4 * s[2], 4 * d[0], 4 * d[1], 4 * d[2],
  );
}

/** x[begin : begin + size] into a new tensor, or null where the copy kernel does not apply. */
function sliceOf(backend: WasmBackend, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo | null {
  const runs = sliceRuns(x.shape, begin, size);
  if (runs === null) return null;
  const out = backend.makeOutput(size, x.dtype);
  copy(backend, x, out, runs);
  return out;
}

export const sliceWasmConfig: tf.KernelConfig = {
  kernelName: tf.Slice,
  backendName: 'wasm',
  kernelFunc: (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { begin, size } = args.attrs as unknown as tf.SliceAttrs;
    const [begin_, size_] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size);
    const out = fourByte(x.dtype) && size_.every((n) => n > 0) ? sliceOf(args.backend as WasmBackend, x, begin_, size_) : null;
    return out ?? runReplacedKernel(tf.Slice, args);
  },
};

export const splitVWasmConfig: tf.KernelConfig = {
  kernelName: tf.SplitV,
  backendName: 'wasm',
  kernelFunc: (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const { numOrSizeSplits, axis } = args.attrs as unknown as tf.SplitVAttrs;
    const at = tf.util.parseAxisParam(axis, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, at);
    if (!fourByte(x.dtype) || sizes.some((n) => n === 0) || x.shape.some((n) => n === 0)) return runReplacedKernel(tf.SplitV, args);
    const backend = args.backend as WasmBackend;
    const begin = x.shape.map(() => 0);
    return sizes.map((n) => {
      const size = x.shape.map((d, i) => (i === at ? n : d));
      const piece = sliceOf(backend, x, begin, size) ?? (runReplacedKernel(tf.Slice, { ...args, attrs: { begin: [...begin], size } }) as tf.TensorInfo);
      begin[at] += n;
      return piece;
    });
  },
};

export const concatWasmConfig: tf.KernelConfig = {
  kernelName: tf.Concat,
  backendName: 'wasm',
  kernelFunc: (args) => {
    const inputs = args.inputs as unknown as tf.TensorInfo[];
    const nonEmpty = inputs.filter((t) => tf.util.sizeFromShape(t.shape) > 0);
    if (nonEmpty.length < 2 || !nonEmpty.every((t) => fourByte(t.dtype) && t.dtype === nonEmpty[0].dtype)) return runReplacedKernel(tf.Concat, args);
    const axis = tf.util.parseAxisParam((args.attrs as unknown as tf.ConcatAttrs).axis, inputs[0].shape)[0];
    tf.backend_util.assertParamsConsistent(inputs.map((t) => t.shape), axis);
    const backend = args.backend as WasmBackend;
    const out = backend.makeOutput(tf.backend_util.computeOutShape(inputs.map((t) => t.shape), axis), nonEmpty[0].dtype);
    const rows = tf.util.sizeFromShape(out.shape.slice(0, axis));
    const rowLength = tf.util.sizeFromShape(out.shape.slice(axis));
    let column = 0;
    for (const input of nonEmpty) {
      const length = tf.util.sizeFromShape(input.shape.slice(axis));
      copy(backend, input, out, { offset: 0, length, counts: [rows, 1, 1], sourceStrides: [length, 0, 0], targetStrides: [rowLength, 0, 0] }, column);
      column += length;
    }
    return out;
  },
};
