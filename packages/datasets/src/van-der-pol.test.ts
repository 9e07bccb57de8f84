import { describe, expect, it } from 'vitest';
import { vanDerPolTrajectories } from './van-der-pol';

describe('vanDerPolTrajectories', () => {
  it('reduces to the harmonic oscillator x(t) = x0 cos t + v0 sin t at μ = 0', () => {
    const data = vanDerPolTrajectories({ numTrajectories: 3, mu: 0, numTimes: 50, tEnd: 10, seed: 4 });
    expect(data.yShape).toEqual([50, 2]);
    for (let i = 0; i < 3; i++) {
      const [x0, v0] = data.x.subarray(2 * i, 2 * i + 2);
      data.ts.forEach((t, k) => {
        const at = (i * 50 + k) * 2;
        expect(data.y[at]).toBeCloseTo(x0 * Math.cos(t) + v0 * Math.sin(t), 5);
        expect(data.y[at + 1]).toBeCloseTo(-x0 * Math.sin(t) + v0 * Math.cos(t), 5);
      });
    }
  });

  it('settles on the μ = 1 limit cycle of amplitude 2.0086', () => {
    const numTimes = 6001;
    const data = vanDerPolTrajectories({ numTrajectories: 2, mu: 1, numTimes, tEnd: 60, seed: 9 });
    for (let i = 0; i < 2; i++) {
      let peak = 0;
      data.ts.forEach((t, k) => {
        if (t >= 40) peak = Math.max(peak, Math.abs(data.y[(i * numTimes + k) * 2]));
      });
      expect(peak).toBeCloseTo(2.00862, 3);
    }
  });

  it('is the same for a seed and converged in the step count', () => {
    const a = vanDerPolTrajectories({ numTrajectories: 4, mu: 2, seed: 1 });
    const b = vanDerPolTrajectories({ numTrajectories: 4, mu: 2, seed: 1, substeps: 40 });
    expect(a.x).toEqual(b.x);
    a.y.forEach((v, i) => expect(Math.abs(v - b.y[i])).toBeLessThan(1e-5));
  });
});
