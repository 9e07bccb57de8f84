import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { linearCombination, linearCombinations } from './linear-combination';

describe('linear combinations of rows', () => {
  // A row is a flat [1, n] row or a single tensor state in its own shape.
  for (const shape of [[1, 8], [2, 4], [1, 5000], [10, 25, 20]]) {
    const width = shape.reduce((p, d) => p * d, 1);
    it(`equal the host sum for rows of shape [${shape}] (matMul and scaled-add paths), zero coefficients skipped`, () => {
      const coeffs = [1, 0, -0.5, 0.25, 3e-3, 0, 2];
      const rows = coeffs.map((_, i) => tf.randomNormal(shape, 0, 1, 'float32', i + 1));
      const values = rows.map((r) => r.dataSync());
      const combined = linearCombination(rows, coeffs);
      const got = combined.dataSync();
      for (let j = 0; j < width; j += Math.max(1, Math.floor(width / 50))) {
        const want = coeffs.reduce((s, c, i) => s + c * values[i][j], 0);
        expect(got[j]).toBeCloseTo(want, 5);
      }
      expect(combined.shape).toEqual(shape);
      const several = linearCombinations(rows, [coeffs, coeffs.map((c) => -c)]);
      expect(several.shape).toEqual([2, width]); // several rows come flat, [m, n]
      const values2 = several.arraySync() as number[][];
      expect(values2[1][0]).toBeCloseTo(-got[0], 5);
      expect(values2[0][width - 1]).toBeCloseTo(got[width - 1], 5);
      tf.dispose([...rows, combined, several]);
    });
  }
});
