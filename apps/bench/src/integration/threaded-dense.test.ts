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
});
