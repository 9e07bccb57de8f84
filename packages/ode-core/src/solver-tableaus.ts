import type { ButcherTableau } from './butcher-tableau';
import type { SolverName } from './types';
import { bosh3Tableau } from './tableaus/bosh3';
import { dopri5Tableau } from './tableaus/dopri5';
import { dopri8Tableau } from './tableaus/dopri8';
import { fehlberg2Tableau } from './tableaus/fehlberg2';
import { eulerTableau, heunTableau, midpointTableau, rk38Tableau, rk4Tableau } from './tableaus/fixed-step';
import { tsit5Tableau } from './tableaus/tsit5';

export const tableaus: Readonly<Record<SolverName, ButcherTableau>> = {
  euler: eulerTableau,
  midpoint: midpointTableau,
  heun: heunTableau,
  rk4: rk4Tableau,
  rk38: rk38Tableau,
  fehlberg2: fehlberg2Tableau,
  bosh3: bosh3Tableau,
  dopri5: dopri5Tableau,
  tsit5: tsit5Tableau,
  dopri8: dopri8Tableau,
};

export {
  bosh3Tableau, dopri5Tableau, dopri8Tableau, eulerTableau, fehlberg2Tableau, heunTableau, midpointTableau,
  rk38Tableau, rk4Tableau, tsit5Tableau,
};
