import type { ButcherTableau } from '../butcher-tableau';

/** Bogacki & Shampine, "A 3(2) pair of Runge–Kutta formulas", Appl. Math. Lett. 2(4), 1989. FSAL. */
export const bosh3Tableau: ButcherTableau = {
  name: 'bosh3',
  order: 3,
  c: [0, 1 / 2, 3 / 4, 1],
  a: [[], [1 / 2], [0, 3 / 4], [2 / 9, 1 / 3, 4 / 9]],
  b: [2 / 9, 1 / 3, 4 / 9, 0],
  bError: [2 / 9 - 7 / 24, 1 / 3 - 1 / 4, 4 / 9 - 1 / 3, -1 / 8],
  fsal: true,
};
