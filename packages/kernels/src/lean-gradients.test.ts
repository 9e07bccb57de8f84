import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DenseLayersBackprop, WeightedSumBackprop } from './kernels/kernel-names';
import { denseLayers } from './ops/dense-layers';
import { weightedSum } from './ops/weighted-sum';
import { onBackend } from './test-support';

// two evaluations of a 3→16→2 tanh field on [z, t], joined by a weighted sum, as one Runge–Kutta step makes them
const params = () => [
  tf.randomNormal([3, 16], 0, 0.5, 'float32', 1),
  tf.randomNormal([16], 0, 0.5, 'float32', 2),
  tf.randomNormal([16, 2], 0, 0.5, 'float32', 3),
];
const step = (z: tf.Tensor, w0: tf.Tensor, b0: tf.Tensor, w1: tf.Tensor) => {
  const layers = [{ w: w0 as tf.Tensor2D, b: b0 as tf.Tensor1D, activation: 'tanh' as const }, { w: w1 as tf.Tensor2D }];
  const k1 = denseLayers(z as tf.Tensor2D, layers, { time: 0 });
  const k2 = denseLayers(weightedSum([z as tf.Tensor2D, k1], [1, 0.25]), layers, { time: 0.25 });
  return tf.sum(tf.mul(weightedSum([z, k1, k2], [1, 0.125, 0.125]), tf.randomNormal([37, 2], 0, 1, 'float32', 4)));
};
const z0 = () => tf.randomNormal([37, 2], 0, 1, 'float32', 5);
const gradients = (withZ: boolean) =>
  tf.tidy(() => {
    const ws = params();
    const grads = withZ ? tf.grads(step)([z0(), ...ws]) : tf.grads((w0: tf.Tensor, b0: tf.Tensor, w1: tf.Tensor) => step(z0(), w0, b0, w1))(ws);
    return grads.map((g) => Array.from(g.dataSync()));
  });

/** How often the engine ran `kernelName` as an op (the lean gradients run it straight on the backend) during fn. */
function engineCalls<T>(kernelName: string, fn: () => T): { result: T; calls: number } {
  const engine = tf.engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
  const runKernel = engine.runKernel;
  let calls = 0;
  engine.runKernel = function (this: unknown, name: string, ...rest: unknown[]) {
    if (name === kernelName) calls++;
    return runKernel.call(this, name, ...rest);
  };
  try {
    return { result: fn(), calls };
  } finally {
    engine.runKernel = runKernel;
  }
}

describe('lean gradients of denseLayers and weightedSum (their backward kernels run straight on wasm)', () => {
  it('give the bits of the backward kernels run as ops, which tf.profile still sees', async () => {
    await onBackend('wasm', true, async () => {
      const lean = engineCalls(DenseLayersBackprop, () => engineCalls(WeightedSumBackprop, () => gradients(true)));
      expect([lean.calls, lean.result.calls]).toEqual([0, 0]);
      let asOps: number[][] = [];
      const profile = await tf.profile(() => {
        asOps = gradients(true);
      });
      expect(asOps).toEqual(lean.result.result);
      const names = profile.kernels.map((k) => k.name);
      expect(names.filter((name) => name === DenseLayersBackprop)).toHaveLength(2);
      expect(names.filter((name) => name === WeightedSumBackprop)).toHaveLength(2);
    });
  });

  it('match the gradients of tfjs’s own ops on cpu', async () => {
    const reference = await onBackend('cpu', false, () => gradients(true));
    const lean = await onBackend('wasm', true, () => gradients(true));
    lean.forEach((g, i) => g.forEach((v, j) => expect(v).toBeCloseTo(reference[i][j], 5)));
  });

  it('add a weighted sum’s scaled gradients into an input met twice and into one that already has a gradient, as tfjs’s ops do', async () => {
    const twice = () =>
      tf.tidy(() => {
        const x = tf.randomNormal([5, 3], 0, 1, 'float32', 6);
        const r = tf.randomNormal([5, 3], 0, 1, 'float32', 7);
        // x is t0 and t1 of one sum and, through tanh, feeds a second: three contributions to its gradient
        const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(weightedSum([weightedSum([v, v, tf.tanh(v)], [0.5, -2, 3]), v], [1, 0.25]), r)))(x);
        return Array.from(g.dataSync());
      });
    const reference = await onBackend('cpu', false, twice);
    const lean = await onBackend('wasm', true, twice);
    lean.forEach((v, i) => expect(v).toBeCloseTo(reference[i], 5));
  });

  it('leave no tensor and no backend buffer behind, also for an input that wants no gradient (z here)', async () => {
    await onBackend('wasm', true, () => {
      gradients(false);
      const [tensors, buffers] = [tf.memory().numTensors, tf.backend().numDataIds()];
      for (let i = 0; i < 3; i++) gradients(false);
      expect([tf.memory().numTensors, tf.backend().numDataIds()]).toEqual([tensors, buffers]);
    });
  });

  it('are not taken where the backward pass is itself recorded: a gradient of the gradient goes through', async () => {
    const secondOrder = () =>
      tf.tidy(() => {
        const [w0, b0, w1] = params();
        const g = tf.grad((v: tf.Tensor) => tf.sum(tf.square(tf.grad((u: tf.Tensor) => step(z0(), u, b0, w1))(v))));
        return Array.from(g(w0).dataSync());
      });
    const reference = await onBackend('cpu', false, secondOrder);
    const fast = await onBackend('wasm', true, secondOrder);
    fast.forEach((v, i) => expect(v).toBeCloseTo(reference[i], 4));
  });
});
