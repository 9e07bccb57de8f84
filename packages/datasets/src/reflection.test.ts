import { describe, expect, it } from 'vitest';
import { g1d, reflection1d } from './reflection';

describe('reflection1d and g1d', () => {
  it('maps x to φ(x) = −x with x in [low, high)', () => {
    const data = reflection1d({ numPoints: 1000, low: -2, high: 3, seed: 1 });
    data.x.forEach((x, i) => {
      expect(data.y[i]).toBe(-x);
      expect(x).toBeGreaterThanOrEqual(-2);
      expect(x).toBeLessThan(3);
    });
  });

  it('has g(−1) = 1 and g(1) = −1', () => {
    const data = g1d({ numPoints: 4 });
    expect(Array.from(data.x)).toEqual([-1, 1, -1, 1]);
    expect(Array.from(data.y)).toEqual([1, -1, 1, -1]);
    const noisy = g1d({ numPoints: 1000, noise: 0.1, seed: 3 });
    noisy.x.forEach((x, i) => expect(Math.abs(x + noisy.y[i])).toBeLessThan(0.6));
  });
});
