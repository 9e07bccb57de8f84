import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { AdamUpdate } from './kernels/kernel-names';
import { countingCalls, onBackend } from './test-support';

/** What applyGradients takes: tfjs types it as variables by name, or named tensors. */
type Gradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];

/**
 * A small regression trained by tf.train.adam for `steps` steps: every variable's values, m and v after,
 * and the losses. With `givenGradients`, each step's gradients are seeded random tensors instead, so that
 * no backend's own arithmetic but Adam's enters.
 */
function adamRun(steps: number, { listForm = false, skipBias = false, givenGradients = false } = {}) {
  const x = tf.randomNormal([32, 3], 0, 1, 'float32', 1);
  const y = tf.randomNormal([32, 2], 0, 1, 'float32', 2);
  const w = tf.variable(tf.randomNormal([3, 2], 0, 0.5, 'float32', 3));
  const b = tf.variable(tf.zeros([2]));
  const optimizer = tf.train.adam(0.05, 0.8, 0.95, 1e-6);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y))) as tf.Scalar, [w, b]);
    if (givenGradients) {
      tf.dispose(Object.values(grads));
      grads[w.name] = tf.randomNormal(w.shape, 0, 1, 'float32', 10 + step);
      grads[b.name] = tf.randomNormal(b.shape, 0, 1e-3, 'float32', 1000 + step);
    }
    losses.push(value.dataSync()[0]);
    // A variable without a gradient this step keeps its value and moments (tfjs skips it).
    const given = skipBias && step % 3 === 1 ? { [w.name]: grads[w.name] } : grads;
    optimizer.applyGradients((listForm ? Object.entries(given).map(([name, tensor]) => ({ name, tensor })) : given) as Gradients);
    tf.dispose([value, ...Object.values(grads)]);
  }
  const moments = (optimizer as unknown as { accumulatedFirstMoment: { variable: tf.Variable }[]; accumulatedSecondMoment: { variable: tf.Variable }[] });
  const state = [w, b, ...moments.accumulatedFirstMoment.map((m) => m.variable), ...moments.accumulatedSecondMoment.map((v) => v.variable)];
  const result = { losses, state: state.map((t) => Array.from(t.dataSync())), iterations: optimizer.iterations };
  optimizer.dispose();
  tf.dispose([x, y, w, b]);
  return result;
}

describe("tf.train.adam's update as one kernel per variable (wasm)", () => {
  for (const options of [{}, { listForm: true }, { skipBias: true }]) {
    it(`gives tfjs's own values, moments and losses bit for bit over 40 steps ${JSON.stringify(options)}`, async () => {
      const fused = await onBackend('wasm', true, () => adamRun(40, options));
      const tfjsOnWasm = await onBackend('wasm', false, () => adamRun(40, options));
      expect(fused.state).toEqual(tfjsOnWasm.state);
      expect(fused.losses).toEqual(tfjsOnWasm.losses);
      expect(fused.iterations).toBe(40);
      expect(fused.losses[39]).toBeLessThan(fused.losses[0]);
    });
  }

  it("gives tfjs's own update on cpu bit for bit, from the same gradients", async () => {
    const fused = await onBackend('wasm', true, () => adamRun(25, { givenGradients: true, skipBias: true }));
    const tfjsOnCpu = await onBackend('cpu', false, () => adamRun(25, { givenGradients: true, skipBias: true }));
    expect(fused.state).toEqual(tfjsOnCpu.state);
  });

  it('runs one kernel per variable, leaves nothing behind, and saves and restores like tfjs', async () => {
    await onBackend('wasm', true, async () => {
      const w = tf.variable(tf.ones([4, 3]));
      const optimizer = tf.train.adam(0.1);
      const g = tf.fill([4, 3], 0.5);
      optimizer.applyGradients({ [w.name]: g } as Gradients);
      const before = tf.memory().numTensors;
      const { calls } = countingCalls(AdamUpdate, () => {
        for (let i = 0; i < 5; i++) optimizer.applyGradients({ [w.name]: g } as Gradients);
      });
      expect(calls).toBe(5);
      expect(tf.memory().numTensors).toBe(before);
      const weights = await optimizer.getWeights();
      expect(weights.map((v) => v.name)).toEqual(['iter', `${w.name}/m`, `${w.name}/v`]);
      // A copy of w stepped by an optimizer restored from these weights takes w's next step: the moments
      // and the bias correction carried over (a fresh optimizer's first step differs).
      const copy = tf.variable(w.clone());
      const fresh = tf.variable(w.clone());
      const restored = tf.train.adam(0.1);
      await restored.setWeights(weights);
      const unrestored = tf.train.adam(0.1);
      optimizer.applyGradients({ [w.name]: g } as Gradients);
      restored.applyGradients({ [copy.name]: g } as Gradients);
      unrestored.applyGradients({ [fresh.name]: g } as Gradients);
      expect(Array.from(copy.dataSync())).toEqual(Array.from(w.dataSync()));
      expect(Array.from(fresh.dataSync())).not.toEqual(Array.from(w.dataSync()));
      unrestored.dispose();
      tf.dispose([copy, fresh, g, w]);
      optimizer.dispose();
      restored.dispose();
    });
  });

  it("hands tfjs's own update the cases it does not fuse: a gradient of another shape (broadcast) or dtype", async () => {
    const run = () => {
      const w = tf.variable(tf.ones([2, 3]));
      const optimizer = tf.train.adam(0.1);
      optimizer.applyGradients({ [w.name]: tf.tensor1d([1, -1, 2]) } as Gradients); // broadcast over w's rows, as tfjs's ops do
      const values = Array.from(w.dataSync());
      optimizer.dispose();
      w.dispose();
      return values;
    };
    const fused = await onBackend('wasm', true, () => countingCalls(AdamUpdate, run));
    expect(fused.calls).toBe(0);
    expect(fused.result).toEqual(await onBackend('cpu', false, run));
  });
});
