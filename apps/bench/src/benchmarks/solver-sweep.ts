import * as tf from '@tensorflow/tfjs-core';
import { odeint, tableaus, type SolverName } from '@tfode/ode-core';
import type { ClassicProblem } from '../data/classic-problems';
import { maxAbsDifference, referenceSolution, type Reference } from './reference-solution';

/** One way to run one method: a fixed step, or a tolerance pair for adaptive methods. */
export type SolverSetting =
  | { method: SolverName; kind: 'fixed'; stepSize: number }
  | { method: SolverName; kind: 'adaptive'; rtol: number; atol: number };

/** The outcome of solving one problem with one setting. */
export interface SolverRun {
  problem: string;
  method: SolverName;
  order: number;
  kind: 'fixed' | 'adaptive';
  /** "h=0.01" or "rtol=1e-6": the setting in words. */
  setting: string;
  stepSize: number | null;
  rtol: number | null;
  atol: number | null;
  nfe: number;
  nAccepted: number;
  nRejected: number;
  /** max over output times and components of |y − y_ref|. */
  maxError: number;
  /** odeint plus reading the outputs back, in milliseconds. */
  wallMs: number;
  /** The error's name and message when the solve threw (stats and error are then NaN). */
  failure: string | null;
}

/** Every method ode-core has, fixed-step first, in its own order. */
export const solverMethods = Object.keys(tableaus) as SolverName[];

export function isAdaptive(method: SolverName): boolean {
  return tableaus[method].bError !== undefined;
}

/** Every method once per step size (fixed-step) or per rtol with atol = rtol · atolRatio (adaptive). */
export function solverSettings(stepSizes: number[], tolerances: number[], atolRatio: number): SolverSetting[] {
  return solverMethods.flatMap((method): SolverSetting[] =>
    isAdaptive(method)
      ? tolerances.map((rtol) => ({ method, kind: 'adaptive', rtol, atol: rtol * atolRatio }))
      : stepSizes.map((stepSize) => ({ method, kind: 'fixed', stepSize })),
  );
}

function describeSetting(setting: SolverSetting): string {
  return setting.kind === 'fixed' ? `h=${setting.stepSize}` : `rtol=${setting.rtol.toExponential(0)}`;
}

/** Evenly spaced output times on [0, tEnd]. */
export function outputTimes(tEnd: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (i * tEnd) / (count - 1));
}

/** Solves `problem` at `ts` with one setting and measures NFE, steps, error against `reference`, wall time. */
export function runSolver(problem: ClassicProblem, setting: SolverSetting, ts: number[], reference: Reference): SolverRun {
  const base = {
    problem: problem.name,
    method: setting.method,
    order: tableaus[setting.method].order,
    kind: setting.kind,
    setting: describeSetting(setting),
    stepSize: setting.kind === 'fixed' ? setting.stepSize : null,
    rtol: setting.kind === 'adaptive' ? setting.rtol : null,
    atol: setting.kind === 'adaptive' ? setting.atol : null,
  };
  const y0 = tf.tensor1d(problem.y0);
  try {
    const start = performance.now();
    const solution = odeint(problem.field, y0, ts, {
      ...(setting.kind === 'fixed' ? { stepSize: setting.stepSize } : { rtol: setting.rtol, atol: setting.atol }),
      method: setting.method,
      maxSteps: 100_000,
    });
    // ys carries a leading time axis: [outputs, dimension].
    const values = (solution.ys as tf.Tensor).arraySync() as number[][];
    const wallMs = performance.now() - start;
    solution.ys.dispose();
    return { ...base, ...solution.stats, maxError: maxAbsDifference(values, reference.states), wallMs, failure: null };
  } catch (error) {
    const failure = `${(error as Error).name}: ${(error as Error).message}`;
    return { ...base, nfe: Number.NaN, nAccepted: Number.NaN, nRejected: Number.NaN, maxError: Number.NaN, wallMs: Number.NaN, failure };
  } finally {
    y0.dispose();
  }
}

export interface SweepResult {
  runs: SolverRun[];
  references: Array<{ problem: string; description: string; kind: Reference['kind']; estimatedError: number; tEnd: number }>;
}

/**
 * Every problem × every setting, outputs at `outputCount` evenly spaced times. One untimed solve
 * first loads the backend's kernels, so the first row's wall time is not start-up. `onRun` is called
 * after each solve (progress).
 */
export function sweepSolvers(
  problems: ClassicProblem[],
  settings: SolverSetting[],
  outputCount: number,
  onRun: (run: SolverRun) => void = () => {},
): SweepResult {
  const runs: SolverRun[] = [];
  const references: SweepResult['references'] = [];
  for (const [index, problem] of problems.entries()) {
    const ts = outputTimes(problem.tEnd, outputCount);
    const reference = referenceSolution(problem, ts);
    references.push({ problem: problem.name, description: problem.description, kind: reference.kind, estimatedError: reference.estimatedError, tEnd: problem.tEnd });
    if (index === 0) runSolver(problem, { method: 'dopri5', kind: 'adaptive', rtol: 1e-3, atol: 1e-5 }, ts, reference);
    for (const setting of settings) {
      const run = runSolver(problem, setting, ts, reference);
      runs.push(run);
      onRun(run);
    }
  }
  return { runs, references };
}
