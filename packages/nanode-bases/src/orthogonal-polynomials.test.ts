import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { chebyshev, legendre } from './orthogonal-polynomials';
import { expectAllClose } from './test-helpers';

const span = [2, 5] as const;
/** The t in `span` that maps to x ∈ [−1, 1]. */
const timeOf = (x: number) => (span[0] + span[1]) / 2 + ((span[1] - span[0]) / 2) * x;

describe('chebyshev', () => {
  it('satisfies T_n(cos φ) = cos(nφ) on the mapped span', () => {
    const d = 10;
    const basis = chebyshev(d, span);
    for (const phi of [0, 0.3, 1, 2, 2.9, Math.PI]) {
      const expected = Array.from({ length: d }, (_, n) => Math.cos(n * phi));
      expectAllClose(basis.evaluate(timeOf(Math.cos(phi))), expected, 1e-5);
    }
  });

  it('maps the span ends to x = ±1, where T_n = (±1)^n', () => {
    const basis = chebyshev(4, span);
    expectAllClose(basis.evaluate(span[0]), [1, -1, 1, -1], 1e-6);
    expectAllClose(basis.evaluate(span[1]), [1, 1, 1, 1], 1e-6);
  });
});

describe('legendre', () => {
  it('matches the explicit P_0 … P_4', () => {
    const basis = legendre(5, span);
    for (const x of [-1, -0.7, -0.2, 0, 0.45, 0.9, 1, 1.3]) {
      const expected = [1, x, (3 * x ** 2 - 1) / 2, (5 * x ** 3 - 3 * x) / 2, (35 * x ** 4 - 30 * x ** 2 + 3) / 8];
      expectAllClose(basis.evaluate(timeOf(x)), expected, 1e-5);
    }
  });

  it('has size d and degree frequencies, down to d = 1', () => {
    expect(Array.from(legendre(1, span).evaluate(3))).toEqual([1]);
    expect(Array.from(legendre(3, span).frequencies ?? [])).toEqual([0, 1, 2]);
  });

  it('rejects empty or reversed spans', () => {
    expect(() => legendre(3, [1, 0])).toThrow(InvalidArgumentError);
    expect(() => chebyshev(3, [0, Number.NaN])).toThrow(InvalidArgumentError);
  });
});
