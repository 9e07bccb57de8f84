import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { fourier } from './fourier';
import { expectAllClose } from './test-helpers';

function trigonometric(order: number, phase: number): number[] {
  const cos = Array.from({ length: order }, (_, i) => Math.cos((i + 1) * phase));
  const sin = Array.from({ length: order }, (_, i) => Math.sin((i + 1) * phase));
  return [1, ...cos, ...sin];
}

describe('fourier', () => {
  it('is [1, cos(nt), sin(nt)] of Eq. 8 without a span, size 2·order + 1', () => {
    const basis = fourier(3);
    expect(basis.size).toBe(7);
    for (const t of [-2, 0, 0.25, 1, 4.5]) expectAllClose(basis.evaluate(t), trigonometric(3, t), 1e-6);
    expect(Array.from(basis.frequencies ?? [])).toEqual([0, 1, 2, 3, 1, 2, 3]);
  });

  it('with a span makes it one period', () => {
    const basis = fourier(2, [1, 3]);
    for (const t of [1, 1.3, 2, 2.75, 3]) {
      expectAllClose(basis.evaluate(t), trigonometric(2, (2 * Math.PI * (t - 1)) / 2), 1e-6);
    }
    expectAllClose(basis.evaluate(1), basis.evaluate(3), 1e-6);
  });

  it('rejects a bad order', () => {
    expect(() => fourier(0)).toThrow(InvalidArgumentError);
    expect(() => fourier(1.5)).toThrow(InvalidArgumentError);
  });
});
