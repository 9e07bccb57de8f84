import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { odeint } from './odeint';
import type { AdaptiveSolverName, FixedStepSolverName } from './types';

// Harmonic oscillator y = [x, v], y' = y·A, exact (cos t, −sin t) from (1, 0).
const T = 6;
const field = (A: tf.Tensor2D) => (_t: number, y: tf.Tensor) => tf.matMul(y as tf.Tensor2D, A);
const errorAt = (t: number, x: number, v: number) => Math.hypot(x - Math.cos(t), v + Math.sin(t));

function solveWithSteps(method: AdaptiveSolverName | FixedStepSolverName, ts: number[]) {
  return tf.tidy(() => {
    const A = tf.tensor2d([[0, -1], [1, 0]]);
    const endpointErrors: number[] = [];
    const sol = odeint(field(A), tf.tensor2d([[1, 0]]), ts, {
      method,
      rtol: 1e-6,
      atol: 1e-8,
      stepSize: method === 'rk4' ? 0.1 : undefined,
      onStep: ({ t1, y1 }) => {
        const [x, v] = (y1 as tf.Tensor).dataSync();
        endpointErrors.push(errorAt(t1, x, v));
      },
    });
    const d = sol.ys.dataSync();
    const outputErrors = ts.map((t, i) => errorAt(t, d[2 * i], d[2 * i + 1]));
    return { endpointErrors, outputErrors, nfe: sol.stats.nfe };
  });
}

describe('dense output', () => {
  const interior = Array.from({ length: 202 }, (_, i) => (T * i) / 201);
  for (const method of ['dopri5', 'tsit5', 'bosh3', 'rk4'] as const) {
    it(`${method}: 200 interior output times are as accurate as the step endpoints and cost < 5 % more NFE`, () => {
      const coarse = solveWithSteps(method, [0, T]);
      const fine = solveWithSteps(method, interior);
      expect(fine.nfe).toBeLessThan(1.05 * coarse.nfe);
      // Interpolation error at most that of the worst step endpoint (with float32 slack of 1e-6).
      const worstEndpoint = Math.max(...fine.endpointErrors);
      expect(Math.max(...fine.outputErrors)).toBeLessThanOrEqual(worstEndpoint + 1e-6);
    });
  }

  // dopri8's continuous extension is of lower order than its eighth-order steps (measured here: 5e-6
  // between steps against 1.5e-6 at them), so only the tolerance is asserted between its steps.
  it('dopri8: 200 interior output times stay within the tolerance and cost < 5 % more NFE', () => {
    const coarse = solveWithSteps('dopri8', [0, T]);
    const fine = solveWithSteps('dopri8', interior);
    expect(fine.nfe).toBeLessThan(1.05 * coarse.nfe);
    expect(Math.max(...fine.outputErrors)).toBeLessThan(10 * (1e-8 + 1e-6));
  });
});
