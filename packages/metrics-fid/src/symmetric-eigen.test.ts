import { describe, expect, it } from 'vitest';
import { FidInputError } from './errors';
import { SeededRandom } from '@tfode/seeded-random';
import { symmetricEigen } from './symmetric-eigen';
import { matmul, randomOrthogonal, withSpectrum } from './test-support';

function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]));
  return m;
}

describe('symmetricEigen', () => {
  it('finds the closed-form spectrum a + 2b·cos(kπ/(n+1)) of a tridiagonal Toeplitz matrix', () => {
    const n = 50;
    const a = 2.5;
    const b = -0.75;
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      m[i * n + i] = a;
      if (i + 1 < n) m[i * n + i + 1] = m[(i + 1) * n + i] = b;
    }
    const exact = Array.from({ length: n }, (_, k) => a + 2 * b * Math.cos(((k + 1) * Math.PI) / (n + 1))).sort((x, y) => x - y);
    const { values } = symmetricEigen(m, n);
    values.forEach((v, i) => expect(v).toBeCloseTo(exact[i], 12));
  });

  it('recovers a prescribed spectrum (with repeats and zeros) and orthonormal eigenvectors', () => {
    const n = 40;
    const random = new SeededRandom(7);
    const lambda = Array.from({ length: n }, (_, i) => (i < 5 ? 0 : i < 10 ? 3 : 0.1 * i * i - 4));
    const m = withSpectrum(randomOrthogonal(random, n), lambda, n);
    const { values, vectors } = symmetricEigen(m, n, { vectors: true });
    const sorted = [...lambda].sort((x, y) => x - y);
    values.forEach((v, i) => expect(Math.abs(v - sorted[i])).toBeLessThan(1e-12 * 160));
    // A vⱼ = λⱼ vⱼ and VVᵀ = I.
    const av = matmul(vectors!, m, n, n, n); // rows: vⱼᵀA = (A vⱼ)ᵀ
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < n; k++) expect(Math.abs(av[j * n + k] - values[j] * vectors![j * n + k])).toBeLessThan(1e-11);
    }
    const gram = matmul(vectors!, Float64Array.from({ length: n * n }, (_, i) => vectors![(i % n) * n + Math.floor(i / n)]), n, n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(gram[i * n + j] - (i === j ? 1 : 0))).toBeLessThan(1e-13);
  });

  it('recovers a prescribed spectrum at an odd size (the column-pair loops end on a single column)', () => {
    const n = 41;
    const lambda = Array.from({ length: n }, (_, i) => (i % 3) * 2 - 1.5 + 0.01 * i);
    const { values } = symmetricEigen(withSpectrum(randomOrthogonal(new SeededRandom(8), n), lambda, n), n);
    const sorted = [...lambda].sort((x, y) => x - y);
    values.forEach((v, i) => expect(Math.abs(v - sorted[i])).toBeLessThan(1e-12 * 8));
  });

  it('gives the same eigenvalues with and without eigenvectors', () => {
    const n = 33;
    const random = new SeededRandom(3);
    const g = Float64Array.from({ length: n * n }, () => random.normal());
    const m = g.map((_, i) => g[i] + g[(i % n) * n + Math.floor(i / n)]);
    const withVectors = symmetricEigen(m, n, { vectors: true }).values;
    const only = symmetricEigen(m, n).values;
    expect(maxAbs(withVectors.map((v, i) => v - only[i]))).toBeLessThan(1e-12 * maxAbs(only));
  });

  it('handles 1×1, 2×2 closed form and the zero matrix', () => {
    expect(Array.from(symmetricEigen(Float64Array.of(-4), 1).values)).toEqual([-4]);
    const [p, q, r] = [1, 2, 5];
    const mid = (p + r) / 2;
    const rad = Math.sqrt(((p - r) / 2) ** 2 + q * q);
    const { values } = symmetricEigen(Float64Array.of(p, q, q, r), 2);
    expect(values[0]).toBeCloseTo(mid - rad, 14);
    expect(values[1]).toBeCloseTo(mid + rad, 14);
    expect(Array.from(symmetricEigen(new Float64Array(9), 3).values)).toEqual([0, 0, 0]);
  });

  it('rejects a size that does not match the data', () => {
    expect(() => symmetricEigen(new Float64Array(5), 2)).toThrow(FidInputError);
    expect(() => symmetricEigen(new Float64Array(0), 0)).toThrow(/positive integer/);
  });
});
