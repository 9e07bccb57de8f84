import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { linearCombination, linearCombinations } from './linear-combination';

describe('linear combinations of rows', () => {
  for (const width of [8, 5000]) {
    it(`equal the host sum for rows of width ${width} (matMul and scaled-add paths), zero coefficients skipped`, () => {
      const coeffs = [1, 0, -0.5, 0.25, 3e-3, 0, 2];
      const rows = coeffs.map((_, i) => tf.randomNormal([1, width], 0, 1, 'float32', i + 1) as tf.Tensor2D);
      const values = rows.map((r) => r.dataSync());
      const got = linearCombination(rows, coeffs).dataSync();
      for (let j = 0; j < width; j += Math.max(1, Math.floor(width / 50))) {
        const want = coeffs.reduce((s, c, i) => s + c * values[i][j], 0);
        expect(got[j]).toBeCloseTo(want, 5);
      }
      const several = linearCombinations(rows, [coeffs, coeffs.map((c) => -c)]).arraySync();
      expect(several[1][0]).toBeCloseTo(-got[0], 5);
      tf.dispose(rows);
    });
  }
});
