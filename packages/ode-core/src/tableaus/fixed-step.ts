import type { ButcherTableau } from '../butcher-tableau';

// Classical fixed-step tableaus (Hairer, Nørsett & Wanner, Solving ODEs I, Sec. II.1).

export const eulerTableau: ButcherTableau = { name: 'euler', order: 1, c: [0], a: [[]], b: [1], fsal: false };

export const midpointTableau: ButcherTableau = {
  name: 'midpoint',
  order: 2,
  c: [0, 1 / 2],
  a: [[], [1 / 2]],
  b: [0, 1],
  fsal: false,
};

/** Heun's second-order method (explicit trapezoid). */
export const heunTableau: ButcherTableau = {
  name: 'heun',
  order: 2,
  c: [0, 1],
  a: [[], [1]],
  b: [1 / 2, 1 / 2],
  fsal: false,
};

/** Kutta's classical fourth-order method (1901). */
export const rk4Tableau: ButcherTableau = {
  name: 'rk4',
  order: 4,
  c: [0, 1 / 2, 1 / 2, 1],
  a: [[], [1 / 2], [0, 1 / 2], [0, 0, 1]],
  b: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
  fsal: false,
};

/** Kutta's 3/8 rule (1901), fourth order. */
export const rk38Tableau: ButcherTableau = {
  name: 'rk38',
  order: 4,
  c: [0, 1 / 3, 2 / 3, 1],
  a: [[], [1 / 3], [-1 / 3, 1], [1, -1, 1]],
  b: [1 / 8, 3 / 8, 3 / 8, 1 / 8],
  fsal: false,
};
