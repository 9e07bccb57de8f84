import * as tf from '@tensorflow/tfjs-core';
import { shapeSize, type ArrayDataset } from './dataset';
import { InvalidArgumentError } from './errors';
import { SeededRandom } from '@tfode/seeded-random';

/** One mini-batch: `x` of shape [b, ...xShape] float32, `y` one-hot [b, numClasses], int32 [b] or float32 [b, ...yShape]. */
export interface Batch {
  x: tf.Tensor;
  y: tf.Tensor;
}

export interface TensorOptions {
  /** Class labels as one-hot float32 rows (default true); false gives int32 class indices. */
  oneHot?: boolean;
  /** Per-channel (last axis of xShape) standardisation after pixels are scaled to [0, 1]: (x − mean) / std. */
  normalize?: { mean: number | readonly number[]; std: number | readonly number[] };
}

export interface BatchOptions extends TensorOptions {
  batchSize: number;
  /** Reshuffle the examples each epoch (default true). */
  shuffle?: boolean;
  /** Seed of the shuffle (default 0); with `epoch` it fixes the order completely. */
  seed?: number;
  /** Epoch number (default 0): each epoch has its own order drawn from (seed, epoch). */
  epoch?: number;
  /** Leave out a last batch smaller than batchSize (default false). */
  dropRemainder?: boolean;
}

function perChannel(value: number | readonly number[], channels: number, name: string): Float32Array {
  const values = typeof value === 'number' ? new Array<number>(channels).fill(value) : value;
  if (values.length !== channels || values.some((v) => !Number.isFinite(v))) {
    throw new InvalidArgumentError(`normalize.${name} needs one finite number or ${channels} (one per channel), got ${JSON.stringify(value)}`);
  }
  return Float32Array.from(values);
}

/** The examples at `indices` as tensors: uint8 pixels become float32 in [0, 1], then `normalize` applies. */
export function makeBatch(data: ArrayDataset, indices: ArrayLike<number>, options: TensorOptions = {}): Batch {
  const n = indices.length;
  const xPer = shapeSize(data.xShape);
  const yPer = shapeSize(data.yShape);
  const channels = data.xShape.length > 0 ? data.xShape[data.xShape.length - 1] : 1;
  const mean = options.normalize ? perChannel(options.normalize.mean, channels, 'mean') : undefined;
  const std = options.normalize ? perChannel(options.normalize.std, channels, 'std') : undefined;
  if (std?.some((s) => s <= 0)) throw new InvalidArgumentError('normalize.std must be positive');
  const scale = data.x instanceof Uint8Array ? 1 / 255 : 1;
  const x = new Float32Array(n * xPer);
  const classes = data.y instanceof Int32Array;
  const oneHot = classes && (options.oneHot ?? true);
  const numClasses = data.numClasses ?? 0;
  const y = classes && !oneHot ? new Int32Array(n) : new Float32Array(n * (oneHot ? numClasses : yPer));
  for (let k = 0; k < n; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= data.size) throw new InvalidArgumentError(`index ${i} is outside 0…${data.size - 1}`);
    for (let j = 0; j < xPer; j++) {
      const value = data.x[i * xPer + j] * scale;
      const c = j % channels;
      x[k * xPer + j] = mean && std ? (value - mean[c]) / std[c] : value;
    }
    if (oneHot) y[k * numClasses + data.y[i]] = 1;
    else y.set(data.y.subarray(i * yPer, (i + 1) * yPer), k * yPer);
  }
  const yShape = oneHot ? [n, numClasses] : classes ? [n] : [n, ...data.yShape];
  return { x: tf.tensor(x, [n, ...data.xShape], 'float32'), y: tf.tensor(y, yShape, classes && !oneHot ? 'int32' : 'float32') };
}

/** The whole dataset as one batch (for the small synthetic sets). */
export function toTensors(data: ArrayDataset, options: TensorOptions = {}): Batch {
  return makeBatch(data, Int32Array.from({ length: data.size }, (_, i) => i), options);
}

/** The example order of one epoch: the identity, or a permutation drawn from (seed, epoch). */
export function epochOrder(size: number, options: Pick<BatchOptions, 'shuffle' | 'seed' | 'epoch'> = {}): Int32Array {
  const { shuffle = true, seed = 0, epoch = 0 } = options;
  if (!Number.isInteger(epoch) || epoch < 0) throw new InvalidArgumentError(`epoch must be a non-negative integer, got ${epoch}`);
  if (!shuffle) return Int32Array.from({ length: size }, (_, i) => i);
  // Golden-ratio stride: neighbouring epochs get unrelated mulberry32 streams.
  return new SeededRandom((seed + Math.imul(epoch, 0x9e3779b9)) | 0).permutation(size);
}

/** How many batches one epoch yields. */
export function batchCount(size: number, options: Pick<BatchOptions, 'batchSize' | 'dropRemainder'>): number {
  return options.dropRemainder ? Math.floor(size / options.batchSize) : Math.ceil(size / options.batchSize);
}

/**
 * One epoch of batches. At most one batch of tensors is alive: requesting the next batch (or
 * leaving the loop, normally or by `break`/throw) disposes the previous one, so `tf.clone`
 * whatever must outlive its loop iteration.
 */
export async function* batches(data: ArrayDataset, options: BatchOptions): AsyncGenerator<Batch, void, undefined> {
  const { batchSize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InvalidArgumentError(`batchSize must be a positive integer, got ${batchSize}`);
  const order = epochOrder(data.size, options);
  const count = batchCount(data.size, options);
  let current: Batch | undefined;
  try {
    for (let b = 0; b < count; b++) {
      if (current) tf.dispose([current.x, current.y]);
      current = undefined;
      current = makeBatch(data, order.subarray(b * batchSize, Math.min((b + 1) * batchSize, data.size)), options);
      yield current;
    }
  } finally {
    if (current) tf.dispose([current.x, current.y]);
  }
}
