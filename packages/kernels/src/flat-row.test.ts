import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { flatRow } from './ops/flat-row';
import { countingCalls, onBackend } from './test-support';

const shapes = [[3, 4], [4], [2, 1, 3], [1], [0, 5], [7, 2]];
/** flatRow of seeded tensors of `shapes`, its values and the gradient of Σ c ⊙ flatRow(·) for each input. */
const joined = () =>
  tf.tidy(() => {
    const parts = shapes.map((shape, i) => tf.randomNormal(shape, 0, 1, 'float32', i + 1));
    const total = parts.reduce((n, p) => n + p.size, 0);
    const c = tf.randomNormal([1, total], 0, 1, 'float32', 99);
    const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(c, flatRow(xs))))(parts);
    const row = flatRow(parts);
    return {
      value: Array.from(row.dataSync()),
      concatenated: parts.flatMap((p) => Array.from(p.dataSync())),
      grads: grads.map((g) => Array.from(g.dataSync())),
      // ∂/∂part of Σ c ⊙ row is c's stretch over that part
      expectedGrads: parts.map((p, i) => Array.from(c.dataSync()).slice(parts.slice(0, i).reduce((n, q) => n + q.size, 0)).slice(0, p.size)),
      shape: row.shape,
    };
  });

describe('flatRow', () => {
  it('is the inputs’ values one after another as one row, in one kernel on wasm, with the gradient of that', async () => {
    const fast = await onBackend('wasm', true, () => countingCalls('TfodeFlatRow', joined));
    const reference = await onBackend('cpu', false, joined);
    expect(fast.calls).toBe(2);
    for (const result of [fast.result, reference]) {
      expect(result.shape).toEqual([1, 37]);
      expect(result.value).toEqual(result.concatenated);
      expect(result.grads).toEqual(result.expectedGrads);
    }
    expect(fast.result.value).toEqual(reference.value);
  });

  it('leaves nothing behind and rejects what is not a list of float32 tensors', async () => {
    await onBackend('wasm', true, () => {
      const start = tf.memory().numTensors;
      joined();
      expect(tf.memory().numTensors).toBe(start);
      tf.tidy(() => {
        expect(() => flatRow([])).toThrow(RangeError);
        expect(() => flatRow([tf.tensor1d([1, 2], 'int32')])).toThrow(TypeError);
        expect(() => flatRow(tf.zeros([2]) as unknown as tf.Tensor[])).toThrow(TypeError);
      });
      expect(tf.memory().numTensors).toBe(start);
    });
  });
});
