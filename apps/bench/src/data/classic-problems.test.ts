import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { allProblems } from './classic-problems';

describe('classic problems', () => {
  it.each(allProblems)('$name: the float32 tensor field agrees with the float64 field', (problem) => {
    const states = [problem.y0, problem.y0.map((value, i) => value + 0.3 * (i + 1)), problem.y0.map((value) => 0.5 * value + 0.2)];
    for (const [index, state] of states.entries()) {
      const t = 0.7 * index;
      const before = tf.memory().numTensors;
      const values = tf.tidy(() => Array.from(problem.field(t, tf.tensor1d(state)).dataSync()));
      const expected = problem.field64(t, state);
      expect(values).toHaveLength(expected.length);
      values.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 4));
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it.each(allProblems.filter((problem) => problem.exact))('$name: the exact solution starts at y0 and satisfies the ODE', (problem) => {
    expect(problem.exact!(0)).toEqual(problem.y0.map((value) => expect.closeTo(value, 12)));
    // Central difference of the exact solution against f64 at a few times.
    for (const t of [0.5, 1.3, problem.tEnd * 0.9]) {
      const h = 1e-5;
      const [plus, minus] = [problem.exact!(t + h), problem.exact!(t - h)];
      const derivative = problem.field64(t, problem.exact!(t));
      plus.forEach((value, i) => expect((value - minus[i]) / (2 * h)).toBeCloseTo(derivative[i], 7));
    }
  });
});
