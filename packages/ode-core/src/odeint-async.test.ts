import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError, MaxStepsExceededError } from './errors';
import { odeint, odeintAsync } from './odeint';
import { tableaus } from './solver-tableaus';
import type { SolveOptions, SolverName, VectorField } from './types';

// A tuple state (x [2, 2], z [3]) under a time-varying linear field, outputs between steps (dense output).
const field: VectorField<tf.Tensor[]> = (t, [x, z]) => [tf.mul(tf.reverse(x, 1), tf.tensor1d([-1, 1])), tf.mul(z, -Math.cos(t))];
const start = () => [tf.tensor2d([[1, 0], [0.5, -0.5]]), tf.tensor1d([1, 2, 3])];
const times = [0, 0.3, 0.35, 1.2, 2];
const methods = Object.keys(tableaus) as SolverName[];
const optionsFor = (method: SolverName): SolveOptions => (tableaus[method].bError ? { method, rtol: 1e-6, atol: 1e-8 } : { method, stepSize: 0.1 });

describe('odeintAsync', () => {
  afterEach(() => vi.restoreAllMocks());

  for (const method of methods) {
    it(`${method}: the same outputs, bit for bit, and the same stats as odeint`, async () => {
      const y0 = start();
      const sync = odeint(field, y0, times, optionsFor(method));
      const later = await odeintAsync(field, y0, times, optionsFor(method));
      expect(later.stats).toEqual(sync.stats);
      expect(later.ts).toEqual(sync.ts);
      sync.ys.forEach((ys, i) => expect(later.ys[i].dataSync()).toEqual(ys.dataSync()));
      tf.dispose([y0, sync.ys, later.ys]);
    });
  }

  it('never blocks on dataSync: it awaits data() once per attempted step, plus y0, the first step and the outputs', async () => {
    const y0 = start();
    const blocking = vi.spyOn(tf.Tensor.prototype, 'dataSync');
    const awaited = vi.spyOn(tf.Tensor.prototype, 'data');
    const sol = await odeintAsync(field, y0, times, { method: 'dopri5', rtol: 1e-7 });
    expect(blocking).not.toHaveBeenCalled();
    // y0's finiteness, Hairer's initial step (two), one error norm per attempted step, the outputs' finiteness.
    expect(awaited).toHaveBeenCalledTimes(1 + 2 + sol.stats.nAccepted + sol.stats.nRejected + 1);
    vi.restoreAllMocks();
    tf.dispose([y0, sol.ys]);
  });

  it('bad input rejects the promise (nothing thrown synchronously) with the error odeint throws', async () => {
    const pending = odeintAsync(field, start(), [0, 0], {});
    await expect(pending).rejects.toThrow(InvalidArgumentError);
    await expect(odeintAsync(field, start(), [0, 1], { rtol: -1 })).rejects.toThrow(InvalidArgumentError);
  });

  it('a solve that fails, or an onStep that throws, rejects and leaves no tensor behind', async () => {
    const y0 = start();
    const before = tf.memory().numTensors;
    await expect(odeintAsync(field, y0, times, { rtol: 1e-10, atol: 1e-12, maxSteps: 3 })).rejects.toThrow(MaxStepsExceededError);
    expect(tf.memory().numTensors).toBe(before);
    const onStep = () => {
      throw new Error('observer stops here');
    };
    await expect(odeintAsync(field, y0, times, { onStep })).rejects.toThrow('observer stops here');
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(y0);
  });

  it('a read from the device that fails rejects with its error and leaves no tensor behind', async () => {
    const y0 = start();
    const before = tf.memory().numTensors;
    let reads = 0;
    const data = tf.Tensor.prototype.data;
    vi.spyOn(tf.Tensor.prototype, 'data').mockImplementation(function (this: tf.Tensor) {
      return ++reads === 5 ? Promise.reject(new Error('device lost')) : data.call(this);
    } as typeof data);
    await expect(odeintAsync(field, y0, times)).rejects.toThrow('device lost');
    vi.restoreAllMocks();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(y0);
  });
});
