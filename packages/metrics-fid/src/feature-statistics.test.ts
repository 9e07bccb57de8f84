import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { FidInputError } from './errors';
import { FeatureStatistics } from './feature-statistics';
import { SeededRandom } from '@tfode/seeded-random';

/** Two-pass textbook estimate (mean first, then Σ(x−μ)(x−μ)ᵀ/(n−1)) as the independent reference. */
function twoPass(x: Float64Array, n: number, d: number) {
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) mean[i] += x[r * d + i] / n;
  const cov = new Float64Array(d * d);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i * d + j] += ((x[r * d + i] - mean[i]) * (x[r * d + j] - mean[j])) / (n - 1);
  }
  return { mean, cov };
}

describe('FeatureStatistics', () => {
  it('equals the two-pass mean and covariance whatever the batching, even with a large offset', () => {
    const [n, d] = [37, 6];
    const random = new SeededRandom(21);
    const x = Float64Array.from({ length: n * d }, (_, k) => 1e4 + (k % d) + random.normal());
    const { mean, cov } = twoPass(x, n, d);
    for (const batches of [[37], [1, 36], [5, 5, 5, 22], [2, 1, 30, 4]]) {
      const stats = new FeatureStatistics(d);
      let start = 0;
      for (const size of batches) {
        stats.add(x.subarray(start * d, (start + size) * d));
        start += size;
      }
      const g = stats.toGaussian();
      expect(g.count).toBe(n);
      g.mean.forEach((v, i) => expect(Math.abs(v - mean[i])).toBeLessThan(1e-10));
      g.covariance.forEach((v, i) => expect(Math.abs(v - cov[i])).toBeLessThan(1e-9));
    }
  });

  it('equals the one-shot two-pass covariance to 1e-12 relative for many rows in uneven batches (batches above the 512-row slice too)', () => {
    const [n, d] = [1500, 24];
    const random = new SeededRandom(5);
    const w = Float64Array.from({ length: d * 4 }, () => random.normal());
    // Correlated features with offsets: ReLU of a random map of 4-d Gaussians plus noise.
    const x = new Float64Array(n * d);
    for (let r = 0; r < n; r++) {
      const z = Array.from({ length: 4 }, () => random.normal());
      for (let i = 0; i < d; i++) x[r * d + i] = 3 + i + Math.max(0, z.reduce((s, v, l) => s + v * w[i * 4 + l], 0)) + 0.1 * random.normal();
    }
    const { mean, cov } = twoPass(x, n, d);
    const scale = Math.max(...cov.map(Math.abs));
    const stats = new FeatureStatistics(d);
    let start = 0;
    for (const size of [1, 700, 37, 500, 262]) {
      stats.add(x.subarray(start * d, (start + size) * d));
      start += size;
    }
    const g = stats.toGaussian();
    g.mean.forEach((v, i) => expect(Math.abs(v - mean[i])).toBeLessThan(1e-12 * Math.abs(mean[i])));
    g.covariance.forEach((v, i) => expect(Math.abs(v - cov[i])).toBeLessThan(1e-12 * scale));
  });

  it('reads tensors without leaking and rejects bad input', async () => {
    const stats = new FeatureStatistics(2);
    const t = tf.tensor2d([[1, 2], [3, 6], [5, 10]]);
    const before = tf.memory().numTensors;
    await stats.addTensor(t);
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
    const g = stats.toGaussian();
    expect(Array.from(g.mean)).toEqual([3, 6]);
    expect(Array.from(g.covariance)).toEqual([4, 8, 8, 16]);
    expect(() => stats.add([1, 2, 3])).toThrow(/not whole rows of dim 2/);
    expect(() => stats.add([1, Number.NaN])).toThrow(/feature 1 of row 0 is NaN/);
    expect(() => new FeatureStatistics(3).toGaussian()).toThrow(FidInputError);
    const wrong = tf.zeros([2, 3]) as tf.Tensor2D;
    await expect(stats.addTensor(wrong)).rejects.toThrow(/expected \[rows, 2\]/);
    wrong.dispose();
  });
});
