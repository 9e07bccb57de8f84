import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { detestProblems } from './detest-problems';
import { ErrorMeasure } from './error-norm';
import { runSync } from './host-reads';
import { odeint } from './odeint';
import { StateLayout } from './state-layout';
import type { ErrorNorm, VectorField } from './types';

// An open-loop N-CODE state (N-CODE §3.1): x' = tanh(θ x) per sample with θ fixed by the input, so θ' = 0.
const samples = 8;
const theta0 = tf.keep(tf.randomNormal([samples, 4, 4], 0, 1.5, 'float32', 7));
const x0 = tf.keep(tf.randomNormal([samples, 4], 0, 1, 'float32', 8));
const xField = (x: tf.Tensor, theta: tf.Tensor) => tf.tanh(tf.squeeze(tf.matMul(theta, tf.expandDims(x, 2)), [2]));
const controlled: VectorField<tf.Tensor[]> = (_t, [x, theta]) => [xField(x, theta), tf.zerosLike(theta)];
const tolerances = { rtol: 1e-5, atol: 1e-7 };

describe('the mixed norm of tuple states', () => {
  it('gives the x part of an (x, θ) state the error control x has alone: θ, exact at every step, dilutes nothing', () => {
    const alone = odeint((_t, x) => xField(x, theta0), x0, [0, 3], tolerances);
    const tuple = odeint(controlled, [x0, theta0], [0, 3], tolerances);
    expect(tuple.stats).toEqual(alone.stats);
    const [xs] = tuple.ys;
    const difference = tf.tidy(() => tf.max(tf.abs(tf.sub(xs, alone.ys))).dataSync()[0]);
    expect(difference).toBeLessThan(1e-6);
    tf.dispose([alone.ys, tuple.ys]);
  });

  it('is a real check: one RMS over the whole (x, θ) state, the former default, loosens x and takes fewer steps', () => {
    const whole: ErrorNorm = (error) => tf.tidy(() => {
      const squares = (error as tf.Tensor[]).map((e) => tf.sum(tf.square(e)).dataSync()[0]);
      const size = (error as tf.Tensor[]).reduce((n, e) => n + e.size, 0);
      return Math.sqrt(squares.reduce((a, b) => a + b, 0) / size);
    });
    const mixed = odeint(controlled, [x0, theta0], [0, 3], tolerances);
    const diluted = odeint(controlled, [x0, theta0], [0, 3], { ...tolerances, norm: whole });
    expect(diluted.stats.nAccepted).toBeLessThan(mixed.stats.nAccepted);
    tf.dispose([mixed.ys, diluted.ys]);
  });

  it('is the largest RMS of the counted parts', () => {
    const layout = new StateLayout(true, [[2, 3], [4], [5]]);
    const values = Array.from({ length: layout.size }, (_, i) => Math.sin(i + 1) * (i < 6 ? 3 : 1));
    const rms = (from: number, to: number) => Math.sqrt(values.slice(from, to).reduce((s, v) => s + v * v, 0) / (to - from));
    const row = tf.tensor2d(values, [1, layout.size]);
    const norm = (normParts?: boolean[]) => {
      const measure = new ErrorMeasure(layout, { rtol: 0, atol: 1, normParts });
      try {
        return runSync(measure.rms(row));
      } finally {
        measure.dispose();
      }
    };
    expect(norm()).toBeCloseTo(Math.max(rms(0, 6), rms(6, 10), rms(10, 15)), 5);
    expect(norm([false, true, true])).toBeCloseTo(Math.max(rms(6, 10), rms(10, 15)), 5);
    row.dispose();
  });

  it('leaves single-tensor states as they were: the DETEST stats recorded before it (fixtures/detest-nfe.json)', async () => {
    const recorded = JSON.parse(readFileSync(new URL('../fixtures/detest-nfe.json', import.meta.url), 'utf8'));
    const backend = tf.getBackend();
    await tf.setBackend('cpu'); // the backend the fixture was recorded on
    try {
      for (const { name, y0, f } of detestProblems) {
        for (const method of ['bosh3', 'dopri5', 'tsit5', 'dopri8'] as const) {
          const start = tf.tensor1d(y0);
          const sol = odeint(f, start, [0, 20], { method, rtol: 1e-6, atol: 1e-9 });
          expect(sol.stats, `${name} ${method}`).toEqual(recorded[`${name} ${method}`]);
          tf.dispose([start, sol.ys]);
        }
      }
    } finally {
      await tf.setBackend(backend);
    }
  });
});
