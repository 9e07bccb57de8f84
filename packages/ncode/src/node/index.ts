// The Node entry: everything of '@tfode/ncode', plus the weight files (node:fs) and atomic file writes.
export * from '../index';
export { loadWeights, saveWeights, writeFileAtomic } from './weight-files';
