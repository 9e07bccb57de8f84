import { describe, expect, it } from 'vitest';
import { increasingFloor, monotoneFloor } from './isotonic';

describe('isotonic floors', () => {
  it('are 0 for a sequence already in order, and the pooled-mean error otherwise', () => {
    expect(increasingFloor([1, 2, 2, 3])).toBe(0);
    expect(increasingFloor([0, 2, 1, 3])).toBeCloseTo(0.125, 12); // fit 0, 1.5, 1.5, 3
    expect(increasingFloor([1, -1, 1, -1])).toBeCloseTo(1, 12); // g_1d's targets in the order of x: the best fit is their mean, 0
    expect(monotoneFloor([3, 2, 2, 1])).toBe(0);
    expect(monotoneFloor([0, 1, 0])).toBeCloseTo(1 / 6, 12); // 0, ½, ½ either way
  });
});
