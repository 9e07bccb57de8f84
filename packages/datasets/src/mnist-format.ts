import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { createDataset, type ArrayDataset } from './dataset';
import { DataFileError } from './errors';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, readIdx } from './idx';

export interface TrainTest {
  train: ArrayDataset;
  test: ArrayDataset;
}

/** One image set from an IDX images file and its IDX labels file: uint8 NHWC [rows, cols, 1], labels 0…numClasses−1. */
export async function loadIdxImageSet(imagesPath: string, labelsPath: string, classNames: readonly string[]): Promise<ArrayDataset> {
  const [images, labels] = await Promise.all([readIdx(imagesPath, IDX_IMAGES_MAGIC), readIdx(labelsPath, IDX_LABELS_MAGIC)]);
  const [count, rows, cols] = images.dims;
  if (rows === 0 || cols === 0) throw new DataFileError(imagesPath, `images of ${rows}×${cols} pixels; each dimension must be at least 1`);
  if (labels.dims[0] !== count) {
    throw new DataFileError(labelsPath, `holds ${labels.dims[0]} labels but ${imagesPath} holds ${count} images; the two files must come from the same split`);
  }
  const bad = labels.data.findIndex((label) => label >= classNames.length);
  if (bad >= 0) throw new DataFileError(labelsPath, `label ${labels.data[bad]} at index ${bad} is outside 0…${classNames.length - 1}`);
  return createDataset({ x: images.data, xShape: [rows, cols, 1], y: Int32Array.from(labels.data), numClasses: classNames.length, classNames });
}

/** `dir/name.gz` when it exists, else `dir/name`; names both when neither does. */
async function standardFile(dir: string, name: string): Promise<string> {
  for (const candidate of [join(dir, `${name}.gz`), join(dir, name)]) {
    try {
      await access(candidate);
      return candidate;
    } catch {
      // try the next spelling
    }
  }
  throw new DataFileError(join(dir, `${name}.gz`), `not found (nor ${name} without .gz); put the four standard IDX files in ${dir} or call download() first`);
}

/** The standard four-file layout of MNIST and Fashion-MNIST (train-*-idx?-ubyte, t10k-*), gzipped or raw. */
export async function loadMnistLayout(dir: string, classNames: readonly string[]): Promise<TrainTest> {
  const load = async (prefix: string) =>
    loadIdxImageSet(await standardFile(dir, `${prefix}-images-idx3-ubyte`), await standardFile(dir, `${prefix}-labels-idx1-ubyte`), classNames);
  const [train, test] = await Promise.all([load('train'), load('t10k')]);
  return { train, test };
}

export const MNIST_CLASS_NAMES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** MNIST from a folder holding the four official IDX files: 60,000 train and 10,000 test digits. */
export function loadMnist(dir: string): Promise<TrainTest> {
  return loadMnistLayout(dir, MNIST_CLASS_NAMES);
}
