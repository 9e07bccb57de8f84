import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { odeintAdjoint } from './odeint-adjoint';
import type { GradientOptions } from './types';

// ż = θz, z(0) = 1: z(T) = e^{θT} and dz(T)/dθ = T·e^{θT}.
const theta0 = 0.7;
const T = 1;

/** dz(T)/dθ by odeintAdjoint with `options`, the backward NFE, and the console warnings the call gave. */
function derivative(options: GradientOptions): { dTheta: number; backwardNfe: number; warnings: string[] } {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const theta = tf.variable(tf.scalar(theta0));
  try {
    let backward = { nfe: -1 };
    const dTheta = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        const sol = odeintAdjoint((_t, z: tf.Tensor) => tf.mul(z, theta), tf.ones([1]), [0, T], [theta], options);
        backward = sol.backwardStats;
        return tf.sum(tf.slice(sol.ys, [1], [1])) as tf.Scalar;
      }, [theta]);
      return grads[theta.name].dataSync()[0];
    });
    return { dTheta, backwardNfe: backward.nfe, warnings: warn.mock.calls.map((call) => String(call[0])) };
  } finally {
    theta.dispose();
    warn.mockRestore();
  }
}

const exact = T * Math.exp(theta0 * T);
const relativeError = (got: number) => Math.abs(got - exact) / exact;

afterEach(() => vi.restoreAllMocks());

// Warnings are given once per message per process: each case below warns of its own option and method.
describe("options the gradient mode ignores: one console.warn, the gradient unchanged", () => {
  for (const gradient of ['backprop', 'checkpoint'] as const) {
    it(`adjoint (the backward solve's options) with gradient: '${gradient}'`, () => {
      const first = derivative({ gradient, rtol: 1e-7, adjoint: { rtol: 1e-3 } });
      const again = derivative({ gradient, rtol: 1e-7, adjoint: { rtol: 1e-3 } });
      expect(first.warnings).toEqual([expect.stringMatching(new RegExp(`^adjoint is ignored by gradient: '${gradient}'.*use gradient: 'adjoint'`))]);
      expect(again.warnings).toEqual([]);
      expect(relativeError(first.dTheta)).toBeLessThan(1e-4);
    });
  }

  it('a bad value there is still an error, before the warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const run = (adjoint: GradientOptions['adjoint']) => () =>
      odeintAdjoint((_t, z: tf.Tensor) => z, tf.ones([1]), [0, 1], [], { gradient: 'backprop', adjoint });
    expect(run({ rtol: -1 })).toThrow(InvalidArgumentError);
    expect(run({ rtol: -1 })).toThrow(/adjoint\.rtol = -1: tolerances must be finite and > 0/);
    expect(run({ method: 'rk45' as never })).toThrow(/unknown adjoint\.method "rk45"/);
    expect(run({ seminorm: 'yes' as never })).toThrow(/adjoint\.seminorm = yes: must be true or false/);
    expect(run(7 as never)).toThrow(/adjoint must be an object/);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe("options a fixed-step method ignores, forward or backward ('adjoint' mode)", () => {
  const rk4 = { gradient: 'adjoint', method: 'rk4', stepSize: 0.05 } as const;
  for (const [option, adjoint] of [
    ['adjoint.rtol', { rtol: 1e-3 }],
    ['adjoint.atol', { atol: 1e-3 }],
    ['adjoint.seminorm', { seminorm: true }],
  ] as const) {
    it(`${option} on a fixed-step backward solve`, () => {
      const { dTheta, warnings } = derivative({ ...rk4, adjoint });
      expect(warnings).toEqual([expect.stringMatching(new RegExp(`^${option.replace('.', '\\.')} is ignored by the fixed-step method "rk4"`))]);
      expect(relativeError(dTheta)).toBeLessThan(1e-4);
    });
  }

  it('rtol on a fixed-step forward and backward solve', () => {
    const { warnings } = derivative({ ...rk4, rtol: 1e-3 });
    expect(warnings).toEqual([expect.stringMatching(/^rtol is ignored by the fixed-step method "rk4"/)]);
  });

  it('rtol on a fixed-step forward solve is not ignored when the backward solve is adaptive: it inherits it', () => {
    const loose = derivative({ gradient: 'adjoint', method: 'midpoint', stepSize: 0.05, rtol: 1e-2, atol: 1e-2, adjoint: { method: 'dopri5' } });
    const tight = derivative({ gradient: 'adjoint', method: 'midpoint', stepSize: 0.05, rtol: 1e-8, atol: 1e-8, adjoint: { method: 'dopri5' } });
    expect(loose.warnings).toEqual([]);
    expect(tight.warnings).toEqual([]);
    expect(loose.backwardNfe).toBeLessThan(tight.backwardNfe); // the backward solve read them
  });

  it('a fixed-step backward method needs stepSize: an error at the call, before any gradient', () =>
    expect(() => odeintAdjoint((_t, z: tf.Tensor) => z, tf.ones([1]), [0, 1], [], { adjoint: { method: 'rk4' } })).toThrow(
      /adjoint\.method "rk4" is fixed-step: give options\.stepSize/,
    ));
});

describe('who owns the statistics', () => {
  it('stats: the forward solve\'s, final and frozen at return; backwardStats: a read-only live view of the backward passes', () => {
    const theta = tf.variable(tf.scalar(theta0));
    const f = (_t: number, z: tf.Tensor) => tf.mul(z, theta);
    let nfeAtReturn = -1;
    let solution: ReturnType<typeof odeintAdjoint<tf.Tensor>> | undefined;
    const { grads } = tf.variableGrads(() => {
      solution = odeintAdjoint(f, tf.ones([1]), [0, T], [theta], { rtol: 1e-6 });
      nfeAtReturn = solution.backwardStats.nfe;
      return tf.sum(solution.ys) as tf.Scalar;
    }, [theta]);
    const sol = solution!;
    expect(Object.isFrozen(sol.stats)).toBe(true);
    expect(sol.stats.nfe).toBeGreaterThan(0);
    expect(nfeAtReturn).toBe(0);
    expect(sol.backwardStats.nfe).toBeGreaterThan(0);
    expect(() => {
      (sol.backwardStats as { nfe: number }).nfe = 0;
    }).toThrow(TypeError);
    tf.dispose([theta, ...Object.values(grads)]);
  });

  it("backprop: no backward pass of its own, backwardStats.nfe stays 0", () => {
    expect(derivative({ gradient: 'backprop', rtol: 1e-6 }).backwardNfe).toBe(0);
  });
});

describe('gradient option names', () => {
  it('a misspelt option of odeintAdjoint or of its backward solve is an error naming the nearest one', () => {
    const w = tf.variable(tf.scalar(-1));
    const y0 = tf.ones([2]);
    const f = (_t: number, y: tf.Tensor) => tf.mul(w, y);
    expect(() => odeintAdjoint(f, y0, [0, 1], [w], { gradiant: 'adjoint' } as never)).toThrow(/options\.gradiant is not an option \(did you mean "gradient"\?\)/);
    expect(() => odeintAdjoint(f, y0, [0, 1], [w], { adjoint: { rtoll: 1e-3 } } as never)).toThrow(/adjoint\.rtoll is not an option \(did you mean "rtol"\?\)/);
    tf.dispose([w, y0]);
  });
});
