import type { ButcherTableau } from '../butcher-tableau';

const b = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0];

// Coefficients of the fourth-order continuous extension (Hairer, Nørsett & Wanner I, Sec. II.6,
// Eq. 6.12, after Shampine 1986), over the stages k1..k7.
const d = [
  -12715105075 / 11282082432, 0, 87487479700 / 32700410799, -10690763975 / 1880347072,
  701980252875 / 199316789632, -1453857185 / 822651844, 69997945 / 29380423,
];

/** Weights w(θ) with y(t0 + θh) = y0 + h·Σ w_i k_i: the nested form of HNW's CONTD5 expanded. */
function dopri5DenseWeights(theta: number): number[] {
  const s = 1 - theta;
  // r2 = y1 − y0 = hΣb k, r3 = h k1 − r2, r4 = r2 − h k7 − r3, r5 = hΣd k.
  return b.map((bi, i) => {
    const r3 = (i === 0 ? 1 : 0) - bi;
    const r4 = bi - (i === 6 ? 1 : 0) - r3;
    return theta * (bi + s * (r3 + theta * (r4 + s * d[i])));
  });
}

/** Dormand & Prince, "A family of embedded Runge–Kutta formulae", J. Comp. Appl. Math. 6, 1980. */
export const dopri5Tableau: ButcherTableau = {
  name: 'dopri5',
  order: 5,
  c: [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1],
  a: [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
  ],
  b,
  bError: [
    35 / 384 - 5179 / 57600, 0, 500 / 1113 - 7571 / 16695, 125 / 192 - 393 / 640,
    -2187 / 6784 + 92097 / 339200, 11 / 84 - 187 / 2100, -1 / 40,
  ],
  fsal: true,
  denseWeights: dopri5DenseWeights,
};
