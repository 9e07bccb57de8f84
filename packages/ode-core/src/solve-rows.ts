import * as tf from '@tensorflow/tfjs-core';
import type { ButcherTableau } from './butcher-tableau';
import { interpolate } from './dense-output';
import { ErrorMeasure } from './error-norm';
import { InvalidArgumentError, MaxStepsExceededError, NonFiniteStateError, StepSizeUnderflowError } from './errors';
import { hostRead, runAsync, runSync, type HostReads } from './host-reads';
import { initialStepSize } from './initial-step';
import { PidController } from './pid-controller';
import type { ResolvedOptions } from './resolve-options';
import { stackRows } from './row-stack';
import { rungeKuttaStep, type RowField, type RungeKuttaStep } from './runge-kutta-step';
import type { StateLayout } from './state-layout';
import type { SolveStats } from './types';

/**
 * An initial value problem on rows, the solvers' own form: y0 as a row (a flat [1, n] row, or a single
 * tensor state in its own shape: every row of the solve then has that shape), f on rows, and
 * checked output times. The layout gives the state structure back where a caller sees it (a custom
 * norm, onStep) and sizes normParts' mask.
 */
export interface RowProblem {
  readonly field: RowField;
  readonly layout: StateLayout;
  /** y(times[0]) as a row; the caller keeps it. */
  readonly y0: tf.Tensor;
  readonly times: readonly number[];
}

/** An accepted step as the row solver reports it, with the outputs it produced. */
export interface RowStep {
  readonly t0: number;
  readonly t1: number;
  /** The state at t1 as a row, y0's shape. Valid only during the call: tf.clone it to keep it. */
  readonly y1: tf.Tensor;
  /** Indices in times of the outputs strictly inside (t0, t1), which this step gave by dense output. */
  readonly interpolated: readonly number[];
  /** Index in times of the output at t1, the step's end state, when there is one. */
  readonly endOutput?: number;
}

/** Sees every accepted step, in order, inside a tf.tidy. */
export type RowStepObserver = (step: RowStep) => void;

export interface RowSolution {
  /** The state at every output time, rows [times.length, n]; the caller owns them. */
  rows: tf.Tensor2D;
  stats: Readonly<SolveStats>;
}

/**
 * Solves a row problem with resolved options: adaptively, or by fixed steps of options.stepSize from
 * times[0] (the last step shortened to end on times[last]). `observe` sees each accepted step before
 * options.onStep does. Reads from the device block (dataSync).
 */
export function solveRows(problem: RowProblem, options: ResolvedOptions, observe?: RowStepObserver): RowSolution {
  return runSync(solveRowsReads(problem, options, observe));
}

/** solveRows with each read from the device awaited (one per attempted step): the same results and stats. */
export function solveRowsAsync(problem: RowProblem, options: ResolvedOptions, observe?: RowStepObserver): Promise<RowSolution> {
  return runAsync(solveRowsReads(problem, options, observe));
}

/** solveRows as its reads from the device (HostReads), for a caller that drives them itself. */
export function solveRowsReads(problem: RowProblem, options: ResolvedOptions, observe?: RowStepObserver): HostReads<RowSolution> {
  const { onStep } = options;
  const userStep: RowStepObserver | undefined =
    onStep && ((step) => onStep({ t0: step.t0, t1: step.t1, y1: problem.layout.fromRow(step.y1) }));
  const report: RowStepObserver | undefined =
    observe && userStep ? (step) => (observe(step), userStep(step)) : (observe ?? userStep);
  return withSolve(problem, options.tableau, report, (solve) => (options.adaptive ? solve.runAdaptive(options) : solve.runFixed(options)));
}

/**
 * Replays a solve on a step grid (the points after times[0], the last on times[last]): steps exactly
 * from point to point with no error control, outputs by the same dense output. With a forward solve's
 * grid it reproduces that solve's arithmetic.
 */
export function solveRowsOnGrid(problem: RowProblem, tableau: ButcherTableau, grid: Iterable<number>): RowSolution {
  return runSync(solveRowsOnGridReads(problem, tableau, grid));
}

/** solveRowsOnGrid as its reads from the device (two: y0's and the outputs' finiteness). */
export function solveRowsOnGridReads(problem: RowProblem, tableau: ButcherTableau, grid: Iterable<number>): HostReads<RowSolution> {
  return withSolve(problem, tableau, undefined, (solve) => solve.runOnGrid(grid));
}

function* withSolve(
  problem: RowProblem,
  tableau: ButcherTableau,
  report: RowStepObserver | undefined,
  run: (solve: RowSolve) => HostReads<void>,
): HostReads<RowSolution> {
  const solve = new RowSolve(problem, tableau, report);
  try {
    yield* solve.start();
    yield* run(solve);
    return yield* solve.finish();
  } finally {
    solve.dispose();
  }
}

/** The mutable state of one solve: current point, pending first stage, collected outputs. */
class RowSolve {
  private readonly stats: SolveStats = { nfe: 0, nAccepted: 0, nRejected: 0 };
  private readonly field: RowField;
  private readonly layout: StateLayout;
  private readonly times: readonly number[];
  private readonly direction: 1 | -1;
  private outputs: tf.Tensor[] = [];
  private nextOutput = 1;
  private t: number;
  private y!: tf.Tensor;
  /** f(t, y) when already known (FSAL, or computed for an interpolant). */
  private k1: tf.Tensor | null = null;
  /** The step attempted but not yet accepted or discarded: freed with the solve when a callback throws. */
  private pending: RungeKuttaStep | null = null;

  constructor(
    private readonly problem: RowProblem,
    private readonly tableau: ButcherTableau,
    private readonly report: RowStepObserver | undefined,
  ) {
    const { times, layout } = problem;
    this.times = times;
    this.layout = layout;
    this.direction = times[times.length - 1] > times[0] ? 1 : -1;
    this.t = times[0];
    this.field = (t, row) => {
      this.stats.nfe++;
      return tf.tidy(() => problem.field(t, row));
    };
  }

  /** Takes y0 as the first output, after checking that it has elements and is finite. */
  *start(): HostReads<void> {
    if (this.layout.size === 0) {
      throw new InvalidArgumentError(`y0 is empty (${this.layout.describe()}): give a state with at least one element`);
    }
    this.y = tf.clone(this.problem.y0);
    const [finite] = yield* hostRead(() => tf.all(tf.isFinite(this.y)));
    if (!finite) throw new InvalidArgumentError('y0 contains NaN or Inf: give a finite initial state');
    this.outputs.push(tf.clone(this.y));
  }

  *runFixed({ stepSize, maxSteps }: ResolvedOptions): HostReads<void> {
    const t0 = this.times[0];
    const tEnd = this.times[this.times.length - 1];
    const steps = Math.max(1, Math.ceil(Math.abs(tEnd - t0) / stepSize! - 1e-9));
    if (steps > maxSteps) {
      throw new InvalidArgumentError(
        `stepSize=${stepSize} over [${t0}, ${tEnd}] takes ${steps} steps, more than maxSteps=${maxSteps}: raise maxSteps or the step`,
      );
    }
    yield* this.runOnGrid(fixedStepGrid(t0, tEnd, this.direction * stepSize!, steps));
  }

  /** Steps exactly to each grid point in turn, with no error control: no reads from the device. */
  *runOnGrid(points: Iterable<number>): HostReads<void> {
    for (const t1 of points) this.accept(this.attempt(t1 - this.t), t1);
  }

  *runAdaptive(options: ResolvedOptions): HostReads<void> {
    const { maxSteps, stepSize } = options;
    const tEnd = this.times[this.times.length - 1];
    const measure = new ErrorMeasure(this.layout, options);
    const controller = new PidController(options.controller, this.tableau.order);
    let yAbs = tf.abs(this.y);
    try {
      this.k1 = this.field(this.t, this.y);
      // Not `stepSize ?? (yield* …)`: the .cjs build turns `??` into a helper call with an arrow, where yield is a syntax error.
      let h: number =
        stepSize !== undefined ? stepSize : yield* initialStepSize(this.field, this.t, this.y, this.k1, this.direction, this.tableau.order, measure);
      let attempts = 0;
      let nonFiniteInARow = 0;
      while (this.nextOutput < this.times.length) {
        if (attempts >= maxSteps) throw new MaxStepsExceededError(this.t, attempts);
        attempts++;
        let hStep = this.direction * h;
        let t1 = this.t + hStep;
        if (this.direction * (t1 - tEnd) >= 0) {
          t1 = tEnd;
          hStep = tEnd - this.t;
        }
        if (Math.abs(hStep) < controller.dtmin || t1 === this.t) {
          if (nonFiniteInARow > 0) {
            throw new NonFiniteStateError(this.t, `f gives NaN or Inf just past t (steps down to h=${hStep} tried)`);
          }
          throw new StepSizeUnderflowError(this.t, hStep);
        }
        const step = this.attempt(hStep);
        const { norm, y1Abs } = yield* measure.measure(step.error!, yAbs, step.y1);
        if (norm <= 1) {
          nonFiniteInARow = 0;
          yAbs.dispose();
          yAbs = y1Abs;
          this.accept(step, t1);
          h = Math.abs(hStep) * controller.accept(norm);
          continue;
        }
        this.stats.nRejected++;
        y1Abs.dispose();
        this.discard(step);
        if (Number.isFinite(norm)) {
          h = Math.abs(hStep) * controller.reject(norm);
          continue;
        }
        // A non-finite error may come from a step too long for the field (overflow) or from f itself.
        nonFiniteInARow++;
        const [k1Finite] = yield* hostRead(() => tf.all(tf.isFinite(this.k1!)));
        if (!k1Finite) throw new NonFiniteStateError(this.t, 'f(t, y) returned NaN or Inf at an accepted state');
        if (nonFiniteInARow > 10) {
          throw new NonFiniteStateError(this.t, `every step from t (down to h=${hStep}) gives a non-finite state`);
        }
        h = Math.abs(hStep) * 0.1;
      }
    } finally {
      yAbs.dispose();
      measure.dispose();
    }
  }

  private attempt(h: number): RungeKuttaStep {
    this.k1 ??= this.field(this.t, this.y);
    const k1 = this.k1;
    const { y1, ks, error } = tf.tidy(() => {
      const step = rungeKuttaStep(this.tableau, this.field, this.t, this.y, h, k1);
      return { y1: step.y1, ks: step.ks, error: step.error ?? [] };
    }) as { y1: tf.Tensor; ks: tf.Tensor[]; error: tf.Tensor | [] };
    this.pending = { y1, ks, error: Array.isArray(error) ? undefined : error };
    return this.pending;
  }

  /**
   * The output-assignment rule: a step [t0, t1] gives the outputs in (t0, t1], those inside by dense
   * output and one at t1 as y1 itself. Then moves to t1 keeping what the next step reuses, and reports
   * the step.
   */
  private accept(step: RungeKuttaStep, t1: number): void {
    this.stats.nAccepted++;
    const t0 = this.t;
    const h = t1 - t0;
    let f1: tf.Tensor | null = this.tableau.fsal ? step.ks[step.ks.length - 1] : null;
    const interpolated: number[] = [];
    const thetas: number[] = [];
    let endOutput: number | undefined;
    while (this.nextOutput < this.times.length && this.direction * (this.times[this.nextOutput] - t1) <= 0) {
      const theta = (this.times[this.nextOutput] - t0) / h;
      if (theta < 1) {
        interpolated.push(this.nextOutput);
        thetas.push(theta);
      } else {
        endOutput = this.nextOutput;
      }
      this.nextOutput++;
    }
    if (thetas.length > 0) {
      // f1 leaves the tidy with the rows only when the interpolant computed it: if f throws, nothing stays.
      const data = { h, y0: this.y, y1: step.y1, ks: step.ks, f1: () => (f1 ??= this.field(t1, step.y1)) };
      const { rows } = tf.tidy(() => ({ rows: interpolate(this.tableau, data, thetas), f1: f1 ?? undefined })) as {
        rows: tf.Tensor;
      };
      this.outputs.push(rows);
    }
    if (endOutput !== undefined) this.outputs.push(tf.clone(step.y1));
    for (const k of step.ks) if (k !== f1) k.dispose();
    step.error?.dispose();
    this.y.dispose();
    this.y = step.y1;
    this.k1 = f1;
    this.t = t1;
    this.pending = null;
    // Last, so that an observer that throws leaves no step in flight.
    if (this.report) tf.tidy(() => this.report!({ t0, t1, y1: this.y, interpolated, endOutput }));
  }

  private discard(step: RungeKuttaStep): void {
    for (const k of step.ks) if (k !== this.k1) k.dispose();
    step.y1.dispose();
    step.error?.dispose();
    this.pending = null;
  }

  /** Joins the output rows into one [T, n] tensor (one op), checks it once for NaN/Inf, and hands it over. */
  *finish(): HostReads<RowSolution> {
    const rows = tf.tidy(() => stackRows(this.outputs, this.layout.size));
    for (const o of this.outputs) if (o !== rows) o.dispose();
    this.outputs = [rows];
    const flags = yield* hostRead(() => tf.all(tf.isFinite(rows), 1));
    const j = flags.findIndex((ok) => !ok); // output rows map one-to-one to output times
    if (j >= 0) {
      throw new NonFiniteStateError(
        this.times[j],
        `the solution is finite at ts[${j - 1}] = ${this.times[j - 1]} but not at ts[${j}] = ${this.times[j]}; ` +
          'check f for overflow (or a smaller stepSize)',
      );
    }
    this.outputs = [];
    return { rows, stats: Object.freeze({ ...this.stats }) };
  }

  dispose(): void {
    if (this.pending) this.discard(this.pending);
    for (const o of this.outputs) o.dispose();
    this.outputs = [];
    this.y?.dispose();
    this.k1?.dispose();
    this.k1 = null;
  }
}

/** The fixed-step grid after t0, point by point (no array of every point for a long solve): t0 + i·h, the last on tEnd. */
function* fixedStepGrid(t0: number, tEnd: number, h: number, steps: number): Generator<number> {
  for (let i = 1; i < steps; i++) yield t0 + i * h;
  yield tEnd;
}
