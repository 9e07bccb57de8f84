import * as tf from '@tensorflow/tfjs-core';
import { sameGeometry3x3, windowBlocks, type ConvGeometry } from '../wasm/im2col';
import { simdKernels } from '../wasm/simd-kernels';
import { allocate, heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { Patches3x3, Patches3x3Backprop } from './kernel-names';

/** The im2col of x under `geometry` into a new zeroed [B, OH, OW, KH·KW·C] tensor, one block copy per tap. */
export function im2col(wasm: WasmBackend, x: tf.TensorInfo, geometry: ConvGeometry): tf.TensorInfo {
  const kernels = simdKernels(wasm);
  const taps = geometry.filterHeight * geometry.filterWidth;
  const out = allocate(wasm, [geometry.batchSize, geometry.outHeight, geometry.outWidth, taps * geometry.inChannels]);
  kernels.zero(heapOffset(wasm, out), 4 * tf.util.sizeFromShape(out.shape));
  for (const { image, patches, rows, cols, imageStrides: s, patchStrides: d } of windowBlocks(geometry, heapOffset(wasm, x), heapOffset(wasm, out))) {
    kernels.copyRuns(image, patches, 4 * geometry.inChannels, geometry.batchSize, rows, cols, s[0], s[1], s[2], d[0], d[1], d[2]);
  }
  return out;
}

/** The 3×3 'same' patches (im2col) of an NHWC batch. */
export const patches3x3WasmConfig: tf.KernelConfig = {
  kernelName: Patches3x3,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const x = inputs.x as tf.TensorInfo;
    return im2col(backend as WasmBackend, x, sameGeometry3x3(x.shape));
  },
};

/** The gradient of the patches: each tap's block added back onto the image (col2im). */
export const patches3x3BackpropWasmConfig: tf.KernelConfig = {
  kernelName: Patches3x3Backprop,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const dy = inputs.dy as tf.TensorInfo;
    const wasm = backend as WasmBackend;
    const kernels = simdKernels(wasm);
    const shape = [...dy.shape.slice(0, 3), dy.shape[3] / 9];
    const out = allocate(wasm, shape);
    kernels.zero(heapOffset(wasm, out), 4 * tf.util.sizeFromShape(shape));
    for (const { image, patches, rows, cols, imageStrides: s, patchStrides: d } of windowBlocks(sameGeometry3x3(shape), heapOffset(wasm, out), heapOffset(wasm, dy))) {
      kernels.addRuns(patches, image, 4 * shape[3], shape[0], rows, cols, d[0], d[1], d[2], s[0], s[1], s[2]);
    }
    return out;
  },
};
