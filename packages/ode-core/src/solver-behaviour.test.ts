import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { odeint, odeintOnGrid } from './odeint';
import { tableaus } from './solver-tableaus';
import type { SolverName } from './types';

const methods = Object.keys(tableaus) as SolverName[];
const stepSizeFor = (method: SolverName) => (tableaus[method].bError ? undefined : 0.05);

describe('solver behaviour', () => {
  for (const method of methods) {
    it(`${method}: stats.nfe equals an independent count of f calls`, () => {
      let calls = 0;
      const sol = odeint(
        (t, y) => {
          calls++;
          return tf.mul(y, Math.cos(t));
        },
        tf.tensor1d([1, 2]),
        [0, 0.5, 2],
        { method, stepSize: stepSizeFor(method), rtol: 1e-6, atol: 1e-8 },
      );
      expect(sol.stats.nfe).toBe(calls);
      expect(sol.stats.nAccepted).toBeGreaterThan(0);
      sol.ys.dispose();
    });

    it(`${method}: leaves tf.memory().numTensors unchanged once the result is disposed`, () => {
      const y0 = [tf.tensor2d([[1, 0]]), tf.tensor1d([0.5])];
      const before = tf.memory().numTensors;
      const sol = odeint<tf.Tensor[]>(
        (t, [x, z]) => [tf.reverse(tf.mul(x, tf.tensor1d([-1, 1])), 1), tf.mul(z, -t)],
        y0,
        [0, 0.7, 1.5],
        { method, stepSize: stepSizeFor(method) },
      );
      expect(tf.memory().numTensors).toBe(before + 2);
      tf.dispose(sol.ys);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose(y0);
    });

    it(`${method}: a backward-in-time solve equals the forward solve of the time-reversed field`, () => {
      // y' = f(t, y) from T down to 0 is y' = −f(−s, y) from s = −T up to 0, step for step.
      const f = (t: number, y: tf.Tensor) => tf.mul(tf.sin(y), 1 + 0.5 * Math.cos(t));
      const reversed = (s: number, y: tf.Tensor) => tf.neg(f(-s, y));
      const opts = { method, stepSize: stepSizeFor(method), rtol: 1e-6, atol: 1e-8 };
      const y1 = tf.tensor1d([0.3, -1.2, 2]);
      const backward = odeint(f, y1, [1.5, 0.6, 0], opts);
      const forward = odeint(reversed, y1, [-1.5, -0.6, 0], opts);
      const [b, fw] = [backward.ys.dataSync(), forward.ys.dataSync()];
      b.forEach((v, i) => expect(Math.abs(v - fw[i])).toBeLessThan(1e-6));
      expect(backward.stats).toEqual(forward.stats);
      tf.dispose([forward.ys, backward.ys, y1]);
    });
  }

  it('backward-in-time output times, exact solution: y = e^{−t} solved from t=2 down to 0', () => {
    const sol = odeint((_t, y) => tf.neg(y), tf.scalar(Math.exp(-2)), [2, 1, 0.25, 0], { rtol: 1e-8, atol: 1e-10 });
    const got = sol.ys.dataSync();
    [2, 1, 0.25, 0].forEach((t, i) => expect(got[i]).toBeCloseTo(Math.exp(-t), 6));
    sol.ys.dispose();
  });

  it('onStep sees every accepted step in order, contiguous from ts[0] to ts[last]', () => {
    const steps: [number, number][] = [];
    const sol = odeint((_t, y) => tf.neg(y), tf.scalar(1), [0, 3], { onStep: ({ t0, t1 }) => steps.push([t0, t1]) });
    expect(steps.length).toBe(sol.stats.nAccepted);
    expect(steps[0][0]).toBe(0);
    expect(steps[steps.length - 1][1]).toBe(3);
    steps.slice(1).forEach(([t0], i) => expect(t0).toBe(steps[i][1]));
    sol.ys.dispose();
  });

  it('outputs have the structure of y0 with a leading time axis', () => {
    const sol = odeint<tf.Tensor[]>((_t, [a, b]) => [tf.neg(a), tf.neg(b)], [tf.ones([4, 3]), tf.ones([2])], [0, 1, 2], {
      method: 'rk4',
      stepSize: 0.5,
    });
    expect(sol.ys.map((y) => y.shape)).toEqual([[3, 4, 3], [3, 2]]);
    expect(sol.ts).toEqual([0, 1, 2]);
    tf.dispose(sol.ys);
  });

  it('one host sync per adaptive step: dataSync calls ≈ attempted steps + start-up', () => {
    const original = tf.Tensor.prototype.dataSync;
    let syncs = 0;
    tf.Tensor.prototype.dataSync = function (this: tf.Tensor) {
      syncs++;
      return original.call(this);
    } as typeof original;
    try {
      const sol = odeint((_t, y) => tf.neg(y), tf.ones([8, 2]), [0, 1, 2], { rtol: 1e-6 });
      const steps = sol.stats.nAccepted + sol.stats.nRejected;
      // y0 finiteness, two for the initial step, one per attempted step, one final finiteness check.
      expect(syncs).toBe(steps + 4);
      sol.ys.dispose();
    } finally {
      tf.Tensor.prototype.dataSync = original;
    }
  });
});

describe('odeintOnGrid', () => {
  it("replaying an adaptive solve's accepted steps reproduces its outputs bit for bit", () => {
    const f = (t: number, y: tf.Tensor) => tf.mul(tf.sin(y), 1 + Math.cos(3 * t));
    const grid = [0];
    const y0 = tf.tensor1d([0.4, 1.1]);
    const ts = [0, 0.35, 1.2, 2];
    const sol = odeint(f, y0, ts, { method: 'dopri5', rtol: 1e-5, onStep: ({ t1 }) => grid.push(t1) });
    const replay = odeintOnGrid(f, y0, ts, grid, { method: 'dopri5' });
    expect(Array.from(replay.ys.dataSync())).toEqual(Array.from(sol.ys.dataSync()));
    expect(replay.stats.nAccepted).toBe(sol.stats.nAccepted);
    tf.dispose([sol.ys, replay.ys, y0]);
  });

  it('rejects a grid that does not span ts', () => {
    expect(() => odeintOnGrid((_t, y) => y, tf.ones([1]), [0, 1], [0, 0.5])).toThrow(/grid must start/);
  });
});
