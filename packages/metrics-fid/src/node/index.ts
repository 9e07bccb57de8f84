// The Node entry: everything of '@tfode/metrics-fid', with `fid` and `computeStatistics` that also
// take paths (image folders, .npz files, weight files), the file readers and the CLI.
export * from '../index';
export { computeStatistics, fid } from './fid-files';
export type { FidFileOptions, FidFileSource } from './fid-files';
export { imageFolderBatches, listImages, readImage, readImageBatch } from './image-folder';
export { loadFidInceptionV3, loadInceptionWeights } from './inception-weights-file';
export type { LoadedWeights } from './inception-weights-file';
export { loadStatistics, saveStatistics } from './statistics-file';
export { loadTorchStateDict } from './torch-state-dict-file';
export { formatProgress, progressBar } from './progress-bar';
export { runCli } from './cli';
