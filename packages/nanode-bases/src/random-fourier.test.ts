import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { randomFourier } from './random-fourier';
import { expectAllClose, moments } from './test-helpers';

describe('randomFourier', () => {
  it('evaluates cos(ζ_k t + η_k) (Eq. 10)', () => {
    const basis = randomFourier(16, { seed: 3, scale: 2 });
    for (const t of [0, 0.4, 1, 7]) {
      expectAllClose(basis.evaluate(t), Array.from(basis.zeta, (z, k) => Math.cos(z * t + basis.eta[k])), 1e-6);
    }
  });

  it('is reproducible from its seed', () => {
    const a = randomFourier(32, { seed: 9 });
    const b = randomFourier(32, { seed: 9 });
    expect(b.zeta).toEqual(a.zeta);
    expect(b.eta).toEqual(a.eta);
    expect(randomFourier(32, { seed: 10 }).zeta).not.toEqual(a.zeta);
  });

  it('draws ζ ~ N(0, scale²) and η ~ U[0, 2π) (moments of 10⁵ draws, 5 standard errors)', () => {
    const n = 100_000;
    const scale = 2.5;
    const { zeta, eta } = randomFourier(n, { seed: 2024, scale });
    const z = moments(zeta);
    expect(Math.abs(z.mean)).toBeLessThan((5 * scale) / Math.sqrt(n));
    expect(Math.abs(z.variance - scale ** 2)).toBeLessThan(5 * scale ** 2 * Math.sqrt(2 / n));
    expect(Math.abs(z.kurtosis - 3)).toBeLessThan(5 * Math.sqrt(24 / n));
    const e = moments(eta);
    const width = 2 * Math.PI;
    expect(Math.min(...eta)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...eta)).toBeLessThan(width);
    expect(Math.abs(e.mean - Math.PI)).toBeLessThan(5 * Math.sqrt(width ** 2 / 12 / n));
    // Var of (η − π)² for a uniform of width w is w⁴/80 − (w²/12)².
    expect(Math.abs(e.variance - width ** 2 / 12)).toBeLessThan(5 * Math.sqrt((width ** 4 / 80 - (width ** 2 / 12) ** 2) / n));
  });

  it('rejects a non-positive scale', () => {
    expect(() => randomFourier(4, { seed: 1, scale: 0 })).toThrow(InvalidArgumentError);
  });
});
