import { describe, expect, it } from 'vitest';
import { multiplyByTranspose } from './matrix-product';
import { SeededRandom } from '@tfode/seeded-random';
import { gaussianMatrix, matmul, transpose } from './test-support';

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
});
