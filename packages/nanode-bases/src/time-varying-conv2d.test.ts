import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chebyshev } from './orthogonal-polynomials';
import { SeededRandom } from '@tfode/seeded-random';
import { expectAllClose, expectNoLeak, expectNoLeakThroughGradients } from './test-helpers';
import { TimeVaryingConv2d } from './time-varying-conv2d';
import { TimeVaryingDense } from './time-varying-dense';

const basis = chebyshev(3, [0, 1]);
const x = tf.tensor4d(new SeededRandom(200).normals(2 * 5 * 5 * 3), [2, 5, 5, 3]);

describe('TimeVaryingConv2d', () => {
  it('equals conv2d with the kernel and bias summed from α on the host', () => {
    const values = new SeededRandom(1).normals(basis.size * (3 * 3 * 3 + 1) * 4);
    const layer = new TimeVaryingConv2d(3, 4, 3, basis, { seed: 0, init: values, activation: 'softplus' });
    const t = 0.35;
    const psi = basis.evaluate(t);
    const block = values.length / basis.size;
    const theta = Float32Array.from({ length: block }, (_, i) => psi.reduce((s, p, k) => s + p * values[k * block + i], 0));
    const expected = tf.tidy(() => {
      const filter = tf.tensor4d(theta.slice(0, 3 * 3 * 3 * 4), [3, 3, 3, 4]);
      const bias = tf.tensor1d(theta.slice(3 * 3 * 3 * 4));
      return tf.softplus(tf.add(tf.conv2d(x, filter, 1, 'same'), bias));
    });
    const y = layer.apply(t, x);
    expect(y.shape).toEqual([2, 5, 5, 4]);
    expectAllClose(y.dataSync(), expected.dataSync(), 1e-5);
    tf.dispose([y, expected]);
    layer.dispose();
  });

  it('with a 1×1 kernel equals TimeVaryingDense on every pixel', () => {
    const values = new SeededRandom(2).normals(basis.size * 4 * 2);
    const conv = new TimeVaryingConv2d(3, 2, 1, basis, { seed: 0, init: values });
    const dense = new TimeVaryingDense(3, 2, basis, { seed: 0, init: values });
    const y = conv.apply(0.8, x);
    const pixels = tf.reshape(x, [-1, 3]);
    const expected = dense.apply(0.8, pixels);
    expectAllClose(y.dataSync(), expected.dataSync(), 1e-5);
    tf.dispose([y, pixels, expected]);
    conv.dispose();
    dense.dispose();
  });

  it('supports strides and valid padding, lists variables, leaves no tensors', () => {
    const layer = new TimeVaryingConv2d(3, 6, [3, 2], basis, { seed: 3, strides: 2, padding: 'valid' });
    expect(layer.variables).toEqual([layer.theta.weight.alpha]);
    expect(layer.parameterCount).toBe(3 * (3 * 2 * 3 + 1) * 6);
    const y = layer.apply(0.1, x);
    expect(y.shape).toEqual([2, 2, 2, 6]);
    y.dispose();
    expectNoLeak(() => layer.apply(0.2, x));
    expectNoLeakThroughGradients(() => layer.apply(0.2, x), layer.variables);
    layer.dispose();
  });

  it('rejects inputs with the wrong channel count', () => {
    const layer = new TimeVaryingConv2d(4, 2, 3, basis, { seed: 4 });
    expect(() => layer.apply(0, x)).toThrow(/NHWC x of shape \[batch, height, width, 4\]/);
    layer.dispose();
  });
});
