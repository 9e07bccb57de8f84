import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { fourier } from './fourier';
import { GatedMixture } from './gated-mixture';
import { SeededRandom } from '@tfode/seeded-random';
import { expectAllClose, expectNoLeak, expectNoLeakThroughGradients } from './test-helpers';
import { TimeVaryingDense } from './time-varying-dense';

const basis = fourier(1, [0, 1]);
const experts = [1, 2, 3].map((seed) => new TimeVaryingDense(4, 4, basis, { seed, activation: 'tanh' }));
const h = tf.tensor2d(new SeededRandom(50).normals(2 * 4), [2, 4]);

describe('GatedMixture (Eq. 12)', () => {
  it('computes Σ σ_n(t) f_n(t, h) with σ = sigmoid of the gate logits', () => {
    const mixture = new GatedMixture(experts, basis, new SeededRandom(7).normals(3 * 3));
    const t = 0.3;
    const psi = basis.evaluate(t);
    const alpha = mixture.gateLogits.alpha.dataSync();
    const sigma = [0, 1, 2].map((n) => 1 / (1 + Math.exp(-psi.reduce((s, p, k) => s + p * alpha[k * 3 + n], 0))));
    const outputs = experts.map((e) => e.apply(t, h));
    const expected = Array.from({ length: 8 }, (_, i) => outputs.reduce((s, o, n) => s + sigma[n] * o.dataSync()[i], 0));
    const gates = mixture.gates(t);
    const y = mixture.apply(t, h);
    expectAllClose(gates.dataSync(), sigma, 1e-6);
    expectAllClose(y.dataSync(), expected, 1e-5);
    tf.dispose([...outputs, gates, y]);
    mixture.dispose();
  });

  it('starts with every gate at 1/2 and lists gate and expert variables', () => {
    const mixture = new GatedMixture(experts, basis);
    const gates = mixture.gates(0.9);
    expectAllClose(gates.dataSync(), [0.5, 0.5, 0.5], 0);
    expect(mixture.variables).toEqual([mixture.gateLogits.alpha, ...experts.map((e) => e.theta.weight.alpha)]);
    expect(mixture.parameterCount).toBe(3 * 3 + 3 * (3 * 5 * 4));
    gates.dispose();
    mixture.dispose();
  });

  it('leaves no tensors behind, through gradients too', () => {
    const mixture = new GatedMixture(experts, basis);
    expectNoLeak(() => mixture.apply(0.5, h));
    expectNoLeakThroughGradients(() => mixture.apply(0.5, h), mixture.variables);
    mixture.dispose();
  });

  it('rejects no experts, and experts whose outputs differ in shape', () => {
    expect(() => new GatedMixture([], basis)).toThrow(InvalidArgumentError);
    const narrow = new TimeVaryingDense(4, 2, basis, { seed: 9 });
    const mixture = new GatedMixture([experts[0], narrow], basis);
    const before = tf.memory().numTensors;
    expect(() => mixture.apply(0, h)).toThrow(/must return one shape/);
    expect(tf.memory().numTensors).toBe(before);
    mixture.dispose();
    narrow.dispose();
  });
});
