import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { cases } from './test-models';

describe('no tensor leaks across 20 training steps', () => {
  it.each(cases)('%s', (_name, build, makeInput) => {
    const model = build({ method: 'rk4', stepSize: 0.25, gradient: 'adjoint' });
    const input = makeInput();
    const optimizer = tf.train.adam(1e-3);
    const step = () => tf.dispose(optimizer.minimize(() => tf.mean(tf.square(model.predict(input))) as tf.Scalar, true, model.variables) ?? []);
    step(); // the optimizer's slots are created on the first step
    const before = tf.memory().numTensors;
    for (let i = 0; i < 19; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    const flow = model.forward(input);
    tf.dispose(flow as unknown as tf.TensorContainer);
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    input.dispose();
    model.dispose();
  });

  it.each(cases)('%s: dispose() frees every tensor the model made, constants included', (_name, build) => {
    const before = tf.memory().numTensors;
    build({ method: 'rk4', stepSize: 0.25, gradient: 'adjoint' }).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
