import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { concatDatasets, createDataset, type ArrayDataset } from './dataset';
import { DataFileError } from './errors';
import { readDataFile, type ReadLimits } from './data-file';
import type { TrainTest } from './mnist-format';

export const CIFAR10_CLASS_NAMES: readonly string[] = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

const SIDE = 32;
const PLANE = SIDE * SIDE;
const RECORD_BYTES = 1 + 3 * PLANE;
/** batches.meta.txt holds ten short class names: a larger file is not one. */
const META_MAX_BYTES = 64 * 1024;

/**
 * One CIFAR-10 binary batch: records of 1 label byte then 3072 pixel bytes (1024 red, 1024 green,
 * 1024 blue, each row-major); returned as uint8 NHWC [32, 32, 3]. A file over `limits.maxBytes`
 * is refused before it is read.
 */
export async function readCifar10Batch(path: string, classNames: readonly string[] = CIFAR10_CLASS_NAMES, limits: ReadLimits = {}): Promise<ArrayDataset> {
  const bytes = await readDataFile(path, limits);
  if (bytes.length === 0 || bytes.length % RECORD_BYTES !== 0) {
    throw new DataFileError(path, `${bytes.length} bytes is not a whole number of ${RECORD_BYTES}-byte records (1 label byte + 3072 pixel bytes); the file is truncated or not a CIFAR-10 binary batch`);
  }
  const count = bytes.length / RECORD_BYTES;
  const x = new Uint8Array(count * 3 * PLANE);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const record = i * RECORD_BYTES;
    y[i] = bytes[record];
    if (y[i] >= classNames.length) throw new DataFileError(path, `record ${i} has label ${y[i]}, outside 0…${classNames.length - 1}`);
    for (let p = 0; p < PLANE; p++) {
      for (let c = 0; c < 3; c++) x[(i * PLANE + p) * 3 + c] = bytes[record + 1 + c * PLANE + p];
    }
  }
  return createDataset({ x, xShape: [SIDE, SIDE, 3], y, numClasses: classNames.length, classNames });
}

/** CIFAR-10 from the extracted binary version: `dir` or `dir/cifar-10-batches-bin` holding data_batch_1…5.bin and test_batch.bin. */
export async function loadCifar10(dir: string): Promise<TrainTest> {
  let root = dir;
  try {
    await access(join(dir, 'cifar-10-batches-bin'));
    root = join(dir, 'cifar-10-batches-bin');
  } catch {
    // the batches sit in dir itself
  }
  let classNames = CIFAR10_CLASS_NAMES;
  try {
    const meta = await readDataFile(join(root, 'batches.meta.txt'), { maxBytes: META_MAX_BYTES });
    const names = meta.toString('utf8').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
    if (names.length === 10) classNames = names;
  } catch {
    // batches.meta.txt is optional (and ignored when unreadable or too large): the standard names apply
  }
  const trainParts = await Promise.all([1, 2, 3, 4, 5].map((k) => readCifar10Batch(join(root, `data_batch_${k}.bin`), classNames)));
  return { train: concatDatasets(trainParts), test: await readCifar10Batch(join(root, 'test_batch.bin'), classNames) };
}
