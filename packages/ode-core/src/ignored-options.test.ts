import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError } from './errors';
import { odeint } from './odeint';
import type { FixedStepSolverName, SolveOptions } from './types';

const decay = (_t: number, y: tf.Tensor) => tf.neg(y);

/** Runs a solve of y' = −y from [1, 2] over [0, 1] and returns its values and the console warnings it gave. */
function solveWatchingWarnings(options: SolveOptions): { values: number[]; warnings: string[] } {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const values = tf.tidy(() => Array.from(odeint(decay, tf.tensor1d([1, 2]), [0, 0.5, 1], options).ys.dataSync()));
    return { values, warnings: warn.mock.calls.map((call) => String(call[0])) };
  } finally {
    warn.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

// Warnings are given once per message per process: each case names its own method, so no case sees
// another's warning already given.
const ignoredByFixedStep: [string, FixedStepSolverName, SolveOptions][] = [
  ['rtol', 'euler', { rtol: 1e-3 }],
  ['atol', 'midpoint', { atol: 1e-3 }],
  ['controller', 'heun', { controller: { safety: 0.5 } }],
  // dtmin: an adaptive solve would stop at a step shorter than 0.3; this one steps by 0.1 to the end.
  ['controller', 'rk38', { controller: { dtmin: 0.3 } }],
  ['norm', 'rk4', { norm: () => 0 }],
];

describe('an option the fixed-step method ignores: one console.warn, the solve unchanged', () => {
  for (const [option, method, given] of ignoredByFixedStep) {
    it(`${option}${given.controller ? ` (${Object.keys(given.controller)[0]})` : ''} on ${method}`, () => {
      const plain = solveWatchingWarnings({ method, stepSize: 0.1 });
      const first = solveWatchingWarnings({ method, stepSize: 0.1, ...given });
      const again = solveWatchingWarnings({ method, stepSize: 0.1, ...given });
      expect(plain.warnings).toEqual([]);
      expect(first.warnings).toHaveLength(1);
      expect(first.warnings[0]).toMatch(new RegExp(`^${option} is ignored by the fixed-step method "${method}".*: drop it, or use an adaptive method \\(.*dopri5`));
      expect(again.warnings).toEqual([]); // once per message
      expect(first.values).toEqual(plain.values);
    });
  }

  it('normParts on a tuple state (rk4)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const sol = odeint<tf.Tensor[]>((_t, [x, v]) => [v, tf.neg(x)], [tf.ones([2]), tf.zeros([2])], [0, 1], {
      method: 'rk4', stepSize: 0.25, normParts: [true, false],
    });
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringMatching(/^normParts is ignored by the fixed-step method "rk4"/)]);
    tf.dispose(sol.ys);
  });

  it('every ignored option of one call, each once', () => {
    const { warnings } = solveWatchingWarnings({ method: 'heun', stepSize: 0.1, rtol: 1e-4, atol: 1e-6, norm: () => 0 });
    expect(warnings.map((w) => w.split(' ')[0])).toEqual(['rtol', 'atol', 'norm']);
  });

  it('an adaptive method reads them all: no warning', () => {
    const { warnings } = solveWatchingWarnings({ method: 'bosh3', rtol: 1e-4, atol: 1e-6, controller: { safety: 0.8 }, normParts: [true] });
    expect(warnings).toEqual([]);
  });
});

describe('an ignored option with a bad value is still an error (checked before it is found ignored)', () => {
  const cases: [string, SolveOptions, RegExp][] = [
    ['rtol', { rtol: -1 }, /rtol = -1: tolerances must be finite and > 0/],
    ['atol', { atol: Number.NaN }, /atol = NaN/],
    ['controller.safety', { controller: { safety: 2 } }, /controller\.safety=2: must be in \(0, 1\]/],
    ['controller.dtmin', { controller: { dtmin: -1 } }, /controller\.dtmin=-1: must be ≥ 0/],
    ['a misspelt controller setting', { controller: { dtMin: 1 } as never }, /controller\.dtMin is not a controller setting: use pcoeff/],
    ['norm', { norm: 3 as never }, /norm must be a function/],
    ['normParts', { normParts: [true, true] }, /normParts has 2 entries but the state has 1 parts/],
  ];
  for (const [what, given, message] of cases) {
    it(what, () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      expect(() => odeint(decay, tf.ones([1]), [0, 1], { method: 'rk4', stepSize: 0.5, ...given })).toThrow(InvalidArgumentError);
      expect(() => odeint(decay, tf.ones([1]), [0, 1], { method: 'rk4', stepSize: 0.5, ...given })).toThrow(message);
      expect(warn).not.toHaveBeenCalled();
    });
  }
});

describe('the other options are checked whatever the method', () => {
  it('onStep must be a function', () =>
    expect(() => odeint(decay, tf.ones([1]), [0, 1], { onStep: 'log' as never })).toThrow(/onStep must be a function/));
  it('normParts must be booleans', () =>
    expect(() => odeint(decay, tf.ones([1]), [0, 1], { normParts: [1] as never })).toThrow(/normParts must be an array of booleans/));
  it('the stats a solve returns are final: frozen', () => {
    const sol = odeint(decay, tf.ones([1]), [0, 1]);
    expect(Object.isFrozen(sol.stats)).toBe(true);
    sol.ys.dispose();
  });
});
