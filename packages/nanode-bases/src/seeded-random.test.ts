import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { SeededRandom } from './seeded-random';
import { moments } from './test-helpers';

const draws = 100_000;

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and changes with the seed', () => {
    const a = new SeededRandom(42).normals(50);
    expect(new SeededRandom(42).normals(50)).toEqual(a);
    expect(new SeededRandom(43).normals(50)).not.toEqual(a);
  });

  it('matches the reference C mulberry32 for seed 0', () => {
    // First outputs of Tommy Ettinger's reference C mulberry32 with state 0, compiled and run.
    const random = new SeededRandom(0);
    const ints = [random.uniform(), random.uniform(), random.uniform()].map((u) => u * 4294967296);
    expect(ints).toEqual([1144304738, 1416247, 958946056]);
  });

  it('draws uniforms on [0, 1) with mean 1/2 and variance 1/12', () => {
    const random = new SeededRandom(7);
    const u = Float64Array.from({ length: draws }, () => random.uniform());
    const { mean, variance } = moments(u);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    // 5 standard errors: sd(mean) = sqrt(1/12/n), sd(var) = sqrt((1/80 − 1/144)/n).
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / draws));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / draws));
  });

  it('draws standard normals: mean 0, variance 1, kurtosis 3', () => {
    const { mean, variance, kurtosis } = moments(new SeededRandom(11).normals(draws));
    // 5 standard errors: sd(mean) = 1/√n, sd(var) = √(2/n), sd(kurtosis) ≈ √(24/n).
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(draws));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / draws));
    expect(Math.abs(kurtosis - 3)).toBeLessThan(5 * Math.sqrt(24 / draws));
  });

  it('rejects a seed that is not an integer', () => {
    expect(() => new SeededRandom(0.5)).toThrow(InvalidArgumentError);
  });
});
