import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { evaluateOnGrid } from './decision-grid';

describe('evaluateOnGrid', () => {
  it('tiles the square and evaluates f at every centre, across batches', () => {
    const cells = evaluateOnGrid((p) => tf.sum(p, 1), -2, 2, 5, 7); // 25 points in batches of 7
    expect(cells).toHaveLength(25);
    const area = cells.reduce((sum, c) => sum + (c.x2 - c.x) * (c.y2 - c.y), 0);
    expect(area).toBeCloseTo(16, 5);
    for (const c of cells) expect(c.value).toBeCloseTo((c.x + c.x2) / 2 + (c.y + c.y2) / 2, 5);
  });

  it('says what is wrong when f returns the wrong number of values', () => {
    expect(() => evaluateOnGrid((p) => p, 0, 1, 2)).toThrow(/one value per point/);
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    evaluateOnGrid((p) => tf.sigmoid(tf.sum(p, 1)), 0, 1, 4);
    expect(() => evaluateOnGrid((p) => p, 0, 1, 2)).toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });
});
