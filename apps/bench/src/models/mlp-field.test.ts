import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { measureSolverOverhead } from '../benchmarks/solver-overhead';
import { median } from '../runtime/timing';
import { mlpField } from './mlp-field';

describe('mlpField', () => {
  it('is seeded: same seed same output, another seed another output; shapes follow the widths', () => {
    const y = tf.randomNormal([4, 2], 0, 1, 'float32', 7) as tf.Tensor2D;
    const [a, b, c] = [mlpField([2, 8, 8, 2], 1), mlpField([2, 8, 8, 2], 1), mlpField([2, 8, 8, 2], 2)];
    const [outA, outB, outC] = [a.field(0, y), b.field(5, y), c.field(0, y)];
    expect(outA.shape).toEqual([4, 2]);
    expect(Array.from(outA.dataSync())).toEqual(Array.from(outB.dataSync())); // t is not used
    expect(Array.from(outA.dataSync())).not.toEqual(Array.from(outC.dataSync()));
    tf.dispose([y, outA, outB, outC]);
    [a, b, c].forEach((mlp) => mlp.dispose());
  });

  it('computes tanh layers and a linear last layer (checked by hand for one hidden unit)', () => {
    const mlp = mlpField([1, 1, 1], 3);
    const y = tf.tensor2d([[0.5]]);
    // With zero biases: out = w2 · tanh(w1 · y); recover w1 and w2 from two probes.
    const value = (x: number) => tf.tidy(() => mlp.field(0, tf.tensor2d([[x]])).dataSync()[0]);
    const big = value(50); // tanh saturates: out ≈ w2 · sign(w1)
    const small = value(1e-3); // tanh(u) ≈ u: out ≈ w2 · w1 · 1e-3
    const w1 = (small / 1e-3) / big; // = w1·w2 / (w2·sign(w1)) = |w1|
    expect(value(0.5)).toBeCloseTo(big * Math.tanh(0.5 * w1), 5);
    y.dispose();
    mlp.dispose();
  });

  it('rejects bad widths', () => {
    expect(() => mlpField([2], 0)).toThrow(/at least two positive integers/);
    expect(() => mlpField([2, 0, 2], 0)).toThrow(/at least two positive integers/);
  });
});

describe('measureSolverOverhead', () => {
  it('counts rk4 evaluations exactly, gives finite positive overheads, and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const result = measureSolverOverhead({
      batch: 8,
      widths: [2, 4, 2],
      tEnd: 1,
      seed: 0,
      evaluationCalls: 3,
      repeats: 2,
      solves: [
        { label: 'rk4', options: { method: 'rk4', stepSize: 0.25 } },
        { label: 'dopri5', options: { method: 'dopri5', rtol: 1e-5, atol: 1e-7 } },
      ],
    });
    expect(result.rows[0]).toMatchObject({ label: 'rk4', nfe: 16, nAccepted: 4, nRejected: 0 });
    expect(result.rows[1].nfe).toBeGreaterThan(6);
    for (const row of result.rows) {
      expect(row.solveSamplesMs).toHaveLength(2);
      expect(row.overhead).toBeCloseTo(row.solveMs / (row.nfe * result.evaluationMs), 10);
      expect(Number.isFinite(row.overhead) && row.overhead > 0).toBe(true);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/empty/);
  });
});
