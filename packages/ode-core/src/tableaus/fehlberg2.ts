import type { ButcherTableau } from '../butcher-tableau';

/**
 * Fehlberg's RKF 2(1) pair (Fehlberg 1969, NASA TR R-315, Table 3): the second-order solution is
 * propagated, the first-order one (b̂ = [1/256, 255/256, 0]) estimates the error.
 */
export const fehlberg2Tableau: ButcherTableau = {
  name: 'fehlberg2',
  order: 2,
  c: [0, 1 / 2, 1],
  a: [[], [1 / 2], [1 / 256, 255 / 256]],
  b: [1 / 512, 255 / 256, 1 / 512],
  bError: [1 / 512 - 1 / 256, 0, 1 / 512],
  fsal: false,
};
