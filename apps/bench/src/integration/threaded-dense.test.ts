// dense on tfjs-backend-wasm's threaded build, where large products go to XNNPACK's threads and the rest
// to our one-thread SIMD matMul: both sides against tfjs's own ops on the cpu backend. The threaded build
// starts only in a fresh process, so the wasm side runs in a child.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { workspaceRoot } from './packed-packages';

const shapes = [[512, 64, 64], [24, 5, 3]]; // 2M multiply–adds (XNNPACK on threads), and a small one (ours)
const activations = ['linear', 'tanh', 'relu'] as const;
const seeded = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(seed * 1000 + i * 0.37) * 1.5);

describe('dense on the threaded wasm backend', () => {
  it('matches tfjs’s own ops on cpu, value and gradients, for large and small products', () => {
    const [core, kernels] = ['ode-core', 'kernels'].map((p) => join(workspaceRoot, 'packages', p, 'dist', 'index.cjs'));
    const script = `
      const tf = require('@tensorflow/tfjs-core');
      const { useBestBackend } = require(${JSON.stringify(core)});
      const { dense } = require(${JSON.stringify(kernels)});
      const seeded = ${seeded.toString()};
      useBestBackend({ backend: 'wasm', wasmThreads: 2 }).then(() => {
        const results = [];
        for (const [rows, fanIn, cols] of ${JSON.stringify(shapes)}) for (const activation of ${JSON.stringify(activations)}) {
          const [x, w, b] = [tf.tensor2d(seeded(rows * fanIn, 1), [rows, fanIn]), tf.tensor2d(seeded(fanIn * cols, 2).map((v) => v / 8), [fanIn, cols]), tf.tensor1d(seeded(cols, 3))];
          const c = tf.tensor2d(seeded(rows * cols, 4), [rows, cols]);
          // Σ c ⊙ dense: its gradients as the vector–Jacobian product with c (tfjs-core's CJS build registers no Sum gradient).
          const { value, grads } = tf.valueAndGrads((x, w, b) => dense(x, w, b, activation))([x, w, b], c);
          results.push({ value: tf.sum(tf.mul(c, value)).dataSync()[0], grads: grads.map((g) => Array.from(g.dataSync())) });
        }
        console.log(JSON.stringify({ backend: tf.getBackend(), results }));
      });`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: join(workspaceRoot, 'packages', 'ode-core'), encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { backend, results } = JSON.parse(run.stdout.trim().split('\n').pop()!) as { backend: string; results: { value: number; grads: number[][] }[] };
    expect(backend).toBe('wasm');
    let index = 0;
    for (const [rows, fanIn, cols] of shapes) {
      for (const activation of activations) {
        const { value, grads } = tf.tidy(() => {
          const [x, w, b] = [tf.tensor2d(seeded(rows * fanIn, 1), [rows, fanIn]), tf.tensor2d(seeded(fanIn * cols, 2).map((v) => v / 8), [fanIn, cols]), tf.tensor1d(seeded(cols, 3))];
          const c = tf.tensor2d(seeded(rows * cols, 4), [rows, cols]);
          const act = { linear: (z: tf.Tensor) => z, tanh: tf.tanh, relu: tf.relu }[activation];
          const loss = (xa: tf.Tensor, wa: tf.Tensor, ba: tf.Tensor) => tf.sum(tf.mul(c, act(tf.add(tf.matMul(xa, wa), ba))));
          const out = tf.valueAndGrads(loss)([x, w, b]);
          return { value: out.value.dataSync()[0], grads: out.grads.map((g) => Array.from(g.dataSync())) };
        });
        const fast = results[index++];
        expect(Math.abs(fast.value - value)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(value)));
        grads.forEach((reference, which) =>
          reference.forEach((expected, i) => expect(Math.abs(fast.grads[which][i] - expected)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(expected)))),
        );
      }
    }
  });

  it('a chain whose large linear layer (XNNPACK) takes its gradient from a small one (ours): denseLayers against tfjs’s ops on cpu', () => {
    const [core, kernels] = ['ode-core', 'kernels'].map((p) => join(workspaceRoot, 'packages', p, 'dist', 'index.cjs'));
    const [rows, sizes, time] = [512, [64, 64, 2], 0.4];
    // w0 (its last row the time column's), b0, w1, b1: values and shapes, the same in the child and here
    const weights: [number[], number[]][] = [
      [seeded((sizes[0] + 1) * sizes[1], 2).map((v) => v / 8), [sizes[0] + 1, sizes[1]]],
      [seeded(sizes[1], 3), [sizes[1]]],
      [seeded(sizes[1] * sizes[2], 5).map((v) => v / 8), [sizes[1], sizes[2]]],
      [seeded(sizes[2], 6), [sizes[2]]],
    ];
    const script = `
      const tf = require('@tensorflow/tfjs-core');
      const { useBestBackend } = require(${JSON.stringify(core)});
      const { denseLayers } = require(${JSON.stringify(kernels)});
      const seeded = ${seeded.toString()};
      useBestBackend({ backend: 'wasm', wasmThreads: 2 }).then(() => {
        const x = tf.tensor2d(seeded(${rows * sizes[0]}, 1), [${rows}, ${sizes[0]}]);
        const c = tf.tensor2d(seeded(${rows * sizes[2]}, 4), [${rows}, ${sizes[2]}]);
        const weights = ${JSON.stringify(weights)}.map(([values, shape]) => tf.tensor(values, shape));
        const chain = (x, w0, b0, w1, b1) => denseLayers(x, [{ w: w0, b: b0 }, { w: w1, b: b1, activation: 'tanh' }], { time: ${time} });
        const { value, grads } = tf.valueAndGrads(chain)([x, ...weights], c);
        console.log(JSON.stringify({ value: tf.sum(tf.mul(c, value)).dataSync()[0], grads: grads.map((g) => Array.from(g.dataSync())) }));
      });`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: join(workspaceRoot, 'packages', 'ode-core'), encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const fast = JSON.parse(run.stdout.trim().split('\n').pop()!) as { value: number; grads: number[][] };
    const reference = tf.tidy(() => {
      const x = tf.tensor2d(seeded(rows * sizes[0], 1), [rows, sizes[0]]);
      const c = tf.tensor2d(seeded(rows * sizes[2], 4), [rows, sizes[2]]);
      const loss = (xa: tf.Tensor, w0: tf.Tensor, b0: tf.Tensor, w1: tf.Tensor, b1: tf.Tensor) => {
        const h = tf.add(tf.matMul(tf.concat([xa, tf.fill([rows, 1], time)], 1), w0), b0);
        return tf.sum(tf.mul(c, tf.tanh(tf.add(tf.matMul(h, w1), b1))));
      };
      const out = tf.valueAndGrads(loss)([x, ...weights.map(([values, shape]) => tf.tensor(values, shape))]);
      return { value: out.value.dataSync()[0], grads: out.grads.map((g) => Array.from(g.dataSync())) };
    });
    expect(Math.abs(fast.value - reference.value)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(reference.value)));
    reference.grads.forEach((expected, which) =>
      expected.forEach((e, i) => expect(Math.abs(fast.grads[which][i] - e)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(e)))),
    );
  });
});
