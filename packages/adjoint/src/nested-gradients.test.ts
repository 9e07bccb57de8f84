import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { NestedGradientError } from './errors';
import { odeintAdjoint } from './odeint-adjoint';
import type { GradientMode } from './types';

// ż = θz, z(0) = 1: z(1) = e^θ, so d²z(1)/dθ² = e^θ.
const theta0 = 0.7;

/** d²z(1)/dθ² by tf.grad of tf.grad, θ the tensor that f closes over. */
function secondDerivative(mode: GradientMode): number {
  return tf.tidy(() => {
    const z1 = (theta: tf.Tensor) => {
      const f = (_t: number, z: tf.Tensor) => tf.mul(z, theta);
      const sol = odeintAdjoint(f, tf.ones([1]), [0, 1], [theta], { gradient: mode, rtol: 1e-7, atol: 1e-9 });
      return tf.sum(tf.slice(sol.ys as tf.Tensor, [1], [1]));
    };
    return tf.grad((theta) => tf.grad(z1)(theta))(tf.scalar(theta0)).dataSync()[0];
  });
}

describe('gradients of gradients', () => {
  it('backprop: d²z(1)/dθ² of ż = θz matches e^θ', () => {
    expect(Math.abs(secondDerivative('backprop') - Math.exp(theta0)) / Math.exp(theta0)).toBeLessThan(1e-4);
  });

  for (const mode of ['adjoint', 'checkpoint'] as GradientMode[]) {
    it(`${mode}: a NestedGradientError that names 'backprop', at once (no hang, no wrong number)`, () => {
      let caught: unknown;
      try {
        secondDerivative(mode);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(NestedGradientError);
      expect((caught as NestedGradientError).mode).toBe(mode);
      expect((caught as Error).message).toMatch(/'backprop'/);
    }, 20_000);
  }

  it('a first-order gradient inside another tape is still first order: tf.variableGrads of a plain loss', () => {
    // Not nested: the adjoint's own vector–Jacobian products must not mistake their engine.gradients
    // calls for a recorded gradient.
    const theta = tf.variable(tf.scalar(theta0));
    const f = (_t: number, z: tf.Tensor) => tf.mul(z, theta);
    const { grads } = tf.variableGrads(() => {
      const sol = odeintAdjoint(f, tf.ones([1]), [0, 1], [theta], { rtol: 1e-7, atol: 1e-9 });
      return tf.sum(tf.slice(sol.ys as tf.Tensor, [1], [1])) as tf.Scalar;
    }, [theta]);
    expect(Math.abs(grads[theta.name].dataSync()[0] - Math.exp(theta0)) / Math.exp(theta0)).toBeLessThan(1e-4);
    tf.dispose([theta, grads[theta.name]]);
  });
});
