import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { bucket } from './bucket';
import { InvalidArgumentError } from './errors';
import { fourier } from './fourier';
import { monomial } from './monomial';
import { SeededRandom } from '@tfode/seeded-random';
import { expectAllClose, expectNoLeak, expectNoLeakThroughGradients } from './test-helpers';
import { TimeVaryingDense } from './time-varying-dense';

const x = tf.tensor2d(new SeededRandom(100).normals(5 * 3), [5, 3]);

/** y = tanh(x·W(t) + b(t)) on the host, W and b summed from α ∈ R^{size×(in+1)×out} directly. */
function hostDense(layer: TimeVaryingDense, t: number, input: tf.Tensor2D): number[] {
  const psi = layer.theta.weight.basis.evaluate(t);
  const alpha = layer.theta.weight.alpha.dataSync();
  const { inputs, outputs } = layer;
  const theta = (row: number, col: number) =>
    psi.reduce((sum, p, k) => sum + p * alpha[(k * (inputs + 1) + row) * outputs + col], 0);
  const xs = input.dataSync();
  const batch = input.shape[0];
  return Array.from({ length: batch * outputs }, (_, i) => {
    const [b, o] = [Math.floor(i / outputs), i % outputs];
    let sum = theta(inputs, o);
    for (let j = 0; j < inputs; j++) sum += xs[b * inputs + j] * theta(j, o);
    return Math.tanh(sum);
  });
}

describe('TimeVaryingDense', () => {
  it('computes σ(x·W(t) + b(t)) with W, b expanded on the basis', () => {
    const basis = fourier(2, [0, 1]);
    const layer = new TimeVaryingDense(3, 4, basis, {
      seed: 1,
      activation: 'tanh',
      init: new SeededRandom(2).normals(basis.size * 4 * 4), // nonzero bias too
    });
    for (const t of [0, 0.3, 0.8]) {
      const y = layer.apply(t, x);
      expect(y.shape).toEqual([5, 4]);
      expectAllClose(y.dataSync(), hostDense(layer, t, x), 1e-5);
      y.dispose();
    }
    layer.dispose();
  });

  it('with bucket is a stack of constant layers, and with monomial(1) is autonomous', () => {
    const stacked = new TimeVaryingDense(3, 2, bucket(3, [0, 1]), { seed: 3 });
    const a = stacked.apply(0.4, x);
    const b = stacked.apply(0.6, x);
    const c = stacked.apply(0.7, x);
    expectAllClose(a.dataSync(), b.dataSync(), 0); // both in bucket 1
    expect(Math.max(...Array.from(tf.tidy(() => tf.abs(tf.sub(b, c)).dataSync())))).toBeGreaterThan(0);
    const autonomous = new TimeVaryingDense(3, 2, monomial(1), { seed: 4 });
    const early = autonomous.apply(0, x);
    const late = autonomous.apply(17, x);
    expectAllClose(early.dataSync(), late.dataSync(), 0);
    tf.dispose([a, b, c, early, late]);
    stacked.dispose();
    autonomous.dispose();
  });

  it('matches central finite differences in its coefficients', () => {
    const layer = new TimeVaryingDense(3, 2, fourier(1), { seed: 5, activation: 'tanh' });
    const alpha = layer.theta.weight.alpha;
    const loss = () => tf.tidy(() => tf.sum(tf.square(layer.apply(0.7, x))));
    const { value, grads } = tf.variableGrads(loss as () => tf.Scalar, layer.variables);
    const analytic = grads[alpha.name].dataSync();
    const base = alpha.dataSync().slice();
    const h = 1e-2;
    for (const index of [0, 4, 7, 13, 20]) {
      const at = (delta: number) => {
        const shifted = base.slice();
        shifted[index] += delta;
        alpha.assign(tf.tensor(shifted, alpha.shape));
        return tf.tidy(() => loss().dataSync()[0]);
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      expect(Math.abs(numeric - analytic[index])).toBeLessThan(2e-3 * (1 + Math.abs(analytic[index])));
    }
    tf.dispose([value, grads]);
    layer.dispose();
  });

  it('initializes W(t) with variance gain²/fanIn on average over t ∈ [0, 1], bias zero', () => {
    const basis = fourier(3, [0, 1]);
    const layer = new TimeVaryingDense(200, 100, basis, { seed: 6, gain: 2 });
    let meanSquare = 0;
    const grid = [0, 0.1, 0.25, 0.5, 0.6, 0.9];
    for (const t of grid) {
      const { kernel, bias } = layer.theta.at(t);
      meanSquare += tf.tidy(() => tf.mean(tf.square(kernel)).dataSync()[0]) / grid.length;
      expect(Array.from(bias.dataSync()).every((v) => v === 0)).toBe(true);
      tf.dispose([kernel, bias]);
    }
    // fourier(·, [0, 1]) has ‖ψ(t)‖² = 1 + order at every t, so any grid gives the same target.
    expect(Math.abs(meanSquare / (4 / 200) - 1)).toBeLessThan(0.05);
    layer.dispose();
  });

  it('orthogonal: W(t) = H(u_1(t))…H(u_k(t)) preserves norms at every t', () => {
    const layer = new TimeVaryingDense(3, 3, fourier(2), { seed: 7, orthogonal: true, reflections: 2 });
    expect(layer.parameterCount).toBe(5 * 3 * 3);
    for (const t of [0, 1.3, 4]) {
      const y = layer.apply(t, x);
      const norms = (m: tf.Tensor) => tf.tidy(() => tf.norm(m, 'euclidean', 1).dataSync());
      expectAllClose(norms(y), norms(x), 1e-5);
      y.dispose();
    }
    layer.dispose();
  });

  it('lists its variables and counts parameters', () => {
    const layer = new TimeVaryingDense(3, 4, fourier(2), { seed: 8 });
    expect(layer.variables).toEqual([layer.theta.weight.alpha]);
    expect(layer.parameterCount).toBe(5 * 4 * 4);
    layer.dispose();
  });

  it('leaves no tensors behind, through gradients too', () => {
    const layer = new TimeVaryingDense(3, 3, fourier(1), { seed: 9, orthogonal: true, activation: 'relu' });
    expectNoLeak(() => layer.apply(0.5, x));
    expectNoLeakThroughGradients(() => layer.apply(0.5, x), layer.variables);
    layer.dispose();
  });

  it('rejects wrong input shapes and impossible orthogonal layers', () => {
    const layer = new TimeVaryingDense(3, 2, fourier(1), { seed: 10 });
    const wrong = tf.zeros([5, 4]);
    expect(() => layer.apply(0, wrong)).toThrow(/expects x of shape \[batch, 3\]/);
    expect(() => new TimeVaryingDense(3, 2, fourier(1), { seed: 1, orthogonal: true })).toThrow(InvalidArgumentError);
    expect(() => new TimeVaryingDense(3, 2, fourier(1), { seed: 1, activation: 'swish' as 'tanh' })).toThrow(
      /unknown activation/,
    );
    wrong.dispose();
    layer.dispose();
  });
});
