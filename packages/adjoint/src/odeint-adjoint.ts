import * as tf from '@tensorflow/tfjs-core';
import { isRecordingGradients, releaseTapeOnBackwardFailure, releaseTapeOnFailure } from '@tfode/kernels';
import {
  checkTimes, InvalidArgumentError, odeint, type OdeState, type SolveStats, type VectorField,
} from '@tfode/ode-core';
import { adjointGradient } from './adjoint-gradient';
import { AugmentedProblem } from './augmented-problem';
import { checkpointGradient } from './checkpoint-gradient';
import { NestedGradientError } from './errors';
import { withOutputTimeGradients, withStartTimeGradient } from './time-gradients';
import type { AdjointSolution, GradientMode, GradientOptions } from './types';

const modes: GradientMode[] = ['backprop', 'adjoint', 'checkpoint'];

/** Rows [T, n] of an augmented solution: every part flattened after its leading time axis. */
function toRows(problem: AugmentedProblem, ys: OdeState, T: number): tf.Tensor2D {
  const parts = problem.layout.parts(ys);
  if (parts.length === 1) return tf.reshape(parts[0], [T, problem.layout.size]);
  return tf.concat(parts.map((p, k) => tf.reshape(p, [T, problem.layout.sizes[k]])), 1);
}

/**
 * `odeint` whose result is differentiable with respect to y0, `params` (the variables f closes over)
 * and, when `ts` is a tensor, the output times — by backprop through the solver, the adjoint method,
 * or checkpointed replay (`options.gradient`). With `integralLoss` the solution carries ∫ℓ dt.
 */
export function odeintAdjoint<S extends OdeState>(
  f: VectorField<S>,
  y0: S,
  ts: number[] | Float32Array | Float64Array | tf.Tensor1D,
  params: tf.Tensor[],
  options: GradientOptions = {},
): AdjointSolution<S> {
  const mode = options.gradient ?? 'adjoint';
  if (!modes.includes(mode)) throw new InvalidArgumentError(`gradient "${mode}": use ${modes.join(', ')}`);
  if (!Array.isArray(params) || params.some((p) => !(p instanceof tf.Tensor))) {
    throw new InvalidArgumentError('params must be an array of the tf.Variables (tensors) that f uses');
  }
  // Each variable once (tied weights appear twice): tfjs sums the gradients of repeated custom-gradient
  // inputs, so a repeat would count its gradient twice.
  const uniqueParams = [...new Set(params)];
  const tsTensor = ts instanceof tf.Tensor ? ts : null;
  if (tsTensor && (tsTensor.rank !== 1 || tsTensor.dtype !== 'float32')) {
    throw new InvalidArgumentError('ts as a tensor must be a float32 Tensor1D');
  }
  const times = checkTimes(tsTensor ? tsTensor.dataSync() : (ts as ArrayLike<number>));
  const T = times.length;
  const problem = new AugmentedProblem(f as unknown as VectorField, y0, times[0], options.integralLoss);
  const zParts = problem.zLayout.parts(y0);
  const backwardStats = { nfe: 0 };
  let stats: SolveStats = { nfe: 0, nAccepted: 0, nRejected: 0 };
  const method = options.method ?? 'dopri5';

  const forward = (z0: tf.Tensor[], onStep?: GradientOptions['onStep']) => {
    const initial = problem.initial(z0);
    const userStep = options.onStep;
    const both: GradientOptions['onStep'] = onStep && userStep ? (s) => (onStep(s), userStep(s)) : (onStep ?? userStep);
    const sol = odeint(problem.field, initial, times, { ...options, onStep: both });
    stats = sol.stats;
    if (Array.isArray(initial) && problem.integralShape) tf.dispose(initial[initial.length - 1]);
    const rows = toRows(problem, sol.ys, T);
    tf.dispose(sol.ys);
    return rows;
  };

  // A solve that throws under a tape (optimizer.minimize) gives back what it recorded there.
  const result = releaseTapeOnFailure(() =>
    tf.tidy(() => {
      let z0 = zParts;
      if (tsTensor) {
        const row = withStartTimeGradient(problem, problem.zLayout.toRow(y0, 'y0'), tsTensor, times);
        z0 = problem.zLayout.parts(problem.zLayout.fromRow(row));
      }
      let rows: tf.Tensor2D;
      if (mode === 'backprop') {
        rows = forward(z0);
      } else {
        const solve = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
          const save = args.pop() as tf.GradSaveFunc;
          const inputs = args as tf.Tensor[];
          const grid = [times[0]];
          const states: tf.Tensor2D[] = [];
          const onStep: GradientOptions['onStep'] =
            mode === 'checkpoint'
              ? (step) => {
                  grid.push(step.t1);
                  states.push(tf.keep(problem.layout.toRow(step.y1, 'y1')));
                }
              : undefined;
          const start = tf.tidy(() => problem.layout.toRow(problem.initial(inputs.slice(0, zParts.length)), 'y0'));
          let value: tf.Tensor2D;
          try {
            const outputs = forward(inputs.slice(0, zParts.length), onStep);
            // Checkpoints ride below the outputs in the one output tensor (tfjs kernels may create no other
            // lasting data); the caller keeps only the first T rows.
            value = mode === 'checkpoint' ? tf.concat([outputs, start, ...states], 0) : outputs;
          } finally {
            tf.dispose(states); // kept past onStep's tidy: freed whether or not the solve finished
          }
          save([value]);
          return {
            value,
            gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
              // Recorded means differentiated again; this gradient's VJPs are taken off the tape.
              if (isRecordingGradients()) throw new NestedGradientError(mode);
              const dRows = dy as tf.Tensor2D;
              const params_ = inputs.slice(zParts.length);
              const { dz0, dParams, nfe } = releaseTapeOnBackwardFailure(() =>
                mode === 'adjoint'
                  ? adjointGradient({
                      problem, params: params_, times, outputs: saved[0] as tf.Tensor2D, dy: dRows,
                      forward: { method, rtol: options.rtol, atol: options.atol, stepSize: options.stepSize, maxSteps: options.maxSteps },
                      backward: options.adjoint ?? {},
                    })
                  : checkpointGradient({
                      problem, params: params_, times, grid, dy: dRows,
                      checkpoints: tf.slice(saved[0], [T, 0], [grid.length, problem.layout.size]) as tf.Tensor2D,
                      method,
                    }),
              );
              backwardStats.nfe += nfe;
              return [...problem.zLayout.parts(problem.zLayout.fromRow(dz0)), ...dParams];
            },
          };
        });
        rows = solve(...z0, ...uniqueParams) as tf.Tensor2D;
        if (mode === 'checkpoint') rows = tf.slice(rows, [0, 0], [T, problem.layout.size]);
      }
      if (tsTensor) rows = withOutputTimeGradients(problem, rows, tsTensor, times);
      const parts = problem.layout.parts(problem.layout.fromRows(rows));
      const ys = problem.zState(parts.slice(0, zParts.length));
      const integral = problem.integralShape
        ? tf.reshape(tf.slice(parts[parts.length - 1], [T - 1], [1]), problem.integralShape)
        : undefined;
      return { ys, integral } as unknown as tf.TensorContainer;
    }),
  ) as unknown as { ys: S; integral?: tf.Tensor };

  return { ts: times, ys: result.ys, stats, integral: result.integral, backwardStats };
}
