import * as tf from '@tensorflow/tfjs-core';
import { FidInputError } from './errors';
import type { GaussianStatistics } from './gaussian-statistics';
import { multiplyByTranspose } from './matrix-product';

/** Rows per CᵀC product: bounds the transposed copy (8 MB at dim 2048) whatever the batch size. */
const SLICE_ROWS = 512;

/**
 * Streaming mean and covariance in float64 over any number of batches. Each batch is centred on
 * its own mean and merged with Chan et al.'s pairwise update, which stays accurate where the
 * textbook Σxxᵀ/n − μμᵀ loses digits (features have large means relative to their spread).
 */
export class FeatureStatistics {
  private n = 0;
  private readonly sum: Float64Array;
  /** Σ(x−μ)(x−μ)ᵀ, row-major; only the upper triangle is read. */
  private readonly scatter: Float64Array;

  constructor(readonly dim: number) {
    if (!Number.isInteger(dim) || dim < 1) throw new FidInputError(`FeatureStatistics: dim must be a positive integer, got ${dim}`);
    this.sum = new Float64Array(dim);
    this.scatter = new Float64Array(dim * dim);
  }

  get count(): number {
    return this.n;
  }

  /** Adds `rows` feature vectors stored row-major in `features` (length rows·dim). */
  add(features: ArrayLike<number>, rows = features.length / this.dim): void {
    const d = this.dim;
    if (!Number.isInteger(rows) || features.length !== rows * d) {
      throw new FidInputError(`FeatureStatistics.add: ${features.length} values are not whole rows of dim ${d}`);
    }
    if (rows === 0) return;
    const batchMean = new Float64Array(d);
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < d; i++) {
        const v = features[r * d + i];
        if (!Number.isFinite(v)) throw new FidInputError(`FeatureStatistics.add: feature ${i} of row ${r} is ${v}`);
        batchMean[i] += v;
      }
    }
    for (let i = 0; i < d; i++) batchMean[i] /= rows;
    // Σ(x−x̄)(x−x̄)ᵀ of the batch as products CᵀC of slices C of the centred batch, each stored transposed
    // (row i = feature i over the slice) so every entry is a dot product of contiguous rows.
    for (let start = 0; start < rows; start += SLICE_ROWS) {
      const sliceRows = Math.min(SLICE_ROWS, rows - start);
      const centredTransposed = new Float64Array(d * sliceRows);
      for (let r = 0; r < sliceRows; r++) {
        const row = (start + r) * d;
        for (let i = 0; i < d; i++) centredTransposed[i * sliceRows + r] = features[row + i] - batchMean[i];
      }
      const sliceScatter = multiplyByTranspose(centredTransposed, centredTransposed, d, d, sliceRows, true);
      for (let k = 0; k < d * d; k++) this.scatter[k] += sliceScatter[k];
    }
    // Chan et al.: M₂ += M₂,batch + δδᵀ·n·m/(n+m) with δ = mean_batch − mean.
    if (this.n > 0) {
      const delta = batchMean.map((m, i) => m - this.sum[i] / this.n);
      this.addOuter(delta, (this.n * rows) / (this.n + rows));
    }
    for (let i = 0; i < d; i++) this.sum[i] += batchMean[i] * rows;
    this.n += rows;
  }

  /** Adds a [rows, dim] tensor of features (read back to the host; the tensor is not disposed). */
  async addTensor(features: tf.Tensor2D): Promise<void> {
    if (features.rank !== 2 || features.shape[1] !== this.dim) {
      throw new FidInputError(`FeatureStatistics.addTensor: expected [rows, ${this.dim}], got [${features.shape}]`);
    }
    this.add(await features.data(), features.shape[0]);
  }

  /** μ and the unbiased covariance (divides by n − 1, like numpy.cov in the reference). */
  toGaussian(): GaussianStatistics {
    const d = this.dim;
    if (this.n < 2) throw new FidInputError(`FeatureStatistics: a covariance needs at least 2 samples, have ${this.n}`);
    const covariance = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) covariance[i * d + j] = covariance[j * d + i] = this.scatter[i * d + j] / (this.n - 1);
    }
    return { dim: d, mean: this.sum.map((s) => s / this.n), covariance, count: this.n };
  }

  private addOuter(v: Float64Array, weight: number): void {
    const d = this.dim;
    for (let i = 0; i < d; i++) {
      const vi = v[i] * weight;
      if (vi === 0) continue;
      const row = i * d;
      for (let j = i; j < d; j++) this.scatter[row + j] += vi * v[j];
    }
  }
}
