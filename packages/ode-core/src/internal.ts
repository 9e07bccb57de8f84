// @tfode/ode-core/internal: the row-level core, for the other @tfode packages (@tfode/adjoint). Not
// public API: it follows the solvers' insides and may change in any release.
//
// Every solve is a problem on rows: a flat [1, n] row, or a single tensor state in its own shape.
// `odeint` converts the caller's structure to rows once (StateLayout), resolves its options once
// (resolveOptions), runs solveRows, and converts the output rows back once; a package built on the
// core does the same with its own structure.
export { checkTimes } from './check-times';
export { checkOptionNames, solveOptionNames } from './known-options';
export { warnIgnoredOption, warnIgnoredOptions } from './ignored-option-warning';
export { checkOptionValues, resolveOptions, type OptionDefaults, type OptionName, type OptionSource, type ResolvedOptions } from './resolve-options';
export type { RowField } from './runge-kutta-step';
export { hostRead, runAsync, runSync, type HostReads } from './host-reads';
export {
  solveRows, solveRowsAsync, solveRowsOnGrid, solveRowsOnGridReads, solveRowsReads, type RowProblem, type RowSolution, type RowStep,
  type RowStepObserver,
} from './solve-rows';
export { StateLayout } from './state-layout';
