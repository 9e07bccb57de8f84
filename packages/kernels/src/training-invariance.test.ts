import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { dense } from './ops/dense';
import { denseLayers } from './ops/dense-layers';
import { onBackend, onSimdBuild, simdBuilds } from './test-support';
import { wasmBackend, wasmMemory } from './wasm/wasm-backend-internals';

/**
 * The forward pass of a seeded regression: a 2→16→16→1 tanh MLP (layer by layer, or as one
 * denseLayers op), or five Euler steps of a field f(t, h) = tanh([h, t]·w1 + b1)·w2 + b2 on h ∈ R² and
 * a linear readout, so every weight of the field gets five gradient contributions per step (summed in
 * place) and its first layer reads the time column.
 */
const models = {
  mlp: {
    shapes: [[2, 16], [16, 16], [16, 1]],
    forward: (x: tf.Tensor2D, [l1, l2, l3]: Layer[]) => [l1, l2, l3].reduce((a, { w, b }, k) => dense(a, w as tf.Tensor2D, b as tf.Tensor1D, k < 2 ? 'tanh' : 'linear'), x),
  },
  'mlp as one denseLayers op': {
    shapes: [[2, 16], [16, 16], [16, 1]],
    forward: (x: tf.Tensor2D, layers: Layer[]) =>
      denseLayers(x, layers.map(({ w, b }, k) => ({ w: w as tf.Tensor2D, b: b as tf.Tensor1D, activation: k < 2 ? ('tanh' as const) : ('linear' as const) }))),
  },
  'Euler-unrolled ODE': {
    shapes: [[3, 16], [16, 2], [2, 1]],
    forward: (x: tf.Tensor2D, [l1, l2, head]: Layer[]) => {
      let h = x;
      for (let step = 0; step < 5; step++) {
        const hidden = dense(h, l1.w as tf.Tensor2D, l1.b as tf.Tensor1D, 'tanh', { time: 0.2 * step });
        h = tf.add(h, tf.mul(0.2, dense(hidden, l2.w as tf.Tensor2D, l2.b as tf.Tensor1D)));
      }
      return dense(h, head.w as tf.Tensor2D, head.b as tf.Tensor1D);
    },
  },
} as const;
type Layer = { w: tf.Variable; b: tf.Variable };

/** Trains `model` with Adam on a seeded regression; returns the loss after each step. */
function train(model: keyof typeof models, steps: number, onStep?: (step: number) => void): number[] {
  const { shapes, forward } = models[model];
  const layers = shapes.map(([i, o], k) => ({
    w: tf.variable(tf.randomNormal([i, o], 0, 1 / Math.sqrt(i), 'float32', 10 + k)),
    b: tf.variable(tf.zeros([o])),
  }));
  const x = tf.randomUniform([64, 2], -2, 2, 'float32', 1) as tf.Tensor2D;
  const y = tf.tidy(() => tf.sin(tf.sum(tf.mul(x, tf.tensor1d([1.5, -0.7])), 1, true)));
  const optimizer = tf.train.adam(1e-2);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const loss = optimizer.minimize(() => tf.mean(tf.square(tf.sub(forward(x, layers), y))) as tf.Scalar, true)!;
    losses.push(loss.dataSync()[0]);
    loss.dispose();
    onStep?.(step);
  }
  optimizer.dispose();
  tf.dispose([x, y, ...layers.flatMap(({ w, b }) => [w, b])]);
  return losses;
}

describe.each(Object.keys(models) as (keyof typeof models)[])('training with the fast kernels on wasm: %s', (model) => {
  it.each(simdBuilds)('gives the loss curve of tfjs’s own kernels, to float32 noise (%s build)', async (build) => {
    const fast = await onSimdBuild(build, () => onBackend('wasm', true, () => train(model, 60)));
    const tfjs = await onBackend('wasm', false, () => train(model, 60));
    expect(fast[59]).toBeLessThan(fast[0] / 3);
    fast.forEach((loss, i) => expect(Math.abs(loss - tfjs[i])).toBeLessThanOrEqual(1e-4 * tfjs[i]));
  });

  it('keeps tf.memory().numTensors and the wasm heap flat over 1000 steps', async () => {
    await onBackend('wasm', true, () => {
      const memory = wasmMemory(wasmBackend());
      let tensors = 0;
      let heap = 0;
      let bytes = 0;
      train(model, 1000, (step) => {
        if (step === 99) [tensors, heap, bytes] = [tf.memory().numTensors, memory.buffer.byteLength, tf.memory().numBytes];
        if (step === 999) {
          expect(tf.memory().numTensors).toBe(tensors);
          expect(tf.memory().numBytes).toBe(bytes);
          expect(memory.buffer.byteLength).toBe(heap);
        }
      });
    });
  });
});
