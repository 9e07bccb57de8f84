import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { MNIST_CLASS_NAMES } from '../class-names';
import type { ArrayDataset } from '../dataset';
import { DataFileError } from '../errors';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../idx';
import { idxImageSet } from '../idx-image-set';
import type { TrainTest } from '../split';
import { readIdx } from './idx-file';

/** One image set from an IDX images file and its IDX labels file, gzipped or raw: see `idxImageSet`. */
export async function loadIdxImageSet(imagesPath: string, labelsPath: string, classNames: readonly string[]): Promise<ArrayDataset> {
  // images, then labels: a broken pair names the images file first, every time
  const images = await readIdx(imagesPath, IDX_IMAGES_MAGIC);
  const labels = await readIdx(labelsPath, IDX_LABELS_MAGIC);
  return idxImageSet(images, labels, classNames, { images: imagesPath, labels: labelsPath });
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
  // the four files found, then read, one after another: a missing or broken one is named in the same order every time (train first)
  const paths: string[] = [];
  for (const prefix of ['train', 't10k']) for (const kind of ['images-idx3', 'labels-idx1']) paths.push(await standardFile(dir, `${prefix}-${kind}-ubyte`));
  const train = await loadIdxImageSet(paths[0], paths[1], classNames);
  return { train, test: await loadIdxImageSet(paths[2], paths[3], classNames) };
}

/** MNIST from a folder holding the four official IDX files: 60,000 train and 10,000 test digits. */
export function loadMnist(dir: string): Promise<TrainTest> {
  return loadMnistLayout(dir, MNIST_CLASS_NAMES);
}
