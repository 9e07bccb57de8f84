import { describe, expect, it } from 'vitest';
import { FidInputError } from './errors';
import { pivotedCholesky } from './pivoted-cholesky';
import { SeededRandom } from '@tfode/seeded-random';
import { gaussianMatrix, gramCovariance, matmul, transpose } from './test-support';

function reconstructionError(a: Float64Array, n: number): { rank: number; error: number; scale: number } {
  const { rank, factorTransposed } = pivotedCholesky(a, n);
  const back = matmul(transpose(factorTransposed, rank, n), factorTransposed, n, rank, n);
  let error = 0;
  let scale = 0;
  a.forEach((v, i) => {
    error = Math.max(error, Math.abs(v - back[i]));
    scale = Math.max(scale, Math.abs(v));
  });
  return { rank, error, scale };
}

describe('pivotedCholesky', () => {
  it('factors a full-rank covariance exactly (F Fᵀ = A)', () => {
    const n = 40;
    const { rank, error, scale } = reconstructionError(gramCovariance(gaussianMatrix(new SeededRandom(2), 100, n), 100, n), n);
    expect(rank).toBe(n);
    expect(error).toBeLessThan(1e-13 * scale);
  });

  it('finds the rank m of XᵀX for m < n samples and still reproduces A', () => {
    const n = 50;
    const m = 17;
    const { rank, error, scale } = reconstructionError(gramCovariance(gaussianMatrix(new SeededRandom(3), m, n), m, n), n);
    expect(rank).toBe(m);
    expect(error).toBeLessThan(1e-13 * scale);
  });

  it('orders the indices pivots first, so that F in that order is lower-trapezoidal', () => {
    const n = 30;
    const a = gramCovariance(gaussianMatrix(new SeededRandom(4), 12, n), 12, n);
    const { rank, factorTransposed, order } = pivotedCholesky(a, n);
    expect(rank).toBe(12);
    expect([...order].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
    for (let k = 0; k < rank; k++) {
      expect(factorTransposed[k * n + order[k]]).toBeGreaterThan(0);
      for (let p = 0; p < k; p++) expect(factorTransposed[k * n + order[p]]).toBe(0);
    }
  });

  it('returns rank 0 for the zero matrix and checks sizes', () => {
    expect(pivotedCholesky(new Float64Array(4), 2).rank).toBe(0);
    expect(() => pivotedCholesky(new Float64Array(3), 2)).toThrow(FidInputError);
  });
});
