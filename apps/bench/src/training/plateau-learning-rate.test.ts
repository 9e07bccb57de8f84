import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { plateauLearningRate, setLearningRate } from './plateau-learning-rate';

describe('plateauLearningRate (App C.4: halved every time the loss plateaus)', () => {
  it('halves once per plateau longer than the patience, and not while the loss improves', () => {
    expect(plateauLearningRate(1e-3, [])).toBe(1e-3);
    expect(plateauLearningRate(1e-3, [5, 4, 3, 2, 1])).toBe(1e-3);
    // Best 3 at epoch 2, then three epochs without a 0.1 % gain: one halving; then two more plateaus.
    expect(plateauLearningRate(1e-3, [5, 4, 3, 3, 2.999, 3.1])).toBe(5e-4);
    // Eight epochs at the best loss: a halving after the third and after the sixth.
    expect(plateauLearningRate(1e-3, [5, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3])).toBe(2.5e-4);
  });

  it('setLearningRate changes the step Adam takes', () => {
    const step = (rate: number) => {
      const v = tf.variable(tf.scalar(1));
      const optimizer = tf.train.adam(1);
      setLearningRate(optimizer, rate);
      optimizer.minimize(() => tf.square(v) as tf.Scalar);
      const moved = 1 - v.dataSync()[0];
      tf.dispose([v]);
      optimizer.dispose();
      return moved;
    };
    // Adam's first step has size ≈ the learning rate whatever the gradient.
    expect(step(0.25)).toBeCloseTo(0.25, 4);
    expect(step(0.0625)).toBeCloseTo(0.0625, 4);
  });
});
