import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { AutoNCODE } from './auto-ncode';
import type { ControlledODE } from './controlled-ode';
import { cases } from './test-models';

/** Gradient of a scalar loss of the output w.r.t. every variable; the hebbian model gets a θ state too. */
function gradients(model: ControlledODE, input: tf.Tensor): Float32Array[] {
  if (model instanceof AutoNCODE) model.reseed(5);
  const { grads, value } = tf.variableGrads(() => {
    const out = model.predict(input);
    return tf.sum(tf.mul(tf.sin(tf.add(out, 0.3)), tf.tanh(out))) as tf.Scalar;
  }, model.variables);
  const values = model.variables.map((v) => grads[v.name].dataSync() as Float32Array);
  tf.dispose([value, ...Object.values(grads)]);
  return values;
}

function relativeDifference(a: Float32Array[], b: Float32Array[]): number {
  let diff = 0;
  let norm = 0;
  a.forEach((g, i) => g.forEach((v, j) => ((diff += (v - b[i][j]) ** 2), (norm += v * v))));
  return Math.sqrt(diff / norm);
}

describe('every constructor trains in adjoint, checkpoint and backprop modes with matching gradients', () => {
  it.each(cases)('%s', (_name, build, makeInput) => {
    // A fine fixed step: backprop is then the exact gradient of nearly the exact flow, which the adjoint's
    // backward solve approximates; adaptive steps would add kinks (ReLU fields) and step-choice noise.
    const tolerances = { method: 'rk4' as const, stepSize: 0.02 };
    const backprop = build({ ...tolerances, gradient: 'backprop' });
    const adjoint = build({ ...tolerances, gradient: 'adjoint' });
    const checkpoint = build({ ...tolerances, gradient: 'checkpoint' });
    const input = makeInput();
    const exact = gradients(backprop, input);
    const viaAdjoint = gradients(adjoint, input);
    expect(exact.some((g) => g.some((v) => v !== 0))).toBe(true);
    expect(relativeDifference(viaAdjoint, exact)).toBeLessThan(1e-3);
    // Checkpointing replays the same steps: the same gradient as backprop, to float32 rounding.
    expect(relativeDifference(gradients(checkpoint, input), exact)).toBeLessThan(1e-3);
    checkpoint.dispose();
    expect(adjoint.lastStats.backward.nfe).toBeGreaterThan(0);
    tf.dispose(input);
    backprop.dispose();
    adjoint.dispose();
  });
});
