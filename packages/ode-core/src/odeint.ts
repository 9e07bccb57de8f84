import * as tf from '@tensorflow/tfjs-core';
import type { ButcherTableau } from './butcher-tableau';
import { interpolate } from './dense-output';
import { ErrorMeasure } from './error-norm';
import { InvalidArgumentError, MaxStepsExceededError, NonFiniteStateError, StepSizeUnderflowError } from './errors';
import { initialStepSize } from './initial-step';
import { PidController } from './pid-controller';
import { rungeKuttaStep, type RowField, type RungeKuttaStep } from './runge-kutta-step';
import { tableaus } from './solver-tableaus';
import { StateLayout } from './state-layout';
import type { OdeSolution, OdeState, SolveOptions, SolveStats, VectorField } from './types';
import { checkTimes, resolveOptions, type ResolvedOptions } from './validate-options';

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
  if (typeof f !== 'function') throw new InvalidArgumentError('f must be a function (t, y) => dy/dt');
  const times = checkTimes(ts);
  const resolved = resolveOptions(options);
  const layout = StateLayout.of(y0);
  const solve = new Solve(f as unknown as VectorField, layout, times, resolved, options);
  try {
    solve.run(y0);
    return { ts: times, ys: solve.outputStates() as S, stats: solve.stats };
  } finally {
    solve.dispose();
  }
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
  const times = checkTimes(ts);
  const steps = checkTimes(grid);
  if (steps[0] !== times[0] || steps[steps.length - 1] !== times[times.length - 1]) {
    throw new InvalidArgumentError('grid must start at ts[0] and end at ts[last]');
  }
  if (Math.sign(steps[1] - steps[0]) !== Math.sign(times[1] - times[0])) {
    throw new InvalidArgumentError('grid and ts must run in the same direction');
  }
  const resolved = resolveOptions({ method: options.method, stepSize: 1 });
  const solve = new Solve(f as unknown as VectorField, StateLayout.of(y0), times, resolved, {});
  try {
    solve.run(y0, steps.slice(1));
    return { ts: times, ys: solve.outputStates() as S, stats: solve.stats };
  } finally {
    solve.dispose();
  }
}

/** The mutable state of one solve: current point, pending first stage, collected outputs. */
class Solve {
  readonly stats: SolveStats = { nfe: 0, nAccepted: 0, nRejected: 0 };
  private readonly tableau: ButcherTableau;
  private readonly field: RowField;
  private readonly direction: 1 | -1;
  private outputs: tf.Tensor2D[] = [];
  private nextOutput = 1;
  private t: number;
  private y!: tf.Tensor2D;
  /** f(t, y) when already known (FSAL, or computed for an interpolant). */
  private k1: tf.Tensor2D | null = null;
  /** The step attempted but not yet accepted or discarded: freed with the solve when a callback throws. */
  private pending: RungeKuttaStep | null = null;

  constructor(
    f: VectorField,
    private readonly layout: StateLayout,
    private readonly times: number[],
    private readonly resolved: ResolvedOptions,
    private readonly options: SolveOptions,
  ) {
    this.tableau = tableaus[resolved.method];
    this.direction = times[times.length - 1] > times[0] ? 1 : -1;
    this.t = times[0];
    this.field = (t, row) => {
      this.stats.nfe++;
      return tf.tidy(() => layout.toRow(f(t, layout.fromRow(row)), 'f'));
    };
  }

  /** Solves from y0: adaptively, by fixed steps, or through the given grid points after ts[0]. */
  run(y0: OdeState, grid?: Iterable<number>): void {
    if (this.layout.size === 0) {
      throw new InvalidArgumentError(`y0 is empty (${this.layout.describe()}): give a state with at least one element`);
    }
    this.y = tf.tidy(() => this.layout.toRow(y0, 'y0'));
    const finite = tf.tidy(() => tf.all(tf.isFinite(this.y)).dataSync()[0]);
    if (!finite) throw new InvalidArgumentError('y0 contains NaN or Inf: give a finite initial state');
    this.outputs.push(tf.clone(this.y));
    if (grid) this.runOnGrid(grid);
    else if (this.resolved.adaptive) this.runAdaptive();
    else this.runFixed();
    this.collectOutputs();
  }

  private runFixed(): void {
    const { stepSize, maxSteps } = this.resolved;
    const t0 = this.times[0];
    const tEnd = this.times[this.times.length - 1];
    const steps = Math.max(1, Math.ceil(Math.abs(tEnd - t0) / stepSize! - 1e-9));
    if (steps > maxSteps) {
      throw new InvalidArgumentError(
        `stepSize=${stepSize} over [${t0}, ${tEnd}] takes ${steps} steps, more than maxSteps=${maxSteps}: raise maxSteps or the step`,
      );
    }
    this.runOnGrid(fixedStepGrid(t0, tEnd, this.direction * stepSize!, steps));
  }

  /** Steps exactly to each grid point in turn, with no error control. */
  private runOnGrid(points: Iterable<number>): void {
    for (const t1 of points) this.accept(this.attempt(t1 - this.t), t1);
  }

  private runAdaptive(): void {
    const { rtol, atol, maxSteps, stepSize } = this.resolved;
    const tEnd = this.times[this.times.length - 1];
    const measure = new ErrorMeasure(this.layout, rtol, atol, this.options.norm, this.options.normParts);
    const controller = new PidController(this.options.controller, this.tableau.order);
    let yAbs = tf.abs(this.y);
    try {
      this.k1 = this.field(this.t, this.y);
      let h =
        stepSize ??
        initialStepSize(this.field, this.t, this.y, this.k1, this.direction, this.tableau.order, measure);
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
        const { norm, y1Abs } = measure.measure(step.error!, yAbs, step.y1);
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
        const k1Finite = tf.tidy(() => tf.all(tf.isFinite(this.k1!)).dataSync()[0]);
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
    }) as { y1: tf.Tensor2D; ks: tf.Tensor2D[]; error: tf.Tensor2D | [] };
    this.pending = { y1, ks, error: Array.isArray(error) ? undefined : error };
    return this.pending;
  }

  /** Records outputs inside (t, t1], moves to t1 keeping what the next step reuses, then calls onStep. */
  private accept(step: RungeKuttaStep, t1: number): void {
    this.stats.nAccepted++;
    const t0 = this.t;
    const h = t1 - t0;
    let f1: tf.Tensor2D | null = this.tableau.fsal ? step.ks[step.ks.length - 1] : null;
    const thetas: number[] = [];
    while (this.nextOutput < this.times.length && this.direction * (this.times[this.nextOutput] - t1) <= 0) {
      thetas.push((this.times[this.nextOutput] - t0) / h);
      this.nextOutput++;
    }
    const inner = thetas.filter((th) => th < 1);
    if (inner.length > 0) {
      // f1 leaves the tidy with the rows only when the interpolant computed it: if f throws, nothing stays.
      const data = { h, y0: this.y, y1: step.y1, ks: step.ks, f1: () => (f1 ??= this.field(t1, step.y1)) };
      const { rows } = tf.tidy(() => ({ rows: interpolate(this.tableau, data, inner), f1: f1 ?? undefined })) as {
        rows: tf.Tensor2D;
      };
      this.outputs.push(rows);
    }
    if (inner.length < thetas.length) this.outputs.push(tf.clone(step.y1));
    for (const k of step.ks) if (k !== f1) k.dispose();
    step.error?.dispose();
    this.y.dispose();
    this.y = step.y1;
    this.k1 = f1;
    this.t = t1;
    this.pending = null;
    // Last, so that an observer that throws leaves no step in flight.
    if (this.options.onStep) tf.tidy(() => this.options.onStep!({ t0, t1, y1: this.layout.fromRow(this.y) }));
  }

  private discard(step: RungeKuttaStep): void {
    for (const k of step.ks) if (k !== this.k1) k.dispose();
    step.y1.dispose();
    step.error?.dispose();
    this.pending = null;
  }

  /** Joins the output rows into one [T, n] tensor (one concat) and checks it once for NaN/Inf. */
  private collectOutputs(): void {
    const rows = tf.concat(this.outputs, 0);
    for (const o of this.outputs) o.dispose();
    this.outputs = [rows];
    const flags = tf.tidy(() => tf.all(tf.isFinite(rows), 1).dataSync());
    const j = flags.findIndex((ok) => !ok); // output rows map one-to-one to output times
    if (j < 0) return;
    throw new NonFiniteStateError(
      this.times[j],
      `the solution is finite at ts[${j - 1}] = ${this.times[j - 1]} but not at ts[${j}] = ${this.times[j]}; ` +
        'check f for overflow (or a smaller stepSize)',
    );
  }

  outputStates(): OdeState {
    return tf.tidy(() => this.layout.fromRows(this.outputs[0]));
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
