import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { timeConvField } from './conv-field-timing';

describe('timeConvField', () => {
  it('times forward and forward + backward of the field and leaves no tensor or variable behind', () => {
    const before = tf.memory().numTensors;
    const variables = Object.keys(tf.engine().registeredVariables).length;
    const timing = timeConvField({ batch: 2, height: 5, width: 4, channels: 3, filters: 4 }, 0, 1, 3);
    expect(timing.forwardMs).toBeGreaterThan(0);
    expect(timing.forwardBackwardMs).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(tf.engine().registeredVariables).length).toBe(variables);
  });
});
