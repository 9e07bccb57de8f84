import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { odeintAdjoint } from './odeint-adjoint';
import type { GradientMode } from './types';

// ż = θz, z(0) = z0 (a batch), so z(T) = z0·e^{θT} and ∫₀ᵀ z dt = z0·(e^{θT} − 1)/θ.
const theta0 = 0.7;
const T = 1.3;
const z0Values = [0.5, -1.2, 2.0];
const relativeError = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

function gradients(mode: GradientMode, useIntegral: boolean) {
  const theta = tf.variable(tf.scalar(theta0));
  const z0 = tf.tensor1d(z0Values);
  const ts = tf.tensor1d([0, T]);
  const f = (_t: number, z: tf.Tensor) => tf.mul(z, theta);
  const { value, grads } = tf.tidy(() => {
    const g = tf.grads((z0In: tf.Tensor, tsIn: tf.Tensor, thetaIn: tf.Tensor) => {
      void thetaIn;
      const sol = odeintAdjoint(f, z0In, tsIn as tf.Tensor1D, [theta], {
        gradient: mode,
        rtol: 1e-6,
        atol: 1e-8,
        integralLoss: useIntegral ? (_t, z) => z as tf.Tensor : undefined,
      });
      return useIntegral ? tf.sum(sol.integral!) : tf.sum(tf.slice(sol.ys as tf.Tensor, [1, 0], [1, 3]));
    });
    const out = g([z0, ts, theta]);
    return { value: 0, grads: out.map((t) => Array.from(t.dataSync())) };
  });
  void value;
  tf.dispose([theta, z0, ts]);
  return { dz0: grads[0], dts: grads[1], dtheta: grads[2][0] };
}

describe('gradients against closed forms (dopri5, rtol 1e-6)', () => {
  for (const mode of ['backprop', 'adjoint', 'checkpoint'] as GradientMode[]) {
    it(`${mode}: dL/dθ, dL/dz0 and dL/dT of L = Σ z(T)`, () => {
      const e = Math.exp(theta0 * T);
      const sumZ0 = z0Values.reduce((p, x) => p + x, 0);
      const { dz0, dts, dtheta } = gradients(mode, false);
      dz0.forEach((g) => expect(relativeError(g, e)).toBeLessThan(1e-4));
      expect(relativeError(dtheta, sumZ0 * T * e)).toBeLessThan(1e-4);
      expect(relativeError(dts[1], theta0 * sumZ0 * e)).toBeLessThan(1e-4);
      expect(relativeError(dts[0], -theta0 * sumZ0 * e)).toBeLessThan(1e-4);
    });

    it(`${mode}: gradients of the integral loss ∫₀ᵀ Σz dt`, () => {
      const e = Math.exp(theta0 * T);
      const sumZ0 = z0Values.reduce((p, x) => p + x, 0);
      const { dz0, dts, dtheta } = gradients(mode, true);
      dz0.forEach((g) => expect(relativeError(g, (e - 1) / theta0)).toBeLessThan(1e-4));
      expect(relativeError(dtheta, sumZ0 * ((T * e) / theta0 - (e - 1) / theta0 ** 2))).toBeLessThan(1e-4);
      expect(relativeError(dts[1], sumZ0 * e)).toBeLessThan(1e-4);
      // Moving t0 with z0 fixed shifts the whole trajectory: L = Σz0·(e^{θ(T−t0)} − 1)/θ.
      expect(relativeError(dts[0], -sumZ0 * e)).toBeLessThan(1e-4);
    });
  }
});
