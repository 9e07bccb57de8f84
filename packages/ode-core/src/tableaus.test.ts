import { describe, expect, it } from 'vitest';
import { tableaus } from './solver-tableaus';

// Order conditions of explicit Runge–Kutta methods (HNW I, Table II.2.2), checked on the data.
function orderConditions(c: readonly number[], a: readonly (readonly number[])[], b: readonly number[]) {
  const s = c.length;
  const A = (i: number, j: number) => a[i][j] ?? 0;
  const sum = (f: (i: number) => number) => Array.from({ length: s }, (_, i) => f(i)).reduce((p, x) => p + x, 0);
  const ac = (i: number) => sum((j) => A(i, j) * c[j]);
  return [
    { order: 1, value: sum((i) => b[i]), expected: 1 },
    { order: 2, value: sum((i) => b[i] * c[i]), expected: 1 / 2 },
    { order: 3, value: sum((i) => b[i] * c[i] ** 2), expected: 1 / 3 },
    { order: 3, value: sum((i) => b[i] * ac(i)), expected: 1 / 6 },
    { order: 4, value: sum((i) => b[i] * c[i] ** 3), expected: 1 / 4 },
    { order: 4, value: sum((i) => b[i] * c[i] * ac(i)), expected: 1 / 8 },
    { order: 4, value: sum((i) => b[i] * sum((j) => A(i, j) * c[j] ** 2)), expected: 1 / 12 },
    { order: 4, value: sum((i) => b[i] * sum((j) => A(i, j) * ac(j))), expected: 1 / 24 },
  ];
}

describe('Butcher tableaus', () => {
  for (const [name, tab] of Object.entries(tableaus)) {
    it(`${name}: consistent rows, weights and order conditions up to min(order, 4)`, () => {
      tab.a.forEach((row, i) => {
        expect(row.length).toBe(i);
        // Row sums equal c (the usual simplifying assumption that every method here satisfies).
        expect(row.reduce((p, x) => p + x, 0)).toBeCloseTo(tab.c[i], 12);
      });
      for (const cond of orderConditions(tab.c, tab.a, tab.b)) {
        if (cond.order <= tab.order) expect(cond.value).toBeCloseTo(cond.expected, 12);
      }
      if (tab.bError) {
        expect(tab.bError.length).toBe(tab.b.length);
        // b̂ = b − bError is a consistent (order ≥ 1) formula too.
        expect(tab.bError.reduce((p, x) => p + x, 0)).toBeCloseTo(0, 12);
      }
      if (tab.fsal) expect([...tab.a[tab.a.length - 1], 0]).toEqual([...tab.b]);
    });
  }

  it('continuous extensions end on the solution weights b at θ = 1 and start at 0', () => {
    for (const tab of [tableaus.dopri5, tableaus.tsit5, tableaus.dopri8]) {
      // 1e-10: dopri8's published polynomial coefficients reproduce b to about 1e-12 only.
      tab.denseWeights!(1).forEach((w, i) => expect(w).toBeCloseTo(tab.b[i] ?? 0, 10));
      tab.denseWeights!(0).forEach((w) => expect(w).toBeCloseTo(0, 14));
    }
  });

  it("dopri5's interpolant at θ = 1/2 equals Shampine's (1986) published midpoint weights", () => {
    const shampineMid = [
      6025192743 / 30085553152, 0, 51252292925 / 65400821598, -2691868925 / 45128329728,
      187940372067 / 1594534317056, -1776094331 / 19743644256, 11237099 / 235043384,
    ].map((x) => x / 2);
    tableaus.dopri5.denseWeights!(0.5).forEach((w, i) => expect(w).toBeCloseTo(shampineMid[i], 12));
  });
});
