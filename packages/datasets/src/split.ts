import { subset, type ArrayDataset } from './dataset';
import { InvalidArgumentError } from './errors';
import { SeededRandom } from '@tfode/seeded-random';

/** A data set's train and test parts. */
export interface TrainTest {
  train: ArrayDataset;
  test: ArrayDataset;
}

export interface SplitOptions {
  /** Examples in the test part (an integer), or a fraction of the whole in (0, 1). */
  test: number;
  seed: number;
}

/** A seeded random split into disjoint train and test parts that together hold every example once. */
export function trainTestSplit(data: ArrayDataset, options: SplitOptions): TrainTest {
  const { test, seed } = options;
  const testSize = test > 0 && test < 1 ? Math.round(test * data.size) : test;
  if (!Number.isInteger(testSize) || testSize < 0 || testSize > data.size) {
    throw new InvalidArgumentError(`test must be a fraction in (0, 1) or an integer in 0…${data.size}, got ${test}`);
  }
  const order = new SeededRandom(seed).permutation(data.size);
  return { train: subset(data, order.subarray(testSize)), test: subset(data, order.subarray(0, testSize)) };
}
