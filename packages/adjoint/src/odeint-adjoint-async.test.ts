import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError } from '@tfode/ode-core';
import { odeintAdjoint } from './odeint-adjoint';
import { odeintAdjointAsync } from './odeint-adjoint-async';
import { mlpField } from './test-fields';
import type { GradientOptions } from './types';

// A 2→12→2 tanh MLP field on [z, t]; a linear loss Σ W·ys (+ c·∫‖z‖² dt) so that dL/dys = W is known.
const { field, params } = mlpField([3, 12, 2], 21);
const z0 = tf.keep(tf.randomNormal([6, 2], 0, 1, 'float32', 3));
const ts = [0, 0.4, 1];
const weights = tf.keep(tf.randomNormal([3, 6, 2], 0, 1, 'float32', 4));
const integralLoss = (_t: number, z: unknown) => tf.sum(tf.square(z as tf.Tensor));
const options: GradientOptions = { rtol: 1e-6, atol: 1e-8 };

/** The sync odeintAdjoint's gradients of that loss with respect to z0 and every parameter, by tf.grads. */
function syncGradients(withIntegral: boolean) {
  return tf.tidy(() => {
    const loss = (z: tf.Tensor, ...ps: tf.Tensor[]) => {
      void ps;
      const sol = odeintAdjoint(field, z, ts, params, { ...options, integralLoss: withIntegral ? integralLoss : undefined });
      const value = tf.sum(tf.mul(sol.ys as tf.Tensor, weights));
      return withIntegral ? tf.add(value, tf.mul(sol.integral!, 0.5)) : value;
    };
    const { grads } = tf.variableGrads(() => loss(z0) as tf.Scalar, params);
    const dz0 = tf.grad((z: tf.Tensor) => loss(z))(z0);
    return { dz0: Array.from(dz0.dataSync()), dParams: params.map((p) => Array.from(grads[p.name].dataSync())) };
  });
}

describe('odeintAdjointAsync', () => {
  afterEach(() => vi.restoreAllMocks());

  for (const withIntegral of [false, true]) {
    it(`gives odeintAdjoint's outputs, stats and gradients bit for bit${withIntegral ? ', with an integral loss' : ''}`, async () => {
      const reference = syncGradients(withIntegral);
      const sync = odeintAdjoint(field, z0, ts, params, { ...options, integralLoss: withIntegral ? integralLoss : undefined });
      const sol = await odeintAdjointAsync(field, z0, ts, params, { ...options, integralLoss: withIntegral ? integralLoss : undefined });
      expect(sol.stats).toEqual(sync.stats);
      expect((sol.ys as tf.Tensor).dataSync()).toEqual((sync.ys as tf.Tensor).dataSync());
      const dIntegral = withIntegral ? tf.scalar(0.5) : undefined;
      const { dy0, dParams, nfe } = await sol.vjp(weights, dIntegral);
      expect(Array.from((dy0 as tf.Tensor).dataSync())).toEqual(reference.dz0);
      dParams.forEach((g, k) => expect(Array.from(g.dataSync())).toEqual(reference.dParams[k]));
      expect(nfe).toBeGreaterThan(0);
      tf.dispose([sync.ys as tf.Tensor, sync.integral ?? [], dy0 as tf.Tensor, dParams, dIntegral ?? []]);
      sol.dispose();
    });
  }

  it('never blocks on dataSync, and frees everything at dispose', async () => {
    const before = tf.memory().numTensors;
    const blocking = vi.spyOn(tf.Tensor.prototype, 'dataSync');
    const sol = await odeintAdjointAsync(field, z0, ts, params, options);
    const { dy0, dParams } = await sol.vjp(weights);
    expect(blocking).not.toHaveBeenCalled();
    tf.dispose([dy0 as tf.Tensor, dParams]);
    sol.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(sol.vjp(weights)).rejects.toThrow(/vjp after dispose/);
  });

  it('a tensor listed twice in params gets its whole gradient at each place', async () => {
    const sol = await odeintAdjointAsync(field, z0, ts, [params[0], params[1], params[0]], options);
    const { dy0, dParams } = await sol.vjp(weights);
    expect(dParams).toHaveLength(3);
    expect(dParams[2].dataSync()).toEqual(dParams[0].dataSync());
    tf.dispose([dy0 as tf.Tensor, dParams]);
    sol.dispose();
  });

  it('rejects what it cannot do, saying what to use', async () => {
    await expect(odeintAdjointAsync(field, z0, ts, params, { gradient: 'backprop' })).rejects.toThrow(/use odeintAdjoint for 'backprop'/);
    await expect(odeintAdjointAsync(field, z0, tf.tensor1d(ts) as never, params)).rejects.toThrow(InvalidArgumentError);
    await expect(odeintAdjointAsync(field, z0, ts, [1] as never)).rejects.toThrow(/params must be an array/);
    const sol = await odeintAdjointAsync(field, z0, ts, params, options);
    await expect(sol.vjp(tf.zeros([2, 6, 2]))).rejects.toThrow(InvalidArgumentError);
    await expect(sol.vjp(weights, tf.scalar(1))).rejects.toThrow(/no integralLoss/);
    sol.dispose();
  });
});
