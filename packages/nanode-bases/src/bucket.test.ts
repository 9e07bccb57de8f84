import { describe, expect, it } from 'vitest';
import { bucket } from './bucket';
import { InvalidArgumentError } from './errors';

function hotIndex(psi: Float32Array): number {
  expect(psi.reduce((a, b) => a + b, 0)).toBe(1);
  return psi.indexOf(1);
}

describe('bucket', () => {
  const basis = bucket(4, [0, 2]);

  it('is one-hot over equal buckets', () => {
    expect(basis.size).toBe(4);
    expect([0.1, 0.6, 1.2, 1.9].map((t) => hotIndex(basis.evaluate(t)))).toEqual([0, 1, 2, 3]);
  });

  it('gives a boundary to the bucket that starts there, and the end to the last bucket', () => {
    expect(hotIndex(basis.evaluate(0))).toBe(0);
    expect(hotIndex(basis.evaluate(0.5 - 1e-9))).toBe(0);
    expect(hotIndex(basis.evaluate(0.5))).toBe(1);
    expect(hotIndex(basis.evaluate(1))).toBe(2);
    expect(hotIndex(basis.evaluate(1.5))).toBe(3);
    expect(hotIndex(basis.evaluate(2))).toBe(3);
  });

  it('extends the first and last buckets outside the span', () => {
    expect(hotIndex(basis.evaluate(-3))).toBe(0);
    expect(hotIndex(basis.evaluate(5))).toBe(3);
  });

  it('rejects bad sizes, spans and times', () => {
    expect(() => bucket(0, [0, 1])).toThrow(InvalidArgumentError);
    expect(() => bucket(2, [1, 1])).toThrow(InvalidArgumentError);
    expect(() => basis.evaluate(Number.NaN)).toThrow(InvalidArgumentError);
  });
});
