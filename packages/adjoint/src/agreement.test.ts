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

describe('a parameter passed twice (weight tying) gets its gradient once', () => {
  // ż = w·(v·z)·w: w appears twice in params, as tied weights list it. L = Σ z(1) = Σ z0·e^{w²v}.
  const w0 = 0.6;
  const v0 = 1.5;

  function tiedGradients(mode: GradientMode): [number, number] {
    const w = tf.variable(tf.scalar(w0));
    const v = tf.variable(tf.scalar(v0));
    const f = (_t: number, z: tf.Tensor) => tf.mul(tf.mul(w, tf.mul(v, z)), w);
    const result = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        const sol = odeintAdjoint(f, tf.tensor1d([0.5, -1]), [0, 1], [w, v, w], { gradient: mode, rtol: 1e-7, atol: 1e-9 });
        return tf.sum(tf.slice(sol.ys as tf.Tensor, [1], [1])) as tf.Scalar;
      }, [w, v]);
      return [grads[w.name].dataSync()[0], grads[v.name].dataSync()[0]] as [number, number];
    });
    tf.dispose([w, v]);
    return result;
  }

  const e = Math.exp(w0 * w0 * v0);
  const exact = [-0.5 * 2 * w0 * v0 * e, -0.5 * w0 * w0 * e];
  const reference = tiedGradients('backprop');

  it('backprop matches the closed form', () => reference.forEach((g, i) => expect(Math.abs(g - exact[i]) / Math.abs(exact[i])).toBeLessThan(1e-4)));

  for (const mode of ['adjoint', 'checkpoint'] as GradientMode[]) {
    it(`${mode} matches backprop`, () => {
      tiedGradients(mode).forEach((g, i) => expect(Math.abs(g - reference[i]) / Math.abs(reference[i])).toBeLessThan(1e-4));
    });
  }
});

describe('backprop solves a single tensor in its own shape', () => {
  it('and gives the bits of the same state as a one-part tuple (solved as rows), gradients included', () => {
    const lossOf = (ys: tf.Tensor) => tf.mean(tf.square(tf.sub(tf.slice(ys, [1], [2]), tf.slice(targets, [1], [2])))) as tf.Scalar;
    const options = { gradient: 'backprop' as const, rtol: 1e-6, atol: 1e-8 };
    const start = tf.variable(z0, true, 'state-form-z0');
    const run = (single: boolean) =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          if (single) return lossOf(odeintAdjoint(field, start, [0, 0.5, 1.0], params, options).ys);
          const tuple = odeintAdjoint<tf.Tensor[]>((t, [z]) => [field(t, z)], [start], [0, 0.5, 1.0], params, options);
          return lossOf(tuple.ys[0]);
        }, [start, ...params]);
        return [value, ...Object.values(grads)].map((g) => Array.from(g.dataSync()));
      });
    expect(run(true)).toEqual(run(false));
    start.dispose();
  });
});
