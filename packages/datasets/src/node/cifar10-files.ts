import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCifar10Batch } from '../cifar10';
import { CIFAR10_CLASS_NAMES } from '../class-names';
import { concatDatasets, type ArrayDataset } from '../dataset';
import type { TrainTest } from '../split';
import { readDataFile, type ReadLimits } from './data-file';

/** batches.meta.txt holds ten short class names: a larger file is not one. */
const META_MAX_BYTES = 64 * 1024;

/** One CIFAR-10 binary batch file (see `parseCifar10Batch`); a file over `limits.maxBytes` is refused before it is read. */
export async function readCifar10Batch(path: string, classNames: readonly string[] = CIFAR10_CLASS_NAMES, limits: ReadLimits = {}): Promise<ArrayDataset> {
  return parseCifar10Batch(await readDataFile(path, limits), path, classNames);
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
  // one batch after another: a missing or broken file is named in the same order every time (data_batch_1 first)
  const trainParts = [];
  for (const k of [1, 2, 3, 4, 5]) trainParts.push(await readCifar10Batch(join(root, `data_batch_${k}.bin`), classNames));
  return { train: concatDatasets(trainParts), test: await readCifar10Batch(join(root, 'test_batch.bin'), classNames) };
}
