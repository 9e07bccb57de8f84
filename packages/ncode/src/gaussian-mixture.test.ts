import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom } from '@tfode/seeded-random';
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

/** |a − b| ≤ 1e-10 · max |b|, entrywise. */
function expectClose(a: number[], b: number[]): void {
  expect(a.length).toBe(b.length);
  const scale = Math.max(...b.map(Math.abs));
  a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(1e-10 * scale));
}

const logSumExp = (row: number[]) => Math.max(...row) + Math.log(row.reduce((s, v) => s + Math.exp(v - Math.max(...row)), 0));

/** Σ⁻¹v and log|Σ| by Gaussian elimination with partial pivoting (independent of the Cholesky path). */
function solve(matrix: number[][], v: number[]): { x: number[]; logDet: number } {
  const a = matrix.map((row, i) => [...row, v[i]]);
  const d = v.length;
  let logDet = 0;
  for (let c = 0; c < d; c++) {
    const pivot = a.reduce((best, _, r) => (r >= c && Math.abs(a[r][c]) > Math.abs(a[best][c]) ? r : best), c);
    [a[c], a[pivot]] = [a[pivot], a[c]];
    logDet += Math.log(Math.abs(a[c][c]));
    for (let r = c + 1; r < d; r++) a[r] = a[r].map((x, m) => x - (a[r][c] / a[c][c]) * a[c][m]);
  }
  const x = new Array<number>(d).fill(0);
  for (let r = d - 1; r >= 0; r--) x[r] = (a[r][d] - a[r].slice(r + 1, d).reduce((s, q, m) => s + q * x[r + 1 + m], 0)) / a[r][r];
  return { x, logDet };
}

interface Reference {
  weights: number[];
  means: number[][];
  covariances: number[][][];
  iterations: number;
}

/** log w_j + log N(p; μ_j, Σ_j) for each component. */
function referenceLogDensities(p: number[], m: Reference): number[] {
  return m.means.map((mean, j) => {
    const diff = p.map((v, c) => v - mean[c]);
    const { x, logDet } = solve(m.covariances[j], diff);
    return Math.log(m.weights[j]) - 0.5 * (p.length * Math.log(2 * Math.PI) + logDet + diff.reduce((s, v, c) => s + v * x[c], 0));
  });
}

/** Textbook EM on nested arrays from k-means++ (same SeededRandom draws) + Lloyd, the reference of the flat implementation. */
function referenceFit(x: number[][], k: number, seed: number, reg: number, tolerance: number, maxIterations: number): Reference {
  const random = new SeededRandom(seed);
  const dist = (p: number[], c: number[]) => p.reduce((s, v, i) => s + (v - c[i]) ** 2, 0);
  const centers = [x[Math.floor(random.uniform() * x.length)]];
  while (centers.length < k) {
    const d2 = x.map((p) => Math.min(...centers.map((c) => dist(p, c))));
    let r = random.uniform() * d2.reduce((s, v) => s + v, 0);
    let index = 0;
    while (index < x.length - 1 && (r -= d2[index]) > 0) index++;
    centers.push(x[index]);
  }
  let labels: number[] = [];
  for (let it = 0; it < maxIterations; it++) {
    const next = x.map((p) => centers.reduce((best, c, j) => (dist(p, c) < dist(p, centers[best]) ? j : best), 0));
    if (next.every((l, i) => l === labels[i])) break;
    labels = next;
    centers.forEach((c, j) => {
      const members = x.filter((_, i) => labels[i] === j);
      if (members.length > 0) centers[j] = c.map((_, m) => members.reduce((s, p) => s + p[m], 0) / members.length);
    });
  }
  const maximize = (resp: number[][], iterations: number): Reference => {
    const nk = centers.map((_, j) => resp.reduce((s, r) => s + r[j], 0) + 10 * Number.EPSILON);
    const means = nk.map((n, j) => x[0].map((_, c) => x.reduce((s, p, i) => s + resp[i][j] * p[c], 0) / n));
    const covariances = means.map((mean, j) =>
      mean.map((_, a) => mean.map((__, b) => x.reduce((s, p, i) => s + resp[i][j] * (p[a] - mean[a]) * (p[b] - mean[b]), 0) / nk[j] + (a === b ? reg : 0))),
    );
    return { weights: nk.map((n) => n / x.length), means, covariances, iterations };
  };
  let model = maximize(x.map((_, i) => centers.map((__, j) => (labels[i] === j ? 1 : 0))), 0);
  let previous = -Infinity;
  for (let it = 1; it <= maxIterations; it++) {
    const logDensities = x.map((p) => referenceLogDensities(p, model));
    const meanLogLikelihood = logDensities.reduce((s, row) => s + logSumExp(row), 0) / x.length;
    model = maximize(logDensities.map((row) => row.map((v) => Math.exp(v - logSumExp(row)))), it);
    if (Math.abs(meanLogLikelihood - previous) < tolerance) break;
    previous = meanLogLikelihood;
  }
  return model;
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

  it('matches a textbook nested-array EM (same k-means++ draws) to 1e-10 with the same iteration count', () => {
    const random = new SeededRandom(9);
    const points = draws(150, 3).map(([a, b]) => [a, b, 0.5 * a - b + 0.7 * random.normal()]);
    const options = { components: 4, seed: 5, tolerance: 1e-9, regularization: 1e-6 };
    const fast = GaussianMixture.fit(points, options);
    const slow = referenceFit(points, options.components, options.seed, options.regularization, options.tolerance, 100);
    expect(fast.iterations).toBe(slow.iterations);
    expect(fast.iterations).toBeGreaterThan(5);
    expectClose(fast.weights, slow.weights);
    expectClose(fast.means.flat(), slow.means.flat());
    expectClose(fast.covariances.flat(2), slow.covariances.flat(2));
    expectClose(fast.scoreSamples(points), points.map((p) => logSumExp(referenceLogDensities(p, slow))));
  });

  it('rejects bad input', () => {
    expect(() => GaussianMixture.fit([], { components: 1, seed: 1 })).toThrow(/non-empty/);
    expect(() => GaussianMixture.fit([[1, 2], [3]], { components: 1, seed: 1 })).toThrow(/same length/);
    expect(() => GaussianMixture.fit([[1], [2]], { components: 3, seed: 1 })).toThrow(/components must be/);
    expect(() => GaussianMixture.fit([[1], [NaN]], { components: 1, seed: 1 })).toThrow(/finite/);
  });
});
