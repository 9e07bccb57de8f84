// The browser-safe entry: the distances, the statistics, the network on tensors, and the readers of
// bytes. Image folders, files by path and the CLI are in '@tfode/metrics-fid/node'.
export { computeStatistics, fid } from './fid';
export type { ComputedStatistics, FidOptions, FidProgress, FidResult, FidSource, StatisticsOptions } from './fid';
export { FidInceptionV3 } from './fid-inception';
export { FidFileError, FidInputError, InvalidArgumentError } from './errors';
export type { Bytes } from './bytes';
export { DEFAULT_READER_LIMITS } from './reader-limits';
export type { ReaderLimits } from './reader-limits';
export { FeatureStatistics } from './feature-statistics';
export { frechetDistance } from './frechet-distance';
export type { FrechetOptions } from './frechet-distance';
export type { GaussianStatistics } from './gaussian-statistics';
export type { ImageBatches } from './image-batches';
export { kernelInceptionDistance } from './kernel-inception-distance';
export type { FeatureMatrix, KidOptions, KidResult } from './kernel-inception-distance';
export { FEATURE_DIM, FID_INCEPTION_STAGES, inceptionWeightManifest, INCEPTION_INPUT_SIZE } from './inception-architecture';
export type { ConvSpec, LayerSpec, ManifestEntry, PoolSpec, SplitSpec, StageSpec } from './inception-architecture';
export { REFERENCE_WEIGHTS, verifyInceptionWeights } from './inception-weights';
export type { WeightMap } from './inception-weights';
export { seededInceptionWeights } from './seeded-weights';
export { encodeStatistics, readStatistics } from './statistics-npz';
export { readTorchStateDict } from './torch-state-dict';
export type { TorchDType, TorchTensor } from './torch-state-dict';
export { symmetricEigen } from './symmetric-eigen';
export type { SymmetricEigen } from './symmetric-eigen';
