import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { odeintAdjoint } from './odeint-adjoint';
import { mlpField } from './test-fields';
import type { GradientMode } from './types';

describe('training through odeintAdjoint', () => {
  it('optimizer.minimize fits a 2-D spiral trajectory: loss down 10× (adjoint mode)', () => {
    // Target: the linear spiral ż = A z with A = [[−0.1, 2], [−2, −0.1]], exact by its matrix exponential.
    const ts = Array.from({ length: 10 }, (_, i) => (i * 2) / 9);
    const target = tf.tensor2d(
      ts.map((t) => {
        const e = Math.exp(-0.1 * t);
        return [e * Math.cos(2 * t), -e * Math.sin(2 * t)];
      }),
    );
    const { field, params } = mlpField([3, 32, 2], 21);
    const z0 = tf.tensor2d([[1, 0]]);
    const optimizer = tf.train.adam(2e-2);
    const loss = () =>
      tf.tidy(() => {
        const sol = odeintAdjoint(field, z0, ts, params, { rtol: 1e-4, atol: 1e-6 });
        return tf.mean(tf.square(tf.sub(tf.reshape(sol.ys as tf.Tensor, [10, 2]), target))) as tf.Scalar;
      });
    const first = loss().dataSync()[0];
    for (let i = 0; i < 200; i++) optimizer.minimize(loss, false, params);
    const last = loss().dataSync()[0];
    expect(last).toBeLessThan(first / 10);
  });

  for (const mode of ['backprop', 'adjoint', 'checkpoint'] as GradientMode[]) {
    it(`${mode}: tuple states (x, θ) of a controlled flow get the gradients of backprop`, () => {
      // ẋ = θ·x − x³·w, θ̇ = −x·v: an N-CODE-like pair with two scalar parameters w, v.
      const w = tf.variable(tf.scalar(0.5));
      const v = tf.variable(tf.scalar(0.8));
      const f = (_t: number, [x, th]: tf.Tensor[]) => [tf.sub(tf.mul(th, x), tf.mul(tf.pow(x, 3), w)), tf.neg(tf.mul(x, v))];
      const gradientsFor = (gradient: GradientMode) =>
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => {
            const sol = odeintAdjoint<tf.Tensor[]>(f, [tf.tensor1d([0.5, -1]), tf.tensor1d([0.2, 0.1])], [0, 1, 2], [w, v], {
              gradient,
              rtol: 1e-7,
              atol: 1e-9,
            });
            return tf.add(tf.sum(tf.square(sol.ys[0])), tf.sum(sol.ys[1])) as tf.Scalar;
          }, [w, v]);
          return [grads[w.name].dataSync()[0], grads[v.name].dataSync()[0]];
        });
      const reference = gradientsFor('backprop');
      gradientsFor(mode).forEach((g, i) => expect(Math.abs(g - reference[i]) / Math.abs(reference[i])).toBeLessThan(1e-3));
      tf.dispose([w, v]);
    });
  }

  it('seminorm: fewer backward NFE with the same gradient to 1e-3', () => {
    const { field, params } = mlpField([3, 32, 2], 8);
    const z0 = tf.randomNormal([32, 2], 0, 1, 'float32', 2);
    const run = (seminorm: boolean) => {
      let backwardStats = { nfe: 0 };
      const grads = tf.tidy(() => {
        const { grads } = tf.variableGrads(() => {
          const sol = odeintAdjoint(field, z0, [0, 2], params, { rtol: 1e-5, atol: 1e-7, adjoint: { seminorm } });
          backwardStats = sol.backwardStats; // filled in when the gradient is computed
          return tf.sum(tf.square(sol.ys as tf.Tensor)) as tf.Scalar;
        }, params);
        return params.map((p) => Array.from(grads[p.name].dataSync()));
      });
      return { nfe: backwardStats.nfe, grads };
    };
    const full = run(false);
    const semi = run(true);
    expect(semi.nfe).toBeLessThan(full.nfe);
    semi.grads.forEach((g, k) => {
      const scale = Math.max(...full.grads[k].map(Math.abs));
      g.forEach((x, i) => expect(Math.abs(x - full.grads[k][i]) / scale).toBeLessThan(1e-3));
    });
  });

  it('rejects an unknown gradient mode and non-tensor params', () => {
    const f = (_t: number, z: tf.Tensor) => z;
    expect(() => odeintAdjoint(f, tf.ones([1]), [0, 1], [], { gradient: 'magic' as never })).toThrow(/gradient "magic"/);
    expect(() => odeintAdjoint(f, tf.ones([1]), [0, 1], [1 as never])).toThrow(/params must be an array/);
  });
});
