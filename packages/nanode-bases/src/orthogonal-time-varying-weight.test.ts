import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { householderProduct } from './householder';
import { OrthogonalTimeVaryingWeight } from './orthogonal-time-varying-weight';
import { randomFourier } from './random-fourier';
import { SeededRandom } from '@tfode/seeded-random';
import { expectAllClose, expectNoLeak } from './test-helpers';

describe('OrthogonalTimeVaryingWeight', () => {
  const basis = randomFourier(6, { seed: 1 });
  const weight = new OrthogonalTimeVaryingWeight(basis, 8, { init: { std: 1, seed: 2 }, s: -1 });
  const x = tf.tensor2d(new SeededRandom(3).normals(4 * 8), [4, 8]);

  it('is orthogonal at every t and equals −H(u_1(t))…H(u_8(t))', () => {
    for (const t of [0, 0.5, 2, 10]) {
      const w = weight.at(t);
      const gram = tf.tidy(() => tf.matMul(w, w, true, false));
      expectAllClose(gram.dataSync(), tf.tidy(() => tf.eye(8).dataSync()), 1e-5);
      const direct = tf.tidy(() => householderProduct(weight.vectors.at(t) as tf.Tensor2D, -1));
      expectAllClose(w.dataSync(), direct.dataSync(), 0);
      tf.dispose([w, gram, direct]);
    }
  });

  it('applies x·W(t) by reflections', () => {
    const fast = weight.apply(0.7, x);
    const viaMatrix = tf.tidy(() => tf.matMul(x, weight.at(0.7)));
    expectAllClose(fast.dataSync(), viaMatrix.dataSync(), 1e-5);
    tf.dispose([fast, viaMatrix]);
  });

  it('lists its variables, counts parameters, leaves no tensors', () => {
    expect(weight.variables).toEqual([weight.vectors.alpha]);
    expect(weight.parameterCount).toBe(6 * 8 * 8);
    expectNoLeak(() => weight.at(0.1));
    expectNoLeak(() => weight.apply(0.1, x));
  });
});
