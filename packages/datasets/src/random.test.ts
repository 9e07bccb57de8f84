import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { SeededRandom } from './random';

describe('SeededRandom (mulberry32 + Box–Muller)', () => {
  it('repeats its stream for a seed and differs between seeds', () => {
    const draw = (seed: number) => new SeededRandom(seed);
    const a = draw(42);
    const b = draw(42);
    const streamA = Array.from({ length: 1000 }, () => a.nextUint32());
    const streamB = Array.from({ length: 1000 }, () => b.nextUint32());
    expect(streamA).toEqual(streamB);
    const c = new SeededRandom(43);
    expect(Array.from({ length: 1000 }, () => c.nextUint32())).not.toEqual(streamA);
  });

  it('draws uniforms with the moments of U[0, 1) (mean 1/2, variance 1/12)', () => {
    const random = new SeededRandom(1);
    const n = 200_000;
    const values = Float64Array.from({ length: n }, () => random.uniform());
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / n;
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    // 5 standard errors: sd of the mean is sqrt(1/12/n) ≈ 6.5e-4.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws normals with mean 0, variance 1 and the normal fourth moment 3', () => {
    const random = new SeededRandom(7);
    const n = 200_000;
    const values = Float64Array.from({ length: n }, () => random.normal());
    const moment = (k: number) => values.reduce((a, v) => a + v ** k, 0) / n;
    expect(Math.abs(moment(1))).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(moment(2) - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(moment(4) - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
  });

  it('permutes every index exactly once', () => {
    const order = new SeededRandom(3).permutation(1000);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...order]).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('rejects a non-integer seed', () => {
    expect(() => new SeededRandom(0.5)).toThrow(InvalidArgumentError);
  });
});
