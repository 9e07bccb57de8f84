import { FASHION_MNIST_CLASS_NAMES } from '../class-names';
import type { TrainTest } from '../split';
import { loadMnistLayout } from './mnist-format';

/** Where Debian's package dataset-fashion-mnist installs the four IDX files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** Fashion-MNIST (Xiao et al. 2017): 60,000 train and 10,000 test 28×28 images, by default from Debian's package. */
export function loadFashionMnist(dir: string = DEBIAN_FASHION_MNIST_DIR): Promise<TrainTest> {
  return loadMnistLayout(dir, FASHION_MNIST_CLASS_NAMES);
}
