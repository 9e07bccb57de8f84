import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { odeint } from './odeint';
import type { FixedStepSolverName } from './types';

// Harmonic oscillator y = [x, v], x' = v, v' = −x, row-vector form y' = y·A; exact x = cos t, v = −sin t.
const T = 10;
function finalError(method: FixedStepSolverName, stepSize: number): number {
  return tf.tidy(() => {
    const A = tf.tensor2d([[0, -1], [1, 0]]);
    const sol = odeint((_t, y) => tf.matMul(y as tf.Tensor2D, A), tf.tensor2d([[1, 0]]), [0, T], { method, stepSize });
    const d = sol.ys.dataSync();
    return Math.hypot(d[2] - Math.cos(T), d[3] + Math.sin(T));
  });
}

/** Least-squares slope of log(error) against log(h). */
function empiricalOrder(method: FixedStepSolverName, steps: number[]): number {
  const xs = steps.map(Math.log);
  const ys = steps.map((h) => Math.log(finalError(method, h)));
  const mx = xs.reduce((p, x) => p + x, 0) / xs.length;
  const my = ys.reduce((p, y) => p + y, 0) / ys.length;
  const num = xs.reduce((p, x, i) => p + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((p, x) => p + (x - mx) ** 2, 0);
  return num / den;
}

// Step ranges where the global error (≥ 1e-5) stands far above float32 rounding (~1e-6 here).
const cases: [FixedStepSolverName, number, number[]][] = [
  ['euler', 1, [0.025, 0.0125, 0.00625]],
  ['midpoint', 2, [0.1, 0.05, 0.025]],
  ['heun', 2, [0.1, 0.05, 0.025]],
  ['rk4', 4, [0.4, 0.2, 0.1]],
  ['rk38', 4, [0.4, 0.2, 0.1]],
];

describe('fixed-step methods converge at their theoretical order', () => {
  for (const [method, order, steps] of cases) {
    it(`${method}: empirical order within ±0.3 of ${order}`, () => {
      expect(Math.abs(empiricalOrder(method, steps) - order)).toBeLessThan(0.3);
    });
  }
});
