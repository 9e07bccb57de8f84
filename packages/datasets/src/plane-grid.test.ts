import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { planeGrid } from './plane-grid';

describe('planeGrid', () => {
  it('gives the cell centres row by row, x inner', () => {
    expect(Array.from(planeGrid(-1, 1, 2))).toEqual([-0.5, -0.5, 0.5, -0.5, -0.5, 0.5, 0.5, 0.5]);
    const fine = planeGrid(0, 4, 4);
    expect(fine.length).toBe(32);
    expect([fine[2 * 5], fine[2 * 5 + 1]]).toEqual([1.5, 1.5]); // row 1, column 1
  });

  it('rejects an empty or non-finite range and a resolution that is not a positive integer', () => {
    expect(() => planeGrid(1, 1, 4)).toThrow(InvalidArgumentError);
    expect(() => planeGrid(0, Number.POSITIVE_INFINITY, 4)).toThrow(/finite low < high/);
    expect(() => planeGrid(0, 1, 0)).toThrow(/positive integer/);
    expect(() => planeGrid(0, 1, 2.5)).toThrow(/positive integer/);
  });
});
