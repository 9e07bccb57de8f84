// The browser-safe entry: synthetic tasks, data sets in memory, batching, splits and parsers of
// bytes. File readers, downloads and image folders are in '@tfode/datasets/node'.
export { InvalidArgumentError, DataFileError } from './errors';
export { SeededRandom } from '@tfode/seeded-random';
export type { Bytes } from './bytes';
export { createDataset, subset, concatDatasets, classCounts, shapeSize, type ArrayDataset, type ArrayDatasetParts } from './dataset';
export { trainTestSplit, type SplitOptions, type TrainTest } from './split';
export { makeBatch, toTensors, batches, epochOrder, batchCount, type Batch, type BatchOptions, type TensorOptions } from './batches';
export { concentricAnnuli, type AnnuliOptions } from './annuli';
export { planeGrid } from './plane-grid';
export { reflection1d, g1d } from './reflection';
export { vanDerPolTrajectories, type VanDerPolOptions, type VanDerPolDataset } from './van-der-pol';
export { trackingTask, type TrackingOptions, type TrackingTask, type SignalComponent } from './tracking';
export { memorizationEpisodes, type MemorizationOptions, type MemorizationDataset } from './memorization';
export { movingMnist, type MovingMnistOptions, type MovingMnistDataset } from './moving-mnist';
export { conditionalCnfTask, type ConditionalCnfOptions, type ConditionalCnfDataset } from './conditional-cnf';
export { MNIST_CLASS_NAMES, FASHION_MNIST_CLASS_NAMES, CIFAR10_CLASS_NAMES } from './class-names';
export { parseIdx, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, type IdxArray } from './idx';
export { idxImageSet, type IdxSources } from './idx-image-set';
export { parseCifar10Batch } from './cifar10';
