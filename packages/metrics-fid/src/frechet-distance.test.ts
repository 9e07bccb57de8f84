import { describe, expect, it, vi } from 'vitest';
import { FidInputError } from './errors';
import { frechetDistance, frechetDistanceWith, traceSqrtProduct } from './frechet-distance';
import type { GaussianStatistics } from './gaussian-statistics';
import { SeededRandom } from '@tfode/seeded-random';
import { EigenConvergenceError } from './symmetric-eigen';
import {
  denmanBeaversSqrt, gaussianMatrix, gramCovariance, matmul, randomOrthogonal, traceOf, transpose, withSpectrum,
} from './test-support';

function stats(mean: Float64Array, covariance: Float64Array): GaussianStatistics {
  return { dim: mean.length, mean, covariance };
}

function randomMean(random: SeededRandom, d: number): Float64Array {
  return Float64Array.from({ length: d }, () => random.normal());
}

/** Independent reference: ‖Δμ‖² + tr Σ₁ + tr Σ₂ − 2 tr √(Σ₁Σ₂) with √ by Denman–Beavers on the product. */
function referenceDistance(a: GaussianStatistics, b: GaussianStatistics): number {
  const d = a.dim;
  const root = denmanBeaversSqrt(matmul(a.covariance, b.covariance, d, d, d), d);
  const meanTerm = a.mean.reduce((s, v, i) => s + (v - b.mean[i]) ** 2, 0);
  return meanTerm + traceOf(a.covariance, d) + traceOf(b.covariance, d) - 2 * traceOf(root, d);
}

describe('frechetDistance', () => {
  it('equals Σ(√aᵢ − √bᵢ)² + ‖Δμ‖² for diagonal covariances', () => {
    const d = 300;
    const random = new SeededRandom(11);
    const a = Float64Array.from({ length: d }, () => 0.01 + 5 * random.uniform());
    const b = Float64Array.from({ length: d }, () => 0.01 + 5 * random.uniform());
    const diag = (v: Float64Array) => {
      const m = new Float64Array(d * d);
      v.forEach((x, i) => (m[i * d + i] = x));
      return m;
    };
    const mu1 = randomMean(random, d);
    const mu2 = randomMean(random, d);
    const exact = a.reduce((s, ai, i) => s + (Math.sqrt(ai) - Math.sqrt(b[i])) ** 2 + (mu1[i] - mu2[i]) ** 2, 0);
    const value = frechetDistance(stats(mu1, diag(a)), stats(mu2, diag(b)));
    expect(Math.abs(value - exact) / exact).toBeLessThan(1e-9);
  });

  it('equals the closed form for commuting covariances Q diag(a) Qᵀ, Q diag(b) Qᵀ', () => {
    const d = 64;
    const random = new SeededRandom(12);
    const q = randomOrthogonal(random, d);
    const a = Array.from({ length: d }, () => 0.1 + random.uniform());
    const b = Array.from({ length: d }, () => 0.1 + 3 * random.uniform());
    const mu = randomMean(random, d);
    const exact = a.reduce((s, ai, i) => s + (Math.sqrt(ai) - Math.sqrt(b[i])) ** 2, 0);
    const value = frechetDistance(stats(mu, withSpectrum(q, a, d)), stats(mu, withSpectrum(q, b, d)));
    expect(Math.abs(value - exact) / exact).toBeLessThan(1e-9);
  });

  it.each([64, 512])('matches Denman–Beavers √(Σ₁Σ₂) on non-commuting %i-d covariances to 1e-6', (d) => {
    const random = new SeededRandom(d);
    const m = 2 * d;
    const a = stats(randomMean(random, d), gramCovariance(gaussianMatrix(random, m, d), m, d));
    const bSamples = gaussianMatrix(random, m, d).map((v, i) => v * (1 + (i % d) / d));
    const b = stats(randomMean(random, d).map((v) => 0.3 * v), gramCovariance(bSamples, m, d));
    const reference = referenceDistance(a, b);
    expect(Math.abs(frechetDistance(a, b) - reference) / reference).toBeLessThan(1e-6);
  });

  it('is zero within 1e-8·tr Σ for identical statistics, full rank and rank deficient', () => {
    const d = 128;
    const random = new SeededRandom(5);
    for (const m of [400, 40]) {
      const s = stats(randomMean(random, d), gramCovariance(gaussianMatrix(random, m, d), m, d));
      expect(Math.abs(frechetDistance(s, s))).toBeLessThan(1e-8 * traceOf(s.covariance, d));
    }
  });

  it('is exact for n < d: tr√(Σ₁Σ₂) equals the nuclear norm of X₁X₂ᵀ/√(m₁m₂)', () => {
    const d = 96;
    const random = new SeededRandom(8);
    const [m1, m2] = [30, 20];
    const x1 = gaussianMatrix(random, m1, d);
    const x2 = gaussianMatrix(random, m2, d).map((v, i) => v * (0.5 + (i % d) / d));
    // Nonzero eigenvalues of Σ₁Σ₂ are those of KᵀK/(m₁m₂), K = X₁X₂ᵀ (m₁×m₂, full column rank).
    const k = matmul(x1, transpose(x2, m2, d), m1, d, m2);
    const ktk = matmul(transpose(k, m1, m2), k, m2, m1, m2).map((v) => v / (m1 * m2));
    const exact = traceOf(denmanBeaversSqrt(ktk, m2), m2);
    const value = traceSqrtProduct(gramCovariance(x1, m1, d), gramCovariance(x2, m2, d), d);
    expect(Math.abs(value - exact) / exact).toBeLessThan(1e-9);
  });

  it('rejects NaN, mismatched dimensions and asymmetric covariances with clear errors', () => {
    const good = stats(new Float64Array(2), Float64Array.of(1, 0, 0, 1));
    expect(() => frechetDistance(good, stats(Float64Array.of(0, NaN), Float64Array.of(1, 0, 0, 1)))).toThrow(/mean\[1\] is NaN/);
    expect(() => frechetDistance(good, stats(new Float64Array(2), Float64Array.of(1, NaN, NaN, 1)))).toThrow(FidInputError);
    expect(() => frechetDistance(good, stats(new Float64Array(3), new Float64Array(9)))).toThrow(/dimensions differ \(2 vs 3\)/);
    expect(() => frechetDistance(good, stats(new Float64Array(2), new Float64Array(3)))).toThrow(/expected dim² = 4/);
    expect(() => frechetDistance(good, stats(new Float64Array(2), Float64Array.of(1, 2, 0, 1)))).toThrow(/not symmetric/);
  });

  it('refuses covariances that are not positive semi-definite', () => {
    // Eigenvalues 3 and −1: the plain formula gives 4 − 2·√13 < 0.
    const indefinite = stats(new Float64Array(2), Float64Array.of(1, 2, 2, 1));
    expect(() => frechetDistance(indefinite, indefinite)).toThrow(/not positive semi-definite/);
    const negative = stats(new Float64Array(2), Float64Array.of(-1, 0, 0, 1));
    expect(() => frechetDistance(negative, negative)).toThrow(FidInputError);
  });

  it('never comes out negative for identical statistics: rounding below zero is clamped', () => {
    const d = 32;
    const random = new SeededRandom(12);
    for (let trial = 0; trial < 20; trial++) {
      const s = stats(randomMean(random, d), gramCovariance(gaussianMatrix(random, trial % 2 ? 50 : 10, d), trial % 2 ? 50 : 10, d));
      expect(frechetDistance(s, s)).toBeGreaterThanOrEqual(0);
    }
  });

  it('factors the covariance from fewer samples, and the distance does not depend on the argument order', () => {
    const [d, few, many] = [24, 40, 90];
    const random = new SeededRandom(12);
    const small = { ...stats(randomMean(random, d), gramCovariance(gaussianMatrix(random, few, d), few, d)), count: few };
    const large = { ...stats(randomMean(random, d), gramCovariance(gaussianMatrix(random, many, d), many, d)), count: many };
    const factored: Float64Array[] = [];
    const spy = (s1: Float64Array, s2: Float64Array, dim: number) => (factored.push(s1), traceSqrtProduct(s1, s2, dim));
    const forward = frechetDistanceWith(large, small, {}, spy);
    const backward = frechetDistanceWith(small, large, {}, spy);
    expect(factored).toEqual([small.covariance, small.covariance]);
    expect(forward).toBe(backward);
    const reference = referenceDistance(large, small);
    expect(Math.abs(forward - reference)).toBeLessThan(1e-8 * reference);
  });

  it('retries with an ε diagonal offset when the first attempt is not finite, as the reference does', () => {
    const s = stats(Float64Array.of(1, 2), Float64Array.of(2, 0, 0, 3));
    const seen: Float64Array[] = [];
    const warnings: string[] = [];
    const flaky = (s1: Float64Array, s2: Float64Array, dim: number) => {
      seen.push(s1);
      if (seen.length === 1) throw new EigenConvergenceError(0);
      return traceSqrtProduct(s1, s2, dim);
    };
    const value = frechetDistanceWith(s, s, { eps: 1e-3, onWarning: (w) => warnings.push(w) }, flaky);
    expect(Array.from(seen[1])).toEqual([2.001, 0, 0, 3.001]);
    expect(warnings[0]).toMatch(/adding 0.001 to the diagonal/);
    // tr Σ − 2 tr(Σ+εI) + tr Σ = −2dε.
    expect(value).toBeCloseTo(-4e-3, 12);
    const warn = vi.fn();
    expect(() => frechetDistanceWith(s, s, { onWarning: warn }, () => Number.NaN)).toThrow(/not finite even with a 0.000001 diagonal offset/);
    expect(warn).toHaveBeenCalledOnce();
  });
});
