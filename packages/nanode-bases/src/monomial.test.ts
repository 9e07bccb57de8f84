import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { monomial } from './monomial';
import { expectAllClose } from './test-helpers';

describe('monomial', () => {
  it('evaluates t^n for n = 0 … d − 1 (Eq. 7)', () => {
    const basis = monomial(5);
    for (const t of [-1.5, 0, 0.3, 1, 2]) {
      expectAllClose(basis.evaluate(t), [0, 1, 2, 3, 4].map((n) => t ** n), 1e-6 * 16);
    }
    expect(Array.from(basis.frequencies ?? [])).toEqual([0, 1, 2, 3, 4]);
  });

  it('with d = 1 is the constant basis of an autonomous layer', () => {
    expect(Array.from(monomial(1).evaluate(123))).toEqual([1]);
  });

  it('rejects d < 1 and NaN times', () => {
    expect(() => monomial(0)).toThrow(InvalidArgumentError);
    expect(() => monomial(2).evaluate(Number.POSITIVE_INFINITY)).toThrow(InvalidArgumentError);
  });
});
