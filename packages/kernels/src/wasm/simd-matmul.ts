import type * as tf from '@tensorflow/tfjs-core';
import { simdKernels, type SimdKernels } from './simd-kernels';
import { releaseScratch, scratch } from './scratch-buffers';
import { allocate, heapOffset, isThreaded, type WasmBackend } from './wasm-backend-internals';

/** The left operand a [m×k]: the buffer of `a` row-major, or (transposed) a [k×m] buffer read as its transpose, in place. */
export interface LeftOperand {
  a: tf.TensorInfo;
  m: number;
  k: number;
  transposed?: boolean;
}

export interface MatMulEpilogue {
  bias?: tf.TensorInfo;
  relu?: boolean;
  /** An [m, n] buffer to write the product into, instead of a new one. */
  into?: tf.TensorInfo;
}

/**
 * Whether an m×k·k×n product should run on XNNPACK's threads (tfjs-backend-wasm's threaded build) rather
 * than on our SIMD matMul, which runs on one thread: above 2²⁰ multiply–adds. Classify's conv product,
 * 12544×333·333×37: 9.3 ms on ours, 5.0 on XNNPACK's 2 threads (10.4 on 1); its ∂w, 12544 deep, as
 * much again.
 */
export function onXnnpackThreads(wasm: WasmBackend, m: number, k: number, n: number): boolean {
  return isThreaded(wasm) && m * k * n > 1 << 20;
}

/** Where each output of the matMul kernel starts (its `start` argument). */
const start = { zero: 0, bias: 1, accumulate: 2 } as const;
/** Columns of a tile. */
const tileWidth = 8;
/**
 * Rows of the depth per pass of the tile kernel: as many as make 16 KiB of b (half of a 32 KiB L1 data
 * cache), from 64 to 128. Every tile runs down the whole depth, so where the depth is a batch (∂w = xᵀ·g:
 * k = 256 for a field's layer, B·H·W = 12 544 for a conv layer on 16 MNIST images) the passes would
 * stream x and g from memory once per tile; in parts they stay in cache between tiles. Measured here
 * (relaxed SIMD): ∂w of a 64→64 layer on 256 rows 52–57 µs in one part, 48 in parts of 128, 44–45 in
 * parts of 64 (16 KiB of g); the conv layer's 333×12544·12544×32 8.9–12 ms in parts of 256, 7.2–7.8 in
 * parts of 128 (16 KiB). Each output's sum runs over the depth in order whatever the parts (a part
 * starts from the stored sums of the one before): the same bits.
 */
const depthPart = (n: number): number => Math.min(128, Math.max(64, Math.floor(16384 / (4 * n))));

interface Product {
  a: number;
  rowStride: number;
  depthStride: number;
  b: number;
  out: number;
  m: number;
  /** Row length of b and out. */
  n: number;
  /** Columns to compute, a multiple of 8. */
  cols: number;
  k: number;
  bias: number;
  hasBias: boolean;
  relu: boolean;
}

/** The tile kernel down the depth in parts of depthPart, each adding onto the sums before it; relu on the last. */
function tiledProduct(kernels: SimdKernels, p: Product): void {
  const part = depthPart(p.n);
  for (let r = 0; r === 0 || r < p.k; r += part) {
    const depth = Math.min(part, p.k - r);
    const from = r > 0 ? start.accumulate : p.hasBias ? start.bias : start.zero;
    const last = r + depth >= p.k;
    kernels.matMul(p.a + 4 * r * p.depthStride, p.b + 4 * r * p.n, p.out, p.m, p.n, p.cols, depth, p.rowStride, p.depthStride, p.bias, from, p.relu && last ? 1 : 0);
  }
}

/** The runs layout of a [rows × len] block with `from` and `to` row strides (elements), for copyRuns. */
function copyBlock(kernels: SimdKernels, src: number, dst: number, rows: number, len: number, from: number, to: number): void {
  kernels.copyRuns(src, dst, 4 * len, rows, 1, 1, 4 * from, 0, 0, 4 * to, 0, 0);
}

/**
 * The last `rest` columns of out = a·b: where a's rows are contiguous, dot products of them with the rows
 * of bᵀ (the dot kernel, four columns at a time); where a is read transposed (∂w = xᵀ·g, whose rows
 * would need a transposed copy of x), the tile kernel on b's last columns copied into one zero-padded
 * tile column, and back out.
 */
function lastColumns(wasm: WasmBackend, kernels: SimdKernels, p: Product, left: LeftOperand, b: tf.TensorInfo, tiled: number): void {
  const rest = p.n - tiled;
  if (!left.transposed) {
    const bT = transposed(wasm, b, scratch(wasm, [b.shape[1], b.shape[0]]));
    kernels.dotMatMul(p.a, p.k, heapOffset(wasm, bT) + 4 * tiled * p.k, p.out + 4 * tiled, p.n, p.m, rest, p.k, p.bias + 4 * tiled, p.hasBias ? 1 : 0, p.relu ? 1 : 0);
    releaseScratch(wasm, bT);
    return;
  }
  const tile = scratch(wasm, [(p.k + p.m + 1) * tileWidth]);
  const column = heapOffset(wasm, tile);
  const [part, partBias] = [column + 4 * p.k * tileWidth, column + 4 * (p.k + p.m) * tileWidth];
  kernels.zero(column, 4 * p.k * tileWidth);
  copyBlock(kernels, p.b + 4 * tiled, column, p.k, rest, p.n, tileWidth);
  if (p.hasBias) copyBlock(kernels, p.bias + 4 * tiled, partBias, 1, rest, 0, 0);
  tiledProduct(kernels, { ...p, b: column, out: part, n: tileWidth, cols: tileWidth, bias: partBias });
  copyBlock(kernels, part, p.out + 4 * tiled, p.m, rest, tileWidth, p.n);
  releaseScratch(wasm, tile);
}

/**
 * a·b (+ bias, then relu) into a new [m, n] tensor by the SIMD kernels, any shape: the tile kernel on
 * the first n − n % 8 columns, lastColumns on the rest. It keeps no packed copy of b: the backend's
 * matMul packs b anew for every tensor it has not met, which is every gradient, and for the same weights
 * costs about as much; and on outputs a few columns wide (a field's last layer, the gradient of its
 * first) XNNPACK's fixed cost is most of its time.
 */
export function simdMatMul(wasm: WasmBackend, left: LeftOperand, b: tf.TensorInfo, { bias, relu = false, into }: MatMulEpilogue = {}): tf.TensorInfo {
  const { m, k } = left;
  const n = b.shape[1];
  if (left.transposed && n < tileWidth && m >= tileWidth && bias === undefined && !relu && into === undefined) return narrowTransposedProduct(wasm, left, b);
  const kernels = simdKernels(wasm);
  const out = into ?? allocate(wasm, [m, n]);
  const [rowStride, depthStride] = left.transposed ? [1, m] : [k, 1];
  const product: Product = {
    a: heapOffset(wasm, left.a), rowStride, depthStride, b: heapOffset(wasm, b), out: heapOffset(wasm, out), m, n, cols: 0, k,
    bias: bias === undefined ? 0 : heapOffset(wasm, bias), hasBias: bias !== undefined, relu,
  };
  const tiled = n - (n % tileWidth);
  if (tiled > 0) tiledProduct(kernels, { ...product, cols: tiled });
  if (tiled < n) lastColumns(wasm, kernels, product, left, b, tiled);
  return out;
}

/**
 * aᵀ·b for a [k×m] read transposed and b [k×n] fewer than 8 columns wide (∂w of a layer with a few
 * outputs, a field's last): as (bᵀ·a)ᵀ, b read transposed in place and a the right operand, whose m
 * columns fill tiles, then transposed. 3.4 µs for a 64→2 layer on 256 rows, where one zero-padded tile
 * column of b took 7.2.
 */
function narrowTransposedProduct(wasm: WasmBackend, left: LeftOperand, b: tf.TensorInfo): tf.TensorInfo {
  const { m, k } = left;
  const n = b.shape[1];
  const outT = simdMatMul(wasm, { a: b, m: n, k, transposed: true }, { ...left.a, shape: [k, m] }, { into: scratch(wasm, [n, m]) });
  const out = transposed(wasm, outT);
  releaseScratch(wasm, outT);
  return out;
}

/** mᵀ of a rows × cols buffer, materialised by the SIMD transpose (into `into`, a cols × rows buffer, where given). */
export function transposed(wasm: WasmBackend, m: tf.TensorInfo, into?: tf.TensorInfo): tf.TensorInfo {
  const [rows, cols] = m.shape;
  const out = into ?? allocate(wasm, [cols, rows]);
  simdKernels(wasm).transpose(heapOffset(wasm, m), heapOffset(wasm, out), rows, cols);
  return out;
}
