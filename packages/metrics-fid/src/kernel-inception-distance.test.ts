import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { FidInputError } from './errors';
import { type FeatureMatrix, kernelInceptionDistance } from './kernel-inception-distance';
import { SeededRandom } from '@tfode/seeded-random';

function features(random: SeededRandom, rows: number, dim: number, shift: number): FeatureMatrix {
  return { rows, dim, data: Float32Array.from({ length: rows * dim }, () => shift + random.normal()) };
}

/** The unbiased MMD² written out with explicit kernel evaluations in float64. */
function directMmd2(a: FeatureMatrix, b: FeatureMatrix): number {
  const k = (p: FeatureMatrix, i: number, q: FeatureMatrix, j: number) => {
    let dot = 0;
    for (let c = 0; c < p.dim; c++) dot += p.data[i * p.dim + c] * q.data[j * q.dim + c];
    return (dot / p.dim + 1) ** 3;
  };
  const m = a.rows;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      if (i !== j) {
        xx += k(a, i, a, j);
        yy += k(b, i, b, j);
      }
      xy += k(a, i, b, j);
    }
  }
  return (xx + yy) / (m * (m - 1)) - (2 * xy) / (m * m);
}

describe('kernelInceptionDistance', () => {
  it('equals the direct unbiased MMD² when every subset is the whole set', () => {
    const random = new SeededRandom(4);
    const a = features(random, 12, 5, 0);
    const b = features(random, 12, 5, 0.7);
    const before = tf.memory().numTensors;
    const kid = kernelInceptionDistance(a, b, { subsets: 3, subsetSize: 12 });
    expect(tf.memory().numTensors).toBe(before);
    const exact = directMmd2(a, b);
    expect(Math.abs(kid.mean - exact) / exact).toBeLessThan(1e-5);
    expect(kid.std).toBeLessThan(1e-6 * exact);
  });

  it('is near zero for two samples of one distribution and grows with the shift', () => {
    const random = new SeededRandom(9);
    const base = features(random, 200, 8, 0);
    const same = features(random, 200, 8, 0);
    const shifted = features(random, 200, 8, 1);
    const near = kernelInceptionDistance(base, same, { subsets: 10, subsetSize: 100 });
    const far = kernelInceptionDistance(base, shifted, { subsets: 10, subsetSize: 100 });
    expect(Math.abs(near.mean)).toBeLessThan(3 * near.std + 1e-12);
    expect(far.mean).toBeGreaterThan(10 * Math.abs(near.mean));
  });

  it('rejects mismatched dimensions, NaN and oversized subsets', () => {
    const random = new SeededRandom(1);
    const a = features(random, 4, 3, 0);
    expect(() => kernelInceptionDistance(a, features(random, 4, 2, 0))).toThrow(/dimensions differ/);
    expect(() => kernelInceptionDistance(a, { rows: 1, dim: 3, data: Float32Array.of(0, NaN, 0) })).toThrow(/NaN/);
    expect(() => kernelInceptionDistance(a, a, { subsetSize: 5 })).toThrow(FidInputError);
  });
});
