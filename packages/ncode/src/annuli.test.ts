import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { augmentedODE } from './augmented-ode';
import { closedLoopNCODE } from './closed-loop-ncode';
import type { ControlledODE } from './controlled-ode';
import { openLoopNCODE } from './open-loop-ncode';
import { annuliData, train } from './test-support';

const solver = { method: 'rk4' as const, stepSize: 0.2, gradient: 'backprop' as const };

/** Trains a binary classifier (one logit) on 64 annuli points; returns the training accuracy. */
function annuliAccuracy(model: ControlledODE, steps: number): number {
  const { x, labels } = annuliData(64, 11);
  train(model, () => tf.losses.sigmoidCrossEntropy(labels, model.predict(x)) as tf.Scalar, steps, 0.03);
  const accuracy = tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.greater(model.predict(x), 0), tf.cast(labels, 'bool')), 'float32')).dataSync()[0]);
  console.log(`annuli accuracy ${(100 * accuracy).toFixed(1)} %`);
  tf.dispose([x, labels]);
  model.dispose();
  return accuracy;
}

describe('separating concentric annuli (2-D)', () => {
  it('an augmented NODE reaches ≥ 98 % training accuracy', () => {
    expect(annuliAccuracy(augmentedODE({ dims: 2, augment: 1, hidden: [16], outputs: 1, seed: 5, solver }), 120)).toBeGreaterThanOrEqual(0.98);
  });

  it('open-loop N-CODE reaches ≥ 98 %', () => {
    expect(annuliAccuracy(openLoopNCODE({ dims: 2, hidden: [8], outputs: 1, seed: 6, solver }), 120)).toBeGreaterThanOrEqual(0.98);
  });

  it('closed-loop N-CODE reaches ≥ 98 %', () => {
    expect(annuliAccuracy(closedLoopNCODE({ dims: 2, hidden: [8], controlled: [1], outputs: 1, seed: 7, solver }), 120)).toBeGreaterThanOrEqual(0.98);
  });
});
