import { describe, expect, it } from 'vitest';
import { conditionalCnfTask } from './conditional-cnf';

describe('conditionalCnfTask', () => {
  const n = 20_000;
  const task = conditionalCnfTask({ numSamples: n, std: 0.2, seed: 1 });
  const stats = (values: number[]) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return { mean, sd: Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length) };
  };

  it('pairs prior q1 ≡ p2 = N(1, σ²) with data p1 = N(−1, σ²), and q2 ≡ p1 with p2', () => {
    for (const c of [0, 1] as const) {
      const priors = Array.from(task.x).filter((_, i) => task.condition[i] === c);
      const data = Array.from(task.y).filter((_, i) => task.condition[i] === c);
      expect(priors).toHaveLength(n / 2);
      const expectedData = c === 0 ? -1 : 1;
      for (const [values, mean] of [[priors, -expectedData], [data, expectedData]] as const) {
        const s = stats([...values]);
        expect(Math.abs(s.mean - mean)).toBeLessThan(5 * 0.2 / Math.sqrt(n / 2));
        expect(Math.abs(s.sd - 0.2)).toBeLessThan(0.01);
      }
    }
  });

  it('gives closed-form normal log densities', () => {
    expect(task.dataLogDensity(-1, 0)).toBeCloseTo(-Math.log(0.2 * Math.sqrt(2 * Math.PI)), 12);
    expect(task.priorLogDensity(1.2, 0)).toBeCloseTo(-0.5 - Math.log(0.2 * Math.sqrt(2 * Math.PI)), 12);
    expect(task.priorLogDensity(-1, 1)).toBeCloseTo(task.dataLogDensity(-1, 0), 12);
  });
});
