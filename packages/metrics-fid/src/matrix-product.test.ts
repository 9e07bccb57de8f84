import { describe, expect, it } from 'vitest';
import { multiplyByTranspose } from './matrix-product';
import { SeededRandom } from '@tfode/seeded-random';
import { gaussianMatrix, gramCovariance, matmul, transpose } from './test-support';

describe('multiplyByTranspose', () => {
  it.each([[1, 1, 1], [3, 5, 7], [33, 65, 10], [70, 70, 40]])('equals the naive A·Bᵀ for %i×%i (inner %i), odd sizes and tile edges', (m, n, k) => {
    const random = new SeededRandom(m * 100 + n);
    const a = gaussianMatrix(random, m, k);
    const b = gaussianMatrix(random, n, k);
    const expected = matmul(a, transpose(b, n, k), m, k, n);
    multiplyByTranspose(a, b, m, n, k).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('fills the lower triangle from the upper one for symmetric products A·Aᵀ', () => {
    const a = gaussianMatrix(new SeededRandom(1), 37, 9);
    const expected = matmul(a, transpose(a, 37, 9), 37, 9, 37);
    multiplyByTranspose(a, a, 37, 37, 9, true).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it.each([['a', 37, 70, 45], ['b', 70, 37, 45], ['b', 45, 45, 45]] as const)(
    'skips the zeros of a trapezoidal operand %s (row r zero before column r): %i×%i, inner %i',
    (which, m, n, k) => {
      const random = new SeededRandom(m + n);
      const trapezoid = (rows: number) => gaussianMatrix(random, rows, k).map((v, i) => (i % k < Math.floor(i / k) ? 0 : v));
      const a = which === 'a' ? trapezoid(m) : gaussianMatrix(random, m, k);
      const b = which === 'b' ? trapezoid(n) : gaussianMatrix(random, n, k);
      const expected = matmul(a, transpose(b, n, k), m, k, n);
      multiplyByTranspose(a, b, m, n, k, false, which).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    },
  );

  it('combines the symmetric and trapezoidal shortcuts: (Lᵀ S)·L for symmetric S, as in the Fréchet distance', () => {
    const [m, k] = [37, 45];
    const random = new SeededRandom(9);
    const lt = gaussianMatrix(random, m, k).map((v, i) => (i % k < Math.floor(i / k) ? 0 : v));
    const s = gramCovariance(gaussianMatrix(random, 60, k), 60, k);
    const t = matmul(lt, s, m, k, k);
    const expected = matmul(t, transpose(lt, m, k), m, k, m);
    const scale = Math.max(...expected.map(Math.abs));
    multiplyByTranspose(t, lt, m, m, k, true, 'b').forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-14 * k * scale));
  });
});
