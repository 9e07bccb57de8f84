import * as tf from '@tensorflow/tfjs-core';
import { FidInputError } from './errors';
import { SeededRandom } from '@tfode/seeded-random';

/** Row-major features [rows, dim]. */
export interface FeatureMatrix {
  readonly rows: number;
  readonly dim: number;
  readonly data: Float32Array;
}

export interface KidOptions {
  /** Number of random subsets averaged (default 100). */
  subsets?: number;
  /** Samples per subset from each set (default min(1000, rows of either set)). */
  subsetSize?: number;
  /** Seed of the subset sampling (default 0). */
  seed?: number;
}

export interface KidResult {
  readonly mean: number;
  readonly std: number;
  readonly subsets: number;
  readonly subsetSize: number;
}

/**
 * Kernel Inception Distance (Bińkowski et al. 2018): the unbiased MMD² with the polynomial kernel
 * k(x, y) = (xᵀy/d + 1)³, averaged over random subsets sampled without replacement. Gram matrices
 * are computed by the tfjs backend in float32; the kernel and the sums are taken in float64 on the host.
 */
export function kernelInceptionDistance(a: FeatureMatrix, b: FeatureMatrix, options: KidOptions = {}): KidResult {
  for (const [m, label] of [[a, 'first'], [b, 'second']] as const) {
    if (m.data.length !== m.rows * m.dim) throw new FidInputError(`kernelInceptionDistance: ${label} features hold ${m.data.length} values, not ${m.rows}×${m.dim}`);
    if (!m.data.every(Number.isFinite)) throw new FidInputError(`kernelInceptionDistance: ${label} features contain NaN or Inf`);
  }
  if (a.dim !== b.dim) throw new FidInputError(`kernelInceptionDistance: dimensions differ (${a.dim} vs ${b.dim})`);
  const subsets = options.subsets ?? 100;
  const subsetSize = options.subsetSize ?? Math.min(1000, a.rows, b.rows);
  if (!Number.isInteger(subsetSize) || subsetSize < 2 || subsetSize > Math.min(a.rows, b.rows)) {
    throw new FidInputError(`kernelInceptionDistance: subsetSize must be an integer in [2, ${Math.min(a.rows, b.rows)}] (the smaller set), got ${subsetSize}`);
  }
  if (!Number.isInteger(subsets) || subsets < 1) throw new FidInputError(`kernelInceptionDistance: subsets must be a positive integer, got ${subsets}`);
  const random = new SeededRandom(options.seed ?? 0);
  const values: number[] = [];
  for (let s = 0; s < subsets; s++) {
    const x = gatherRows(a, sampleWithoutReplacement(random, a.rows, subsetSize));
    const y = gatherRows(b, sampleWithoutReplacement(random, b.rows, subsetSize));
    values.push(unbiasedMmd2(x, y, subsetSize, a.dim));
  }
  const mean = values.reduce((s, v) => s + v, 0) / subsets;
  const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / subsets);
  return { mean, std, subsets, subsetSize };
}

/** MMD²ᵤ = Σ_{i≠j}k(xᵢ,xⱼ)/(m(m−1)) + Σ_{i≠j}k(yᵢ,yⱼ)/(m(m−1)) − 2Σ_{i,j}k(xᵢ,yⱼ)/m². */
function unbiasedMmd2(x: Float32Array, y: Float32Array, m: number, dim: number): number {
  const [xx, yy, xy] = tf.tidy(() => {
    const tx = tf.tensor2d(x, [m, dim]);
    const ty = tf.tensor2d(y, [m, dim]);
    return [tf.matMul(tx, tx, false, true), tf.matMul(ty, ty, false, true), tf.matMul(tx, ty, false, true)].map((g) => g.dataSync());
  });
  const kernelSum = (gram: ArrayLike<number>, skipDiagonal: boolean) => {
    let sum = 0;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) if (!skipDiagonal || i !== j) sum += (gram[i * m + j] / dim + 1) ** 3;
    }
    return sum;
  };
  return (kernelSum(xx, true) + kernelSum(yy, true)) / (m * (m - 1)) - (2 * kernelSum(xy, false)) / (m * m);
}

function sampleWithoutReplacement(random: SeededRandom, n: number, k: number): Int32Array {
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random.uniform() * (n - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.subarray(0, k);
}

function gatherRows(m: FeatureMatrix, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * m.dim);
  rows.forEach((r, i) => out.set(m.data.subarray(r * m.dim, (r + 1) * m.dim), i * m.dim));
  return out;
}
