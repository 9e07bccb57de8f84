import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom } from '@tfode/nanode-bases';
import { describe, expect, it } from 'vitest';
import { GaussianMixture } from './gaussian-mixture';

const means = [[0, 0], [4, 1], [-3, 4]];
const scales = [[[1, 0], [0.5, 0.5]], [[0.6, 0], [-0.3, 0.4]], [[0.5, 0], [0, 1]]]; // lower factors: Σ = LLᵀ

function draws(n: number, seed: number): number[][] {
  const random = new SeededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const j = i % 3;
    const [e0, e1] = [random.normal(), random.normal()];
    return [means[j][0] + scales[j][0][0] * e0, means[j][1] + scales[j][1][0] * e0 + scales[j][1][1] * e1];
  });
}

describe('GaussianMixture (EM, full covariance, k-means++ start)', () => {
  const data = draws(900, 1);
  const gmm = GaussianMixture.fit(data, { components: 3, seed: 2 });

  it('recovers the means of a 3-component mixture within 0.1 and its weights', () => {
    for (const mean of means) {
      const nearest = gmm.means.reduce((best, m) => (Math.hypot(m[0] - mean[0], m[1] - mean[1]) < Math.hypot(best[0] - mean[0], best[1] - mean[1]) ? m : best));
      expect(Math.hypot(nearest[0] - mean[0], nearest[1] - mean[1])).toBeLessThan(0.1);
    }
    gmm.weights.forEach((w) => expect(w).toBeCloseTo(1 / 3, 1));
    expect(gmm.converged).toBe(true);
    expect(gmm.iterations).toBeLessThanOrEqual(100);
  });

  it('log-likelihood of a single Gaussian matches the closed form', () => {
    const one = GaussianMixture.fit([[0, 0], [2, 0], [0, 2], [2, 2]], { components: 1, seed: 1, regularization: 0 });
    // Σ = I, μ = (1, 1): log p((1, 1)) = −log(2π).
    expect(one.scoreSamples([[1, 1]])[0]).toBeCloseTo(-Math.log(2 * Math.PI), 10);
    expect(one.logLikelihood([[1, 1], [1, 1]])).toBeCloseTo(-Math.log(2 * Math.PI), 10);
  });

  it('samples follow the fitted mixture (moments) without leaking tensors', () => {
    const before = tf.memory().numTensors;
    const samples = gmm.sample(3000, 5);
    const mean = tf.tidy(() => tf.mean(samples, 0).arraySync() as number[]);
    const expected = [0, 1].map((c) => gmm.weights.reduce((s, w, j) => s + w * gmm.means[j][c], 0));
    mean.forEach((v, c) => expect(v).toBeCloseTo(expected[c], 1));
    expect(tf.memory().numTensors).toBe(before + 1);
    const refit = GaussianMixture.fit(samples, { components: 3, seed: 4 });
    expect(refit.logLikelihood(data)).toBeCloseTo(gmm.logLikelihood(data), 1);
    samples.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad input', () => {
    expect(() => GaussianMixture.fit([], { components: 1, seed: 1 })).toThrow(/non-empty/);
    expect(() => GaussianMixture.fit([[1, 2], [3]], { components: 1, seed: 1 })).toThrow(/same length/);
    expect(() => GaussianMixture.fit([[1], [2]], { components: 3, seed: 1 })).toThrow(/components must be/);
    expect(() => GaussianMixture.fit([[1], [NaN]], { components: 1, seed: 1 })).toThrow(/finite/);
  });
});
