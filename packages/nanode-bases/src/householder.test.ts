import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { applyHouseholder, householderProduct } from './householder';
import { SeededRandom } from '@tfode/seeded-random';
import { expectAllClose, expectNoLeak, maxAbsDifference } from './test-helpers';

function randomMatrix(rows: number, cols: number, seed: number): tf.Tensor2D {
  return tf.tensor2d(new SeededRandom(seed).normals(rows * cols), [rows, cols]);
}

/** ‖WᵀW − I‖_max. */
function orthogonalityError(w: tf.Tensor2D): number {
  return tf.tidy(() => {
    const gram = tf.matMul(w, w, true, false);
    return tf.max(tf.abs(tf.sub(gram, tf.eye(w.shape[0])))).dataSync()[0];
  });
}

/** H(u) = I − 2uuᵀ/‖u‖², formed directly from its definition on the host. */
function reflection(u: ArrayLike<number>): number[] {
  const n = u.length;
  const uu = Array.from(u).reduce((s, v) => s + v * v, 0);
  return Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0) - (2 * u[Math.floor(i / n)] * u[i % n]) / uu);
}

describe('householderProduct', () => {
  it('is orthogonal to ‖WᵀW − I‖_max < 1e-5 for n = k = 64', () => {
    const u = randomMatrix(64, 64, 1);
    const w = householderProduct(u);
    expect(orthogonalityError(w)).toBeLessThan(1e-5);
    tf.dispose([u, w]);
  });

  it('is H(u) itself for one vector, and s·H(u_1)H(u_2) for two', () => {
    const u = randomMatrix(2, 3, 2);
    const [u1, u2] = [u.dataSync().slice(0, 3), u.dataSync().slice(3)];
    const single = householderProduct(tf.tensor2d(u1, [1, 3]));
    expectAllClose(single.dataSync(), reflection(u1), 1e-6);
    const pair = householderProduct(u, -1);
    const expected = tf.tidy(() => tf.neg(tf.matMul(tf.tensor2d(reflection(u1), [3, 3]), tf.tensor2d(reflection(u2), [3, 3]))));
    expectAllClose(pair.dataSync(), expected.dataSync(), 1e-6);
    tf.dispose([u, single, pair, expected]);
  });

  it('has determinant s^n·(−1)^k', () => {
    // n = 2: det [[a, b], [c, d]] = ad − bc.
    const det2 = (w: tf.Tensor2D) => {
      const [a, b, c, d] = w.dataSync();
      return a * d - b * c;
    };
    const one = randomMatrix(1, 2, 3);
    const two = randomMatrix(2, 2, 4);
    for (const [u, s, det] of [[one, 1, -1], [one, -1, -1], [two, 1, 1], [two, -1, 1]] as const) {
      const w = householderProduct(u, s);
      expect(det2(w)).toBeCloseTo(det, 5);
      w.dispose();
    }
    tf.dispose([one, two]);
  });

  it('is s·I with no reflections, and I for a zero vector instead of NaN', () => {
    const none = householderProduct(tf.zeros([0, 3]) as tf.Tensor2D, -1);
    expectAllClose(none.dataSync(), [-1, 0, 0, 0, -1, 0, 0, 0, -1], 0);
    const zero = householderProduct(tf.zeros([1, 2]) as tf.Tensor2D);
    expectAllClose(zero.dataSync(), [1, 0, 0, 1], 0);
    tf.dispose([none, zero]);
  });
});

describe('applyHouseholder', () => {
  it('equals x · householderProduct(U, s) for a batch', () => {
    const u = randomMatrix(5, 8, 5);
    const x = randomMatrix(6, 8, 6);
    for (const s of [1, -1] as const) {
      const fast = applyHouseholder(u, x, s);
      const viaMatrix = tf.tidy(() => tf.matMul(x, householderProduct(u, s)));
      expect(maxAbsDifference(fast.dataSync(), viaMatrix.dataSync())).toBeLessThan(1e-5);
      tf.dispose([fast, viaMatrix]);
    }
    tf.dispose([u, x]);
  });

  it('preserves norms and carries gradients to U', () => {
    const u = tf.variable(randomMatrix(3, 4, 7));
    const x = randomMatrix(2, 4, 8);
    const y = applyHouseholder(u, x);
    const rowNorms = (m: tf.Tensor) => tf.tidy(() => tf.norm(m, 'euclidean', 1).dataSync());
    expectAllClose(rowNorms(y), rowNorms(x), 1e-5);
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(applyHouseholder(u, x), x)), [u]);
    expect(tf.tidy(() => tf.sum(tf.abs(grads[u.name])).dataSync()[0])).toBeGreaterThan(0);
    tf.dispose([u, x, y, value, grads]);
  });

  it('leaves no tensors behind', () => {
    const u = randomMatrix(4, 4, 9);
    const x = randomMatrix(3, 4, 10);
    expectNoLeak(() => applyHouseholder(u, x));
    expectNoLeak(() => householderProduct(u, -1));
    tf.dispose([u, x]);
  });

  it('rejects mismatched shapes and signs', () => {
    const u = randomMatrix(2, 4, 11);
    expect(() => applyHouseholder(u, tf.zeros([3, 5]) as tf.Tensor2D)).toThrow(/x must be \[batch, 4\]/);
    expect(() => householderProduct(tf.zeros([4]) as unknown as tf.Tensor2D)).toThrow(InvalidArgumentError);
    expect(() => householderProduct(u, 2 as 1)).toThrow(/sign s must be 1 or -1/);
    u.dispose();
  });
});
