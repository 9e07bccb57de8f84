export { odeint, odeintAsync, odeintOnGrid } from './odeint';
export type {
  AcceptedStep, AdaptiveSolverName, ControllerOptions, ErrorNorm, FixedStepSolverName, OdeSolution, OdeState,
  SolveOptions, SolverName, SolveStats, VectorField,
} from './types';
export { InvalidArgumentError, MaxStepsExceededError, NonFiniteStateError, SolveFailedError, StepSizeUnderflowError } from './errors';
export type { ButcherTableau } from './butcher-tableau';
export {
  bosh3Tableau, dopri5Tableau, dopri8Tableau, eulerTableau, fehlberg2Tableau, heunTableau, midpointTableau,
  rk38Tableau, rk4Tableau, tableaus, tsit5Tableau,
} from './solver-tableaus';
export { defaultControllerOptions } from './pid-controller';
export { useBestBackend, BackendUnavailableError, type BackendChoice, type BackendName, type Runtime, type WasmPaths } from './backend';
