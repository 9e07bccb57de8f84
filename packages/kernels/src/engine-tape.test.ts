import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { isolatedVjp, releaseTapeOnFailure } from './engine-tape';

describe('engine-tape: isolatedVjp', () => {
  it('inside a custom gradient, while the outer tf.grad walks its tape: both gradients exact', () => {
    // y = g(x) with g's gradient taken by isolatedVjp of sin: dy/dx = cos(x); the outer loss is y²
    // times a tensor the outer tape saved (w), so its tape must survive the inner call.
    const g = tf.customGrad((x, save) => {
      (save as tf.GradSaveFunc)([x as tf.Tensor]);
      return {
        value: tf.sin(x as tf.Tensor),
        gradFunc: (dy, [saved]) => isolatedVjp(() => tf.sin(saved), [saved], dy as tf.Tensor).grads[0],
      };
    });
    const w = tf.scalar(3);
    const x0 = 0.4;
    const dLoss = tf.grad((x: tf.Tensor) => tf.mul(w, tf.square(g(x) as tf.Tensor)))(tf.scalar(x0));
    // d/dx 3·sin²x = 6·sin x·cos x
    expect(dLoss.dataSync()[0]).toBeCloseTo(6 * Math.sin(x0) * Math.cos(x0), 6);
    tf.dispose([w, dLoss]);
  });

  it("gives zeros for inputs f does not use, and f's value", () => {
    const [x, unused] = [tf.tensor1d([1, 2]), tf.tensor1d([5, 6, 7])];
    const { value, grads } = isolatedVjp(() => tf.mul(x, x), [x, unused], tf.tensor1d([1, 1]));
    expect(Array.from(value.dataSync())).toEqual([1, 4]);
    expect(Array.from(grads[0].dataSync())).toEqual([2, 4]);
    expect(Array.from(grads[1].dataSync())).toEqual([0, 0, 0]);
    tf.dispose([x, unused, value, ...grads]);
  });
});

describe('engine-tape: releaseTapeOnFailure', () => {
  it('a call that throws under tf.variableGrads leaves no saved tensor behind', () => {
    const v = tf.variable(tf.tensor1d([0.5, -1]));
    const before = tf.memory().numTensors;
    expect(() =>
      tf.variableGrads(() =>
        releaseTapeOnFailure(() => {
          tf.sum(tf.exp(tf.tanh(v))); // recorded: exp and tanh save their outputs
          throw new Error('the call failed');
        }),
      ),
    ).toThrow(/the call failed/);
    expect(tf.memory().numTensors).toBe(before);
    v.dispose();
  });
});
