import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { odeint, odeintOnGrid } from './odeint';
import { tableaus } from './solver-tableaus';
import type { SolverName } from './types';

// A single tensor state is solved in its own shape: f gets the solver's state as is and its answer is
// used as is, with no reshape each way per evaluation. These check what that must not change.

const methods = Object.keys(tableaus) as SolverName[];
const stepSizeFor = (method: SolverName) => (tableaus[method].bError ? undefined : 0.05);

/** How many times each kernel ran inside fn (tfjs's own profiler). */
async function kernelCounts(fn: () => tf.TensorContainer): Promise<Map<string, number>> {
  const info = await tf.profile(fn);
  const counts = new Map<string, number>();
  for (const { name } of info.kernels) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

describe('a single tensor state keeps its shape through the solve', () => {
  it('f sees the state in its own shape, and the solve runs a fixed number of Reshapes whatever its length', async () => {
    const y0 = tf.ones([2, 3, 4]);
    const shapes = new Set<string>();
    const f = (_t: number, y: tf.Tensor) => {
      shapes.add(y.shape.join('x'));
      return tf.neg(y);
    };
    const reshapes = async (stepSize: number) =>
      // euler: its one stage combination is a mul and an add on every backend (no reshape of its own)
      (await kernelCounts(() => odeint(f, y0, [0, 1], { method: 'euler', stepSize }).ys)).get('Reshape') ?? 0;
    const short = await reshapes(0.25);
    const long = await reshapes(0.05);
    expect([...shapes]).toEqual(['2x3x4']);
    expect(long).toBe(short); // 20 evaluations against 4: none per evaluation
    y0.dispose();
  });

  for (const method of methods) {
    it(`${method}: f may return its input, a kept tensor or a variable; the solve frees none of them, and leaks nothing`, () => {
      const options = { method, stepSize: stepSizeFor(method), rtol: 1e-7, atol: 1e-9 };
      const y0 = tf.tensor2d([[1, 2], [0.5, -1]]);
      const velocity = tf.keep(tf.tensor2d([[1, -1], [2, 0.5]]));
      const variable = tf.variable(tf.tensor2d([[0.25, 0], [0, -3]]));
      const before = tf.memory().numTensors;
      const ts = [0, 0.4, 1];
      // f returning its input gives the bits of f returning a copy; y' = c gives y0 + c·t, for a kept c and for a variable.
      const growth = odeint((_t, y) => y, y0, ts, options);
      const copied = odeint((_t, y) => tf.mul(y, 1), y0, ts, options);
      const drift = odeint(() => velocity, y0, ts, options);
      const pushed = odeint(() => variable, y0, ts, options);
      const y = y0.arraySync();
      const [c, v] = [velocity.arraySync(), variable.arraySync()];
      const expectAt = (got: tf.Tensor, want: (t: number, i: number, j: number) => number, digits: number) => {
        const values = got.arraySync() as number[][][];
        ts.forEach((t, k) => y.forEach((row, i) => row.forEach((_, j) => expect(values[k][i][j]).toBeCloseTo(want(t, i, j), digits))));
      };
      expect(Array.from(growth.ys.dataSync())).toEqual(Array.from(copied.ys.dataSync()));
      expect((growth.ys.arraySync() as unknown as number[][][])[2][0][0]).toBeGreaterThan(0.9 * Math.E * y[0][0]); // it grew: y(1) ≈ e·y(0)
      expectAt(drift.ys, (t, i, j) => y[i][j] + c[i][j] * t, 5);
      expectAt(pushed.ys, (t, i, j) => y[i][j] + v[i][j] * t, 5);
      expect([y0.isDisposed, velocity.isDisposed, variable.isDisposed]).toEqual([false, false, false]);
      tf.dispose([growth.ys, copied.ys, drift.ys, pushed.ys]);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([y0, velocity, variable]);
    });
  }

  it("replays bit for bit on the forward solve's grid, as before", () => {
    const f = (t: number, y: tf.Tensor) => tf.mul(tf.sin(y), 1 + Math.cos(3 * t));
    const grid = [0];
    const y0 = tf.tensor3d([[[0.4], [1.1]], [[-0.3], [2]]]);
    const ts = [0, 0.35, 1.2, 2];
    const sol = odeint(f, y0, ts, { method: 'dopri5', rtol: 1e-5, onStep: ({ t1 }) => grid.push(t1) });
    const replay = odeintOnGrid(f, y0, ts, grid, { method: 'dopri5' });
    expect(sol.ys.shape).toEqual([4, 2, 2, 1]);
    expect(Array.from(replay.ys.dataSync())).toEqual(Array.from(sol.ys.dataSync()));
    tf.dispose([sol.ys, replay.ys, y0]);
  });
});
