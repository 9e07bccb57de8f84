import * as tf from '@tensorflow/tfjs-core';
import { MaxStepsExceededError } from '@tfode/ode-core';
import { describe, expect, it } from 'vitest';
import { trainWithAdam } from './training-loop';

describe('trainWithAdam', () => {
  it('minimises (v − 3)² to its closed-form minimum and records every step', () => {
    const v = tf.variable(tf.scalar(0));
    const run = trainWithAdam({
      variables: [v], steps: 300, learningRate: 0.1,
      loss: () => tf.square(tf.sub(v, 3)) as tf.Scalar,
      evaluate: () => ({ value: v.dataSync()[0] }), evaluateEvery: 100,
    });
    expect(run.failure).toBeNull();
    expect(run.history).toHaveLength(300);
    expect(v.dataSync()[0]).toBeCloseTo(3, 2);
    expect(run.history.filter((r) => r.metrics.value !== undefined).map((r) => r.step)).toEqual([0, 100, 200, 299]);
    v.dispose();
  });

  it('stops at a non-finite loss or a failed solve and reports it; other errors propagate', () => {
    const v = tf.variable(tf.scalar(1));
    const nan = trainWithAdam({ variables: [v], steps: 10, learningRate: 0.1, loss: (step) => (step === 2 ? tf.mul(v, Number.NaN) : tf.square(v)) as tf.Scalar });
    expect(nan.history).toHaveLength(3);
    expect(nan.failure).toMatch(/step 2: loss NaN/);
    const failed = new MaxStepsExceededError(0.5, 100);
    const thrown = trainWithAdam({ variables: [v], steps: 10, learningRate: 0.1, loss: () => { throw failed; } });
    expect(thrown.history).toHaveLength(0);
    expect(thrown.failure).toBe(`step 0: ${failed.message}`);
    expect(() => trainWithAdam({ variables: [v], steps: 10, learningRate: 0.1, loss: () => { throw new Error('a bug'); } })).toThrow('a bug');
    v.dispose();
  });

  it('leaves no tensors behind', () => {
    const v = tf.variable(tf.scalar(1));
    const before = tf.memory().numTensors;
    trainWithAdam({ variables: [v], steps: 5, learningRate: 0.1, loss: () => tf.square(v) as tf.Scalar });
    expect(tf.memory().numTensors).toBe(before);
    v.dispose();
  });
});
