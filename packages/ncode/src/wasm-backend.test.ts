import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { higherOrderODE } from './higher-order-ode';

// The library's default backend is wasm; the suite runs on cpu. A model whose forward pass differs
// between them is broken on wasm (tfjs-backend-wasm 4.22's OneHot once zeroed second-order fields).
describe('models compute the same on the wasm backend as on cpu', () => {
  const original = tf.getBackend();
  afterAll(async () => {
    await tf.setBackend(original);
  });

  it('second-order NODE: outputs and every gradient agree', async () => {
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const model = higherOrderODE({ dims: 2, order: 2, hidden: [8], seed: 1, outputs: 1, solver: { method: 'rk4', stepSize: 0.25, gradient: 'backprop' } });
      const x = tf.tensor2d([[0.5, -0.3], [0.1, 0.9]]);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(model.predict(x))) as tf.Scalar, model.variables);
      const result = { value: value.dataSync()[0], grads: model.variables.map((v) => Array.from(grads[v.name].dataSync())) };
      tf.dispose([x, value, ...Object.values(grads)]);
      model.dispose();
      return result;
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    expect(wasm.value).toBeCloseTo(cpu.value, 5);
    cpu.grads.forEach((g, k) => {
      expect(g.some((v) => v !== 0)).toBe(true);
      g.forEach((v, i) => expect(wasm.grads[k][i]).toBeCloseTo(v, 4));
    });
  });
});
