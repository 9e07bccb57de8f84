import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { householderProduct } from './householder';
import { householderFromOrthogonal } from './householder-from-orthogonal';
import { SeededRandom } from '@tfode/seeded-random';
import { expectNoLeak, maxAbsDifference } from './test-helpers';

/** A random orthogonal matrix from tfjs's own QR of a Gaussian matrix, independent of this package. */
function randomOrthogonal(n: number, seed: number, flipDeterminant = false): tf.Tensor2D {
  return tf.tidy(() => {
    const [q] = tf.linalg.qr(tf.tensor2d(new SeededRandom(seed).normals(n * n), [n, n]));
    if (!flipDeterminant) return q as tf.Tensor2D;
    const signs = tf.tensor1d(Array.from({ length: n }, (_, i) => (i === 0 ? -1 : 1)));
    return tf.mul(q, signs) as tf.Tensor2D; // negating one column flips det
  });
}

function roundTripError(q: tf.Tensor2D): { error: number; k: number; s: number } {
  const { u, s } = householderFromOrthogonal(q);
  const rebuilt = householderProduct(u, s);
  const error = maxAbsDifference(rebuilt.dataSync(), q.dataSync());
  const k = u.shape[0];
  tf.dispose([u, rebuilt]);
  return { error, k, s };
}

describe('householderFromOrthogonal', () => {
  it('round-trips a random 64×64 orthogonal Q within 1e-4', () => {
    const q = randomOrthogonal(64, 1);
    expect(roundTripError(q).error).toBeLessThan(1e-4);
    q.dispose();
  });

  it('reaches both determinants in every dimension (surjectivity onto O(n))', () => {
    for (const n of [1, 2, 3, 4, 7, 8]) {
      for (const flip of [false, true]) {
        const q = randomOrthogonal(n, 10 + n, flip);
        const { error, k } = roundTripError(q);
        expect(error).toBeLessThan(1e-5);
        expect(k === n || k === n - 1).toBe(true);
        q.dispose();
      }
    }
  });

  it('uses n reflections in odd n, and n − 1 only for det −1 in even n', () => {
    // det(s·M) = s^n (−1)^k: k = n cannot give det −1 when n is even.
    const cases = [
      { n: 3, flip: false, k: 3 },
      { n: 3, flip: true, k: 3 },
      { n: 4, flip: false, k: 4 },
      { n: 4, flip: true, k: 3 },
    ];
    for (const { n, flip, k } of cases) {
      const q = randomOrthogonal(n, 20 + n, flip);
      expect(roundTripError(q).k).toBe(k);
      q.dispose();
    }
  });

  it('handles columns that are already unit vectors: I, −I, permutations, diagonal signs', () => {
    const matrices = [
      tf.eye(4),
      tf.neg(tf.eye(5)),
      tf.tensor2d([0, 1, 0, 0, 0, 1, 1, 0, 0], [3, 3]),
      tf.tensor2d([1, 0, 0, 0, -1, 0, 0, 0, 1], [3, 3]),
      tf.tensor2d([-1, 0, 0, 1], [2, 2]),
    ] as tf.Tensor2D[];
    for (const q of matrices) expect(roundTripError(q).error).toBeLessThan(1e-6);
    tf.dispose(matrices);
  });

  it('leaves only U behind', () => {
    const q = randomOrthogonal(6, 30);
    expectNoLeak(() => householderFromOrthogonal(q).u);
    q.dispose();
  });

  it('rejects non-square and non-orthogonal input', () => {
    const rect = tf.zeros([2, 3]) as tf.Tensor2D;
    const scaled = tf.mul(tf.eye(3), 2) as tf.Tensor2D;
    expect(() => householderFromOrthogonal(rect)).toThrow(InvalidArgumentError);
    expect(() => householderFromOrthogonal(scaled)).toThrow(/not orthogonal/);
    tf.dispose([rect, scaled]);
  });
});
