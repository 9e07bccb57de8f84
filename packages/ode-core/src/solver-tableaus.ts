import type { ButcherTableau } from './butcher-tableau';
import { InvalidArgumentError } from './errors';
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

/** The tableau of `method`, or an InvalidArgumentError naming the option (`what`) and the methods there are. */
export function tableauOf(method: unknown, what = 'method'): ButcherTableau {
  // Own keys only: 'toString' or 'constructor' would otherwise find Object.prototype's members.
  if (typeof method === 'string' && Object.hasOwn(tableaus, method)) return tableaus[method as SolverName];
  throw new InvalidArgumentError(`unknown ${what} "${String(method)}": use one of ${Object.keys(tableaus).join(', ')}`);
}

export {
  bosh3Tableau, dopri5Tableau, dopri8Tableau, eulerTableau, fehlberg2Tableau, heunTableau, midpointTableau,
  rk38Tableau, rk4Tableau, tsit5Tableau,
};
