import { FidInputError } from './errors';

/** Mean μ and covariance Σ (row-major dim×dim, float64) of a feature distribution, from `count` samples. */
export interface GaussianStatistics {
  readonly dim: number;
  readonly mean: Float64Array;
  readonly covariance: Float64Array;
  /** Number of samples behind the estimate, when known (pytorch-fid's .npz files do not store it). */
  readonly count?: number;
}

/** Throws a FidInputError naming `label` unless the statistics are finite, consistent and symmetric. */
export function validateStatistics(stats: GaussianStatistics, label: string): void {
  const { dim, mean, covariance } = stats;
  if (!Number.isInteger(dim) || dim < 1) throw new FidInputError(`${label}: dim must be a positive integer, got ${dim}`);
  if (mean.length !== dim) throw new FidInputError(`${label}: mean has ${mean.length} entries but dim is ${dim}`);
  if (covariance.length !== dim * dim) {
    throw new FidInputError(`${label}: covariance has ${covariance.length} entries, expected dim² = ${dim * dim}`);
  }
  const badMean = mean.findIndex((v) => !Number.isFinite(v));
  if (badMean >= 0) throw new FidInputError(`${label}: mean[${badMean}] is ${mean[badMean]}; remove NaN/Inf features before computing statistics`);
  const badCov = covariance.findIndex((v) => !Number.isFinite(v));
  if (badCov >= 0) {
    throw new FidInputError(`${label}: covariance[${Math.floor(badCov / dim)}][${badCov % dim}] is ${covariance[badCov]}; remove NaN/Inf features`);
  }
  let largest = 0;
  for (const v of covariance) largest = Math.max(largest, Math.abs(v));
  for (let i = 0; i < dim; i++) {
    for (let j = i + 1; j < dim; j++) {
      if (Math.abs(covariance[i * dim + j] - covariance[j * dim + i]) > 1e-6 * largest) {
        throw new FidInputError(`${label}: covariance is not symmetric at (${i}, ${j}); pass a covariance matrix`);
      }
    }
  }
}
