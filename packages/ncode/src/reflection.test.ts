import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { adaptiveDepthODE } from './adaptive-depth-ode';
import type { ControlledODE } from './controlled-ode';
import { dataControlledODE } from './data-controlled-ode';
import { neuralODE } from './neural-ode';
import { openLoopNCODE } from './open-loop-ncode';
import { meanSquaredError, reflectionData, train } from './test-support';

const solver = { method: 'rk4' as const, stepSize: 0.2, gradient: 'adjoint' as const };
const steps = 200;

function fitReflection(model: ControlledODE): number {
  const { x, y } = reflectionData(32);
  train(model, () => tf.mean(tf.square(tf.sub(model.predict(x), y))) as tf.Scalar, steps, 0.02);
  const mse = meanSquaredError(model.predict(x), y);
  console.log(`reflection MSE ${mse.toExponential(3)}`);
  tf.dispose([x, y]);
  model.dispose();
  return mse;
}

describe('learning the 1-D reflection φ(x) = −x', () => {
  it('a plain NODE stays above the floor of any increasing map', () => {
    // A 1-D flow is increasing in x; the best increasing fit of a decreasing target is its mean, 0,
    // so MSE ≥ mean(x²) (isotonic regression).
    const { x } = reflectionData(32);
    const floor = tf.tidy(() => tf.mean(tf.square(x)).dataSync()[0]);
    x.dispose();
    expect(fitReflection(neuralODE({ dims: 1, hidden: [16], seed: 1, solver }))).toBeGreaterThan(0.99 * floor);
  });

  it('open-loop N-CODE learns it', () => {
    expect(fitReflection(openLoopNCODE({ dims: 1, hidden: [8], seed: 2, solver }))).toBeLessThan(0.01);
  });

  it('a data-controlled NODE learns it', () => {
    expect(fitReflection(dataControlledODE({ dims: 1, hidden: [16], seed: 3, solver }))).toBeLessThan(0.01);
  });

  it('an adaptive-depth NODE learns it', () => {
    expect(fitReflection(adaptiveDepthODE({ dims: 1, hidden: [8], seed: 4, solver }))).toBeLessThan(0.01);
  });
});
