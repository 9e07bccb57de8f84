import { describe, expect, it } from 'vitest';
import { concentricAnnuli } from './annuli';
import { classCounts } from './dataset';
import { InvalidArgumentError } from './errors';

const norms = (x: Float32Array, dim: number) => Array.from({ length: x.length / dim }, (_, i) => Math.hypot(...x.subarray(i * dim, (i + 1) * dim)));

describe('concentricAnnuli', () => {
  it('puts every point of class 0 in ‖x‖ ≤ r1 and of class 1 in r2 ≤ ‖x‖ ≤ r3, with the asked balance', () => {
    for (const dim of [1, 2, 3, 5]) {
      const data = concentricAnnuli({ numPoints: 2001, dim, innerFraction: 0.3, seed: dim });
      const r = norms(data.x as Float32Array, dim);
      const labels = data.y as Int32Array;
      r.forEach((radius, i) => {
        if (labels[i] === 0) expect(radius).toBeLessThanOrEqual(0.5);
        else {
          expect(radius).toBeGreaterThanOrEqual(1.0);
          expect(radius).toBeLessThanOrEqual(1.5);
        }
      });
      expect(classCounts(data)).toEqual([Math.round(0.3 * 2001), 2001 - Math.round(0.3 * 2001)]);
    }
  });

  it('samples uniformly in volume: P(‖x‖ ≤ r) = (r/r1)^d in the ball and (r^d − r2^d)/(r3^d − r2^d) in the shell', () => {
    const dim = 3;
    const n = 20_000;
    const data = concentricAnnuli({ numPoints: n, dim, seed: 11 });
    const r = norms(data.x as Float32Array, dim);
    const labels = data.y as Int32Array;
    const inner = r.filter((_, i) => labels[i] === 0);
    const outer = r.filter((_, i) => labels[i] === 1);
    const se = Math.sqrt(0.25 / (n / 2));
    for (const q of [0.25, 0.5, 0.75]) {
      const innerCut = 0.5 * q ** (1 / dim);
      const outerCut = (1 + q * (1.5 ** dim - 1)) ** (1 / dim);
      expect(Math.abs(inner.filter((v) => v <= innerCut).length / inner.length - q)).toBeLessThan(5 * se);
      expect(Math.abs(outer.filter((v) => v <= outerCut).length / outer.length - q)).toBeLessThan(5 * se);
    }
  });

  it('gives byte-identical data for the same seed and different data for another', () => {
    const a = concentricAnnuli({ numPoints: 500, seed: 5 });
    const b = concentricAnnuli({ numPoints: 500, seed: 5 });
    const c = concentricAnnuli({ numPoints: 500, seed: 6 });
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(b.x.buffer))).toBe(true);
    expect(Buffer.from(a.y.buffer).equals(Buffer.from(b.y.buffer))).toBe(true);
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(c.x.buffer))).toBe(false);
  });

  it('gives g(x) = −1 / +1 targets with labels: "sign", matching the classes', () => {
    const classes = concentricAnnuli({ numPoints: 300, seed: 2 });
    const signs = concentricAnnuli({ numPoints: 300, seed: 2, labels: 'sign' });
    expect(signs.yShape).toEqual([1]);
    expect(Array.from(signs.y)).toEqual(Array.from(classes.y, (c) => (c === 0 ? -1 : 1)));
    expect(signs.x).toEqual(classes.x);
  });

  it('rejects radii out of order', () => {
    expect(() => concentricAnnuli({ numPoints: 10, r1: 1, r2: 0.5 })).toThrow(InvalidArgumentError);
  });
});
