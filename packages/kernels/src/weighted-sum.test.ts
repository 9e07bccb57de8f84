import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { weightedSum } from './ops/weighted-sum';
import { onBackend } from './test-support';

const weights = [1, -0.5, 0.25, 3e-3, 2];

/** The sum and the gradient of Σ c ⊙ weightedSum(terms) for each term, for terms of `shape`. */
function sumAndGradients(shape: number[]) {
  return tf.tidy(() => {
    const terms = weights.map((_, i) => tf.randomNormal(shape, 0, 1, 'float32', i + 1));
    const c = tf.randomNormal(shape, 0, 1, 'float32', 99);
    const { value, grads } = tf.valueAndGrads((...ts: tf.Tensor[]) => tf.sum(tf.mul(c, weightedSum(ts, weights))))(terms);
    return { sum: Array.from(weightedSum(terms, weights).dataSync()), value: value.dataSync()[0], grads: grads.map((g) => Array.from(g.dataSync())), terms: terms.map((t) => Array.from(t.dataSync())), c: Array.from(c.dataSync()) };
  });
}

describe('weightedSum', () => {
  for (const shape of [[1, 7], [3, 5, 2], [1, 5000]]) {
    it(`on wasm: the host sum and the gradients wᵢ·c (exactly linear, so finite differences are exact), shape [${shape}]`, async () => {
      const fast = await onBackend('wasm', true, () => sumAndGradients(shape));
      const composite = await onBackend('cpu', false, () => sumAndGradients(shape));
      fast.sum.forEach((got, j) => {
        const want = weights.reduce((s, w, i) => s + w * fast.terms[i][j], 0);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(want)));
        expect(Math.abs(got - composite.sum[j])).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(want)));
      });
      fast.grads.forEach((grad, i) => grad.forEach((g, j) => expect(g).toBe(Math.fround(Math.fround(weights[i]) * fast.c[j]))));
    });
  }

  it('leaves no tensor behind when only some terms need a gradient, and runs as one kernel each way', async () => {
    await onBackend('wasm', true, async () => {
      const data = tf.ones([1, 6]);
      const v = tf.variable(tf.ones([1, 6]));
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        const { value, grads } = tf.variableGrads(() => tf.sum(weightedSum([data, v, data], [2, 3, 4])) as tf.Scalar, [v]);
        expect(Array.from(grads[v.name].dataSync())).toEqual([3, 3, 3, 3, 3, 3]);
        tf.dispose([value, grads[v.name]]);
      }
      expect(tf.memory().numTensors).toBe(before);
      const { kernelNames, result } = await tf.profile(() => tf.grad((t: tf.Tensor) => tf.sum(weightedSum([t, t], [1, 2])))(data));
      (result as tf.Tensor).dispose();
      expect(kernelNames.filter((name) => name.startsWith('Tfode')).sort()).toEqual(['TfodeWeightedSum', 'TfodeWeightedSumBackprop']);
      tf.dispose([data, v]);
    });
  });

  it('rejects mismatched shapes, counts, dtypes and non-finite weights', () => {
    tf.tidy(() => {
      expect(() => weightedSum([tf.ones([2]), tf.ones([3])], [1, 1])).toThrow(RangeError);
      expect(() => weightedSum([tf.ones([2])], [1, 2])).toThrow(RangeError);
      expect(() => weightedSum([], [])).toThrow(RangeError);
      expect(() => weightedSum([tf.ones([2], 'int32')], [1])).toThrow(TypeError);
      expect(() => weightedSum([tf.ones([2])], [Number.NaN])).toThrow(RangeError);
    });
  });
});
