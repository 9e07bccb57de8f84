import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { odeintAdjoint } from './odeint-adjoint';
import { mlpField } from './test-fields';
import type { GradientMode } from './types';

// 2→16→16→2 tanh MLP on [z, t], loss at t = 0.5 and 1.0 (dopri5, rtol 1e-6, atol 1e-8).
const { field, params } = mlpField([3, 16, 16, 2], 11);
const z0 = tf.keep(tf.randomNormal([8, 2], 0, 1, 'float32', 5));
const targets = tf.keep(tf.randomNormal([3, 8, 2], 0, 1, 'float32', 6));

function loss(mode: GradientMode): tf.Scalar {
  const sol = odeintAdjoint(field, z0, [0, 0.5, 1.0], params, { gradient: mode, rtol: 1e-6, atol: 1e-8 });
  return tf.mean(tf.square(tf.sub(tf.slice(sol.ys as tf.Tensor, [1], [2]), tf.slice(targets, [1], [2])))) as tf.Scalar;
}

function parameterGradients(mode: GradientMode): number[][] {
  return tf.tidy(() => {
    const { grads } = tf.variableGrads(() => loss(mode), params);
    return params.map((p) => Array.from(grads[p.name].dataSync()));
  });
}

const maxRelative = (a: number[], b: number[]) => {
  const scale = Math.max(...b.map(Math.abs));
  return Math.max(...a.map((x, i) => Math.abs(x - b[i]))) / scale;
};

describe('the three gradient modes agree on an MLP field', () => {
  const reference = parameterGradients('backprop');

  for (const mode of ['adjoint', 'checkpoint'] as GradientMode[]) {
    it(`${mode} matches backprop on every parameter gradient to 1e-3 relative`, () => {
      const got = parameterGradients(mode);
      got.forEach((g, k) => expect(maxRelative(g, reference[k])).toBeLessThan(1e-3));
    });
  }

  it('backprop matches central finite differences to 1e-2 relative', () => {
    // Float32 states: a step of 1e-2 on the largest-gradient entries of each parameter keeps the
    // difference well above rounding while the O(h²) truncation stays below 1e-2 relative.
    const h = 1e-2;
    params.forEach((p, k) => {
      const values = p.dataSync().slice();
      const top = [...reference[k].keys()].sort((i, j) => Math.abs(reference[k][j]) - Math.abs(reference[k][i])).slice(0, 3);
      for (const i of top) {
        const at = (delta: number) => {
          const shifted = values.slice();
          shifted[i] += delta;
          p.assign(tf.tensor(shifted, p.shape));
          return tf.tidy(() => loss('backprop').dataSync()[0]);
        };
        const fd = (at(h) - at(-h)) / (2 * h);
        p.assign(tf.tensor(values, p.shape));
        expect(Math.abs(fd - reference[k][i]) / Math.abs(reference[k][i])).toBeLessThan(1e-2);
      }
    });
  });
});
