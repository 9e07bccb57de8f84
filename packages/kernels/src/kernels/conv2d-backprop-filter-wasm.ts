import * as tf from '@tensorflow/tfjs-core';
import { simdKernels } from '../wasm/simd-kernels';
import { allocate, heapOffset, type WasmBackend } from '../wasm/wasm-backend-internals';
import { wasmMatMul } from '../wasm/wasm-matmul';
import { im2col } from './patches-wasm';

/**
 * ∂filter of conv2d on wasm, which tfjs-backend-wasm 4.22 lacks (so a conv2d could not be trained there):
 * the im2col of x, [B·OH·OW, KH·KW·C], transposed and multiplied by dy as [B·OH·OW, K]. NHWC, any
 * strides and padding tfjs's conv2d gradient accepts (it has no gradient for dilations above 1).
 */
export const conv2dBackpropFilterWasmConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    if (dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm supports NHWC only');
    const wasm = backend as WasmBackend;
    const geometry = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
    const columns = im2col(wasm, x, geometry);
    const rows = geometry.batchSize * geometry.outHeight * geometry.outWidth;
    const depth = filterShape[0] * filterShape[1] * filterShape[2];
    const columnsT = allocate(wasm, [depth, rows]);
    simdKernels(wasm).transpose(heapOffset(wasm, columns), heapOffset(wasm, columnsT), rows, depth);
    wasm.disposeData(columns.dataId);
    const out = wasmMatMul(wasm, columnsT, { ...dy, shape: [rows, filterShape[3]] });
    wasm.disposeData(columnsT.dataId);
    out.shape = [...filterShape];
    return out;
  },
};
