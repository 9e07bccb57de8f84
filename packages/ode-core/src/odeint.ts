import * as tf from '@tensorflow/tfjs-core';
import { checkTimes } from './check-times';
import { InvalidArgumentError } from './errors';
import { warnIgnoredOptions } from './ignored-option-warning';
import { checkOptionNames, solveOptionNames } from './known-options';
import { runAsync, runSync, type HostReads } from './host-reads';
import { resolveOptions, type ResolvedOptions } from './resolve-options';
import { solveRowsOnGridReads, solveRowsReads, type RowProblem, type RowSolution } from './solve-rows';
import { tableauOf } from './solver-tableaus';
import { StateLayout } from './state-layout';
import type { OdeSolution, OdeState, SolveOptions, VectorField } from './types';

/**
 * Solves dy/dt = f(t, y), y(ts[0]) = y0, and returns y at every time in `ts` (increasing or
 * decreasing). Adaptive methods step freely and reach the output times by dense output; fixed-step
 * methods step by `stepSize` from ts[0] (the last step shortened to end on ts[last]).
 */
export function odeint<S extends OdeState>(
  f: VectorField<S>,
  y0: S,
  ts: ArrayLike<number>,
  options: SolveOptions = {},
): OdeSolution<S> {
  return runSync(solveReads(f, y0, ts, options));
}

/**
 * `odeint` that awaits each value it needs from the device (one per attempted step: the step's error
 * norm) instead of blocking on dataSync, so a page on WebGL or WebGPU keeps drawing while it solves. The
 * same arithmetic: the same results and stats as odeint. Bad input rejects the promise.
 */
export async function odeintAsync<S extends OdeState>(
  f: VectorField<S>,
  y0: S,
  ts: ArrayLike<number>,
  options: SolveOptions = {},
): Promise<OdeSolution<S>> {
  return runAsync(solveReads(f, y0, ts, options));
}

/** Checks and resolves everything up front, then gives the solve as its reads from the device. */
function solveReads<S extends OdeState>(f: VectorField<S>, y0: S, ts: ArrayLike<number>, options: SolveOptions): HostReads<OdeSolution<S>> {
  if (typeof f !== 'function') throw new InvalidArgumentError('f must be a function (t, y) => dy/dt');
  checkOptionNames(options, solveOptionNames);
  const times = checkTimes(ts);
  const layout = StateLayout.of(y0);
  const resolved: ResolvedOptions = resolveOptions(options, layout);
  warnIgnoredOptions(resolved);
  return onRows(f as unknown as VectorField, y0, times, layout, (problem) => solveRowsReads(problem, resolved));
}

/**
 * Replays a solve on a given step grid (e.g. the accepted steps that `onStep` reported): any method,
 * stepping exactly from grid point to grid point with no error control, outputs at `ts` by the same
 * dense output. With the forward solve's grid it reproduces that solve's arithmetic, which is what a
 * checkpointed gradient differentiates. grid[0] = ts[0] and grid[last] = ts[last].
 */
export function odeintOnGrid<S extends OdeState>(
  f: VectorField<S>,
  y0: S,
  ts: ArrayLike<number>,
  grid: ArrayLike<number>,
  options: Pick<SolveOptions, 'method'> = {},
): OdeSolution<S> {
  checkOptionNames(options, ['method']);
  const times = checkTimes(ts);
  const steps = checkTimes(grid, 'grid');
  if (steps[0] !== times[0] || steps[steps.length - 1] !== times[times.length - 1]) {
    throw new InvalidArgumentError('grid must start at ts[0] and end at ts[last]');
  }
  if (Math.sign(steps[1] - steps[0]) !== Math.sign(times[1] - times[0])) {
    throw new InvalidArgumentError('grid and ts must run in the same direction');
  }
  const tableau = tableauOf(options.method ?? 'dopri5');
  const layout = StateLayout.of(y0);
  return runSync(onRows(f as unknown as VectorField, y0, times, layout, (problem) => solveRowsOnGridReads(problem, tableau, steps.slice(1))));
}

/** The API boundary: the caller's structure to the solve's form (a tuple as a row), the row solver, rows back to the structure. */
function* onRows<S extends OdeState>(
  f: VectorField,
  y0: S,
  times: number[],
  layout: StateLayout,
  solve: (problem: RowProblem) => HostReads<RowSolution>,
): HostReads<OdeSolution<S>> {
  const start = layout.keepsShape ? (y0 as tf.Tensor) : tf.tidy(() => layout.toRow(y0, 'y0'));
  try {
    const { rows, stats } = yield* solve({ field: layout.rowField(f), layout, y0: start, times });
    const ys = tf.tidy(() => layout.fromRows(rows)) as S;
    rows.dispose();
    return { ts: times, ys, stats };
  } finally {
    if (start !== y0) start.dispose();
  }
}
