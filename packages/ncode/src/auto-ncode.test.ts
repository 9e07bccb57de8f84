import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { autoNCODE, type AutoNCODEOptions } from './auto-ncode';
import { InvalidArgumentError } from '@tfode/ode-core';
import { serializeWeights } from './weights-io';

const m = 4;
const k = 2;
const make = (extra: Partial<AutoNCODEOptions> = {}) =>
  autoNCODE({
    inputs: 6, latent: m, nonZerosPerRow: k, encoderHidden: [5], decoderHidden: [5], seed: 3,
    solver: { method: 'dopri5', rtol: 1e-7, atol: 1e-9 }, ...extra,
  });
const images = tf.keep(tf.randomUniform([3, 6], 0, 1, 'float32', 9));

/** θ's dense rows from the compact [B, m·k] (θ_{i, (i+j) mod m} = compact[i·k + j]), as float64 arrays. */
function denseTheta(compact: Float32Array, sample: number): number[][] {
  const theta = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) theta[i][(i + j) % m] = compact[sample * m * k + i * k + j];
  return theta;
}

/** e^{Tθ}·x0 by its Taylor series in float64 (‖Tθ‖ is a few units here: 80 terms are plenty). */
function expTimes(theta: number[][], x0: number[], T: number): number[] {
  let term = x0.slice();
  const sum = x0.slice();
  for (let n = 1; n < 80; n++) {
    term = theta.map((row) => row.reduce((s, a, j) => s + a * term[j], 0) * (T / n));
    term.forEach((v, i) => (sum[i] += v));
  }
  return sum;
}

describe('AutoNCODE (N-CODE §4.4 Eq 8–9)', () => {
  it('fixed x(0) (the default): every code is e^{10θ(u)}·x0 with one x0 shared by all inputs and calls', () => {
    const model = make();
    const { x0, theta0 } = model.initialState(images);
    const starts = x0.arraySync() as number[][];
    starts.forEach((start) => expect(start).toEqual(starts[0]));
    const codes = model.encode(images).arraySync() as number[][];
    const compact = theta0!.dataSync() as Float32Array;
    codes.forEach((code, b) => {
      const exact = expTimes(denseTheta(compact, b), starts[0], 10);
      code.forEach((c, i) => expect(c).toBeCloseTo(exact[i], 4));
    });
    // Deterministic and independent of the batch: the first image alone gets the same code.
    const alone = model.encode(tf.slice(images, [0], [1])).arraySync() as number[][];
    alone[0].forEach((c, i) => expect(c).toBeCloseTo(codes[0][i], 5));
    tf.dispose([x0, theta0]);
    model.dispose();
  });

  it('learned x(0): a variable that gets a gradient and is saved in the weights', () => {
    const model = make({ initialState: 'learned' });
    const start = model.namedVariables().find(([name]) => name === 'start/x0');
    expect(start).toBeDefined();
    const { grads } = tf.variableGrads(() => tf.sum(model.encode(images)) as tf.Scalar, [start![1]]);
    expect(tf.tidy(() => tf.sum(tf.abs(grads[start![1].name])).dataSync()[0])).toBeGreaterThan(0);
    expect(serializeWeights(model).manifest.entries.map((entry) => entry.name)).toContain('start/x0');
    tf.dispose(grads);
    model.dispose();
  });

  it('sampled x(0): a new draw per sample and call, replayed by reseed', () => {
    const model = make({ initialState: 'sampled' });
    model.reseed(1);
    const first = model.encode(images).arraySync() as number[][];
    model.reseed(1);
    expect(model.encode(images).arraySync()).toEqual(first);
    model.reseed(2);
    expect(model.encode(images).arraySync()).not.toEqual(first);
    model.dispose();
  });

  it('reads App C.4\'s normalisation three ways: rows of θ to 0.2, each θ to 0.2·√m, or none', () => {
    const norms = (controlNorm: AutoNCODEOptions['controlNorm']) => {
      const model = make({ controlNorm });
      const { x0, theta0 } = model.initialState(images);
      const compact = theta0!.dataSync() as Float32Array;
      model.dispose();
      tf.dispose([x0, theta0]);
      return [0, 1, 2].map((b) => denseTheta(compact, b).map((row) => Math.hypot(...row)));
    };
    norms('rows').flat().forEach((n) => expect(n).toBeCloseTo(0.2, 5));
    norms('matrix').forEach((rows) => expect(Math.hypot(...rows)).toBeCloseTo(0.2 * Math.sqrt(m), 5));
    const raw = norms('none').flat();
    expect(raw.some((n) => Math.abs(n - 0.2) > 1e-3)).toBe(true);
  });

  it('rejects an unknown initialState or controlNorm', () => {
    expect(() => make({ initialState: 'random' as never })).toThrow(InvalidArgumentError);
    expect(() => make({ controlNorm: 'batch' as never })).toThrow(InvalidArgumentError);
  });
});
