import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { countingCalls, expectNothingLeft, onBackend } from './test-support';

// w is used by ten ops, so its gradient is the sum of ten contributions (elementwise ops only: the same
// kernels with the fast path on and off, so the results must be bit-identical).
const tenUses = (w: tf.Tensor, x: tf.Tensor) => {
  let h = x;
  for (let i = 0; i < 10; i++) h = tf.sin(tf.add(tf.mul(h, w), w));
  return tf.sum(h);
};
const inputs = () => [tf.randomNormal([8, 5], 0, 1, 'float32', 3), tf.randomNormal([8, 5], 0, 1, 'float32', 4)];
const tenUsesGradients = () => tf.tidy(() => tf.grads(tenUses)(inputs()).map((g) => Array.from(g.dataSync())));

describe('gradient sums on wasm with the fast kernels', () => {
  it('are bit-identical to tfjs’s, with at most one Add op: contributions after the first go in place', async () => {
    const reference = await onBackend('wasm', false, () => countingCalls(tf.Add, tenUsesGradients));
    const fast = await onBackend('wasm', true, () => countingCalls(tf.Add, tenUsesGradients));
    expect(fast.result).toEqual(reference.result);
    // forward: 10 adds; backward: tfjs adds each of w's 19 contributions after the first (and x's and h's);
    // here one at most: w's first contribution, Add's gradient, shares dy's buffer, so one Add makes w's own sum
    expect(reference.calls - 10).toBeGreaterThanOrEqual(19);
    expect(fast.calls - 10).toBeLessThanOrEqual(1);
  });

  it('never write into a contribution made outside the pass (a tensor a custom gradient closes over), as tfjs leaves it', async () => {
    // a's gradient is a tensor made before the pass, first in w's sum for `first`, later for the other order
    const run = (first: boolean) => () => {
      const outside = tf.keep(tf.tensor1d([1, 2, 3]));
      const a = tf.customGrad((w) => ({ value: tf.mul(w as tf.Tensor, 1), gradFunc: () => outside }));
      // the backward pass meets the last op first
      const f = (w: tf.Tensor) => {
        const others = tf.add(tf.sum(tf.mul(w, 2)), tf.sum(tf.sin(w)));
        return first ? tf.add(others, tf.sum(a(w) as tf.Tensor)) : tf.add(tf.sum(a(w) as tf.Tensor), others);
      };
      const gradient = tf.tidy(() => Array.from(tf.grad(f)(tf.zeros([3])).dataSync()));
      const left = outside.isDisposed ? 'disposed' : Array.from(outside.dataSync());
      outside.dispose();
      return { gradient, left };
    };
    for (const first of [true, false]) {
      const fast = await onBackend('wasm', true, run(first));
      expect(fast).toEqual(await onBackend('wasm', false, run(first)));
      expect(fast.gradient).toEqual([2 + 1 + 1, 2 + 2 + 1, 2 + 3 + 1]);
      if (fast.left !== 'disposed') expect(fast.left).toEqual([1, 2, 3]);
    }
  });

  it('free what they do not return, as tfjs does', async () => {
    await onBackend('wasm', true, () => expectNothingLeft(tenUsesGradients));
  });

  it('take a gradient function that hands one tensor to two inputs (tfjs 4.22 frees it while in use)', async () => {
    // both inputs of `join` get its output's gradient itself (the same tensor), and both have another use earlier on the tape
    const join = tf.customGrad((p, q) => ({ value: tf.add(p as tf.Tensor, q as tf.Tensor), gradFunc: (dy) => [dy as tf.Tensor, dy as tf.Tensor] }));
    const f = (w: tf.Tensor) => {
      const p = tf.mul(w, 2);
      const q = tf.sin(w);
      const before = tf.sum(tf.mul(p, q));
      const out = join(p, q) as tf.Tensor;
      return tf.addN([before, tf.sum(out), tf.sum(tf.mul(out, out)), tf.sum(tf.cos(out))]);
    };
    const w = [0.3, -1.1, 2.5];
    const gradient = () => tf.tidy(() => Array.from(tf.grad(f)(tf.tensor1d(w)).dataSync()));
    const got = await onBackend('wasm', true, gradient);
    // d/dw of 2w·sin w + o + o² + cos o, o = 2w + sin w: (2 sin w + 2w cos w) + (1 + 2o − sin o)(2 + cos w)
    got.forEach((value, i) => {
      const x = w[i];
      const o = 2 * x + Math.sin(x);
      expect(value).toBeCloseTo(2 * Math.sin(x) + 2 * x * Math.cos(x) + (1 + 2 * o - Math.sin(o)) * (2 + Math.cos(x)), 4);
    });
  });

  it('stay differentiable where the backward pass is itself recorded (a gradient of a gradient)', async () => {
    // d²/dx² Σ x·x·x·sin x, x used four times: 6x·sin x + 6x²·cos x − x³·sin x
    const second = await onBackend('wasm', true, () =>
      tf.tidy(() => Array.from(tf.grad(tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.mul(tf.mul(x, x), x), tf.sin(x)))))(tf.tensor1d([0.7, -1.3])).dataSync())),
    );
    second.forEach((value, i) => {
      const x = [0.7, -1.3][i];
      expect(value).toBeCloseTo(6 * x * Math.sin(x) + 6 * x * x * Math.cos(x) - x ** 3 * Math.sin(x), 4);
    });
  });

  it('give tfjs’s errors (no path from x to y, a gradient of the wrong shape) and free the tape and y when a gradient throws', async () => {
    await onBackend('wasm', true, () => {
      const x = tf.tensor1d([1, 2]);
      expect(() => tf.grad(() => tf.scalar(3))(x)).toThrow(/Cannot compute gradient of y=f\(x\) with respect to x/);
      const wrongShape = tf.customGrad((v) => ({ value: tf.mul(v as tf.Tensor, 2), gradFunc: () => [tf.zeros([3])] }));
      const start = tf.memory().numTensors;
      expect(() => tf.grad((v: tf.Tensor) => tf.sum(tf.sin(wrongShape(v) as tf.Tensor)))(x)).toThrow(/has shape '3', which does not match the shape of the input '2'/);
      expect(tf.memory().numTensors).toBe(start);
      x.dispose();
    });
  });

  it('are tfjs’s own off wasm', async () => {
    const onCpu = await onBackend('cpu', false, tenUsesGradients);
    await onBackend('wasm', true, async () => {
      expect(await onBackend('cpu', false, tenUsesGradients)).toEqual(onCpu);
    });
  });
});
