import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { fourier } from './fourier';
import { chebyshev } from './orthogonal-polynomials';
import { expectAllClose, expectNoLeak, expectNoLeakThroughGradients } from './test-helpers';
import type { TimeBasis } from './time-basis';
import { TimeVaryingWeight } from './time-varying-weight';

const created: TimeVaryingWeight[] = [];
function weight(basis: TimeBasis, shape: number[], seed = 1): TimeVaryingWeight {
  const w = new TimeVaryingWeight(basis, shape, { std: 1, seed });
  created.push(w);
  return w;
}
afterEach(() => created.splice(0).forEach((w) => w.dispose()));

/** Σ_k ψ_k(t) α_k computed entry by entry on the host. */
function directSum(w: TimeVaryingWeight, t: number): number[] {
  const psi = w.basis.evaluate(t);
  const alpha = w.alpha.dataSync();
  const entries = alpha.length / psi.length;
  return Array.from({ length: entries }, (_, j) => psi.reduce((sum, p, k) => sum + p * alpha[k * entries + j], 0));
}

describe('TimeVaryingWeight', () => {
  it('at(t) equals the direct sum Σ ψ_k(t) α_k, with the requested shape', () => {
    const w = weight(fourier(3), [2, 3, 4]);
    for (const t of [0, 0.37, 1, 2.5]) {
      const value = w.at(t);
      expect(value.shape).toEqual([2, 3, 4]);
      expectAllClose(value.dataSync(), directSum(w, t), 1e-5);
      value.dispose();
    }
  });

  it('has gradient ψ(t) ⊗ upstream with respect to α', () => {
    const w = weight(chebyshev(5, [0, 1]), [3, 2]);
    const t = 0.62;
    const upstream = tf.tensor2d([0.5, -1, 2, 0.25, -0.75, 1.5], [3, 2]);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(w.at(t), upstream)), w.variables);
    const psi = w.basis.evaluate(t);
    const dy = upstream.dataSync();
    const expected = Array.from(psi).flatMap((p) => Array.from(dy, (u) => p * u));
    expectAllClose(grads[w.alpha.name].dataSync(), expected, 1e-6);
    tf.dispose([upstream, grads]);
  });

  it('counts its parameters and lists α as its only variable', () => {
    const w = weight(fourier(2), [4, 3]);
    expect(w.parameterCount).toBe(5 * 12);
    expect(w.variables).toEqual([w.alpha]);
    expect(w.alpha.shape).toEqual([5, 4, 3]);
  });

  it('penalizes Σ_k w_k ‖α_k‖², uniform without weights', () => {
    const w = weight(fourier(1), [2]);
    const alpha = w.alpha.dataSync();
    const perComponent = [0, 1, 2].map((k) => alpha[2 * k] ** 2 + alpha[2 * k + 1] ** 2);
    const weights = Array.from(w.basis.frequencies ?? [], (f) => 1 + f * f); // [1, 2, 2]
    const plain = w.l2Penalty();
    const weighted = w.l2Penalty(weights);
    expect(plain.dataSync()[0]).toBeCloseTo(perComponent[0] + perComponent[1] + perComponent[2], 5);
    expect(weighted.dataSync()[0]).toBeCloseTo(perComponent[0] + 2 * perComponent[1] + 2 * perComponent[2], 5);
    tf.dispose([plain, weighted]);
  });

  it('initializes from zeros, seeded normals or given values', () => {
    const zeros = new TimeVaryingWeight(fourier(1), [2], 'zeros');
    const given = new TimeVaryingWeight(fourier(1), [2], [1, 2, 3, 4, 5, 6]);
    created.push(zeros, given);
    expect(Array.from(zeros.alpha.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(given.alpha.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(weight(fourier(1), [2], 5).alpha.dataSync()).toEqual(weight(fourier(1), [2], 5).alpha.dataSync());
  });

  it('leaves no tensors behind', () => {
    const w = weight(fourier(2), [3, 3]);
    expectNoLeak(() => w.at(0.3));
    expectNoLeak(() => w.l2Penalty());
    expectNoLeak(() => w.l2Penalty([1, 2, 3, 4, 5]));
    expectNoLeakThroughGradients(() => w.at(0.1), w.variables);
  });

  it('rejects bad shapes, inits, penalty weights, times and bases', () => {
    expect(() => new TimeVaryingWeight(fourier(1), [0, 2], 'zeros')).toThrow(InvalidArgumentError);
    expect(() => new TimeVaryingWeight(fourier(1), [2], [1, 2])).toThrow(/expected 6 coefficients/);
    expect(() => new TimeVaryingWeight(fourier(1), [2], { std: -1, seed: 1 })).toThrow(InvalidArgumentError);
    const w = weight(fourier(1), [2]);
    expect(() => w.l2Penalty([1, 1])).toThrow(/one per basis function/);
    expect(() => w.l2Penalty([1, -1, 1])).toThrow(InvalidArgumentError);
    expect(() => w.at(Number.NaN)).toThrow(InvalidArgumentError);
    const broken: TimeBasis = { size: 2, evaluate: () => new Float32Array(3) };
    const bad = new TimeVaryingWeight(broken, [1], 'zeros');
    created.push(bad);
    expect(() => bad.at(0)).toThrow(/returned 3 values/);
  });
});
