import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, type OdeSolution, type OdeState, type VectorField } from '@tfode/ode-core';
import { checkTimes, runAsync, solveRowsAsync } from '@tfode/ode-core/internal';
import { adjointGradientReads } from './adjoint-gradient';
import { AugmentedProblem } from './augmented-problem';
import { distinctParams } from './check-params';
import { resolveGradientOptions } from './resolve-gradient-options';
import type { GradientOptions } from './types';

/** The gradient a vector–Jacobian product gives back: for y0 (its structure), for each of params, and its cost. */
export interface AsyncGradient<S extends OdeState> {
  dy0: S;
  /** One per entry of params, in order (a tensor listed twice gets its whole gradient at each place). */
  dParams: tf.Tensor[];
  /** Evaluations of the augmented backward dynamics. */
  nfe: number;
}

export interface AsyncAdjointSolution<S extends OdeState> extends OdeSolution<S> {
  /** ∫ ℓ dt over [ts[0], ts[last]] when an integralLoss was given. */
  integral?: tf.Tensor;
  /**
   * The adjoint method's backward solves for cotangents dL/dys (the structure of ys) and dL/d(integral)
   * (zero when left out), every read from the device awaited. It may be called more than once.
   */
  vjp(dys: S, dIntegral?: tf.Tensor): Promise<AsyncGradient<S>>;
  /** Frees ys, the integral and the forward outputs vjp re-seeds from (once any vjp in flight has ended). */
  dispose(): void;
}

/**
 * odeintAdjoint's adjoint mode for pages on WebGL or WebGPU: the forward solve and the backward solves
 * await each value they need from the device instead of blocking on dataSync. tfjs's tape runs
 * synchronously, so the gradient is not taken by tf.grads around the solve but asked for explicitly:
 * compute dL/dys of the loss (tf.grads of the loss alone, no solve inside), then `await sol.vjp(dys)`.
 * The same arithmetic as odeintAdjoint with gradient 'adjoint': the same outputs, stats and gradients.
 * ts are numbers (time gradients need odeintAdjoint).
 */
export async function odeintAdjointAsync<S extends OdeState>(
  f: VectorField<S>,
  y0: S,
  ts: number[] | Float32Array | Float64Array,
  params: tf.Tensor[],
  options: GradientOptions = {},
): Promise<AsyncAdjointSolution<S>> {
  const distinct = distinctParams(params);
  if ((ts as unknown) instanceof tf.Tensor) {
    throw new InvalidArgumentError('odeintAdjointAsync takes ts as numbers: gradients with respect to the times need odeintAdjoint');
  }
  const mode = options.gradient ?? 'adjoint';
  if (mode !== 'adjoint') {
    throw new InvalidArgumentError(
      `gradient: '${mode}' records on tfjs's tape, which runs synchronously: odeintAdjointAsync solves by the adjoint method only (use odeintAdjoint for '${mode}')`,
    );
  }
  const times = checkTimes(ts);
  const T = times.length;
  const problem = new AugmentedProblem(f as unknown as VectorField, y0, times[0], options.integralLoss);
  const { forward, backward } = resolveGradientOptions(options, problem, distinct);
  const start = tf.tidy(() => problem.initialRow(problem.zLayout.toRow(y0, 'y0')));
  let solved;
  try {
    solved = await solveRowsAsync({ field: problem.field, layout: problem.layout, y0: start, times }, forward);
  } finally {
    start.dispose();
  }
  const outputs = solved.rows;
  const { ys, integral } = tf.tidy(() => problem.outputs(outputs) as unknown as tf.TensorContainer) as unknown as { ys: S; integral?: tf.Tensor };
  let pending = 0;
  let disposed = false;
  const release = () => disposed && pending === 0 && !outputs.isDisposed && outputs.dispose();

  /** The cotangent of the output rows [T, n]: dys flattened, and dIntegral in the last row's integral columns. */
  const cotangentRows = (dys: S, dIntegral?: tf.Tensor) =>
    tf.tidy(() => {
      const dz = problem.zLayout.toRows(dys, T, 'the cotangent dys');
      if (problem.integralSize === 0) {
        if (dIntegral !== undefined) throw new InvalidArgumentError('dIntegral given, but the solve has no integralLoss');
        return dz;
      }
      if (dIntegral !== undefined && !(dIntegral instanceof tf.Tensor && tf.util.arraysEqual(dIntegral.shape, problem.integralShape!))) {
        throw new InvalidArgumentError(`dIntegral must be a tensor of the integral's shape [${problem.integralShape!.join(', ')}]`);
      }
      const last = dIntegral === undefined ? tf.zeros([1, problem.integralSize]) : tf.reshape(dIntegral, [1, problem.integralSize]);
      return tf.concat([dz, tf.concat([tf.zeros([T - 1, problem.integralSize]), last], 0)], 1) as tf.Tensor2D;
    });

  const vjp = async (dys: S, dIntegral?: tf.Tensor): Promise<AsyncGradient<S>> => {
    if (disposed) throw new InvalidArgumentError('vjp after dispose(): the forward outputs it re-seeds from are freed');
    const dRows = cotangentRows(dys, dIntegral);
    pending++;
    try {
      const reads = adjointGradientReads({ problem, params: distinct, times, outputs, dy: dRows, backward: backward! });
      const { dz0, dParams, nfe } = await runAsync(reads);
      const dy0 = tf.tidy(() => problem.zLayout.fromRow(dz0)) as S;
      dz0.dispose();
      const byParam = new Map(distinct.map((p, i) => [p, dParams[i]]));
      return { dy0, dParams: params.map((p, i) => (params.indexOf(p) === i ? byParam.get(p)! : tf.clone(byParam.get(p)!))), nfe };
    } finally {
      dRows.dispose();
      pending--;
      release();
    }
  };

  return {
    ts: times,
    ys,
    integral,
    stats: solved.stats,
    vjp,
    dispose: () => {
      if (disposed) return;
      disposed = true;
      tf.dispose([ys as tf.Tensor | tf.Tensor[], integral ?? []]);
      release();
    },
  };
}
