import * as tf from '@tensorflow/tfjs-core';
import { isRecordingGradients, releaseTapeOnBackwardFailure, releaseTapeOnFailure } from '@tfode/kernels';
import { InvalidArgumentError, type OdeState, type SolveStats, type VectorField } from '@tfode/ode-core';
import { checkTimes, solveRows, type RowStepObserver } from '@tfode/ode-core/internal';
import { adjointGradient } from './adjoint-gradient';
import { AugmentedProblem } from './augmented-problem';
import { checkpointGradient, type CheckpointedStep } from './checkpoint-gradient';
import { distinctParams } from './check-params';
import { NestedGradientError } from './errors';
import { resolveGradientOptions } from './resolve-gradient-options';
import { withOutputTimeGradients, withStartTimeGradient } from './time-gradients';
import type { AdjointSolution, BackwardStats, GradientOptions } from './types';

/**
 * `odeint` whose result is differentiable with respect to y0, `params` (the variables f closes over)
 * and, when `ts` is a tensor, the output times — by backprop through the solver, the adjoint method,
 * or checkpointed replay (`options.gradient`). With `integralLoss` the solution carries ∫ℓ dt.
 * The caller's structure becomes one row at the start and comes back from the output rows at the end;
 * the solves and the gradients in between see rows only.
 */
export function odeintAdjoint<S extends OdeState>(
  f: VectorField<S>,
  y0: S,
  ts: number[] | Float32Array | Float64Array | tf.Tensor1D,
  params: tf.Tensor[],
  options: GradientOptions = {},
): AdjointSolution<S> {
  const uniqueParams = distinctParams(params);
  const tsTensor = ts instanceof tf.Tensor ? ts : null;
  if (tsTensor && (tsTensor.rank !== 1 || tsTensor.dtype !== 'float32')) {
    throw new InvalidArgumentError('ts as a tensor must be a float32 Tensor1D');
  }
  const times = checkTimes(tsTensor ? tsTensor.dataSync() : (ts as ArrayLike<number>));
  const T = times.length;
  const problem = new AugmentedProblem(f as unknown as VectorField, y0, times[0], options.integralLoss);
  const { mode, forward, backward } = resolveGradientOptions(options, problem, uniqueParams);
  const n = problem.layout.size;
  let stats: Readonly<SolveStats> = Object.freeze({ nfe: 0, nAccepted: 0, nRejected: 0 });
  let backwardNfe = 0;
  const backwardStats: BackwardStats = Object.freeze({
    get nfe() {
      return backwardNfe;
    },
  });

  const solveForward = (start: tf.Tensor, observe?: RowStepObserver) => {
    const solution = solveRows({ field: problem.field, layout: problem.layout, y0: start, times }, forward, observe);
    stats = solution.stats;
    return solution.rows;
  };

  /** The solve as one custom-gradient op on [y0 as a row, ...params], its gradient by the adjoint or the checkpoints. */
  const solveWithCustomGradient = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [z0Row, ...inputParams] = args as tf.Tensor2D[];
    const steps: CheckpointedStep[] = [];
    const states: tf.Tensor2D[] = [];
    const record: RowStepObserver | undefined =
      mode === 'checkpoint'
        ? ({ t0, t1, y1, interpolated, endOutput }) => {
            steps.push({ t0, t1, interpolated, endOutput });
            states.push(tf.keep(tf.clone(y1 as tf.Tensor2D))); // a row [1, n]: this solve runs on rows
          }
        : undefined;
    const start = problem.initialRow(z0Row);
    let value: tf.Tensor2D;
    try {
      const outputs = solveForward(start, record);
      // Checkpoints (each step's start state) ride below the outputs in the one output tensor (tfjs
      // kernels may create no other lasting data); the caller keeps only the first T rows.
      value = mode === 'checkpoint' ? tf.concat([outputs, start, ...states.slice(0, -1)], 0) : outputs;
    } finally {
      tf.dispose(states); // kept past the observer's tidy: freed whether or not the solve finished
    }
    save([value]);
    return {
      value,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        // Recorded means differentiated again; this gradient's VJPs are taken off the tape.
        if (isRecordingGradients()) throw new NestedGradientError(mode);
        const dRows = dy as tf.Tensor2D;
        const { dz0, dParams, nfe } = releaseTapeOnBackwardFailure(() =>
          mode === 'adjoint'
            ? adjointGradient({ problem, params: inputParams, times, outputs: saved[0] as tf.Tensor2D, dy: dRows, backward: backward! })
            : checkpointGradient({
                problem, params: inputParams, times, steps, dy: dRows, tableau: forward.tableau,
                checkpoints: tf.slice(saved[0], [T, 0], [steps.length, n]) as tf.Tensor2D,
              }),
        );
        backwardNfe += nfe;
        return [dz0, ...dParams];
      },
    };
  });

  // A solve that throws under a tape (optimizer.minimize) gives back what it recorded there.
  const result = releaseTapeOnFailure(() =>
    tf.tidy(() => {
      // Backprop solves a single tensor in its own shape (no reshape per evaluation of f); the adjoint,
      // the checkpoints and the time gradients work on rows [1, n].
      if (mode === 'backprop' && !tsTensor && problem.keepsShape) {
        return problem.outputs(solveForward(y0 as tf.Tensor)) as unknown as tf.TensorContainer;
      }
      let z0Row = problem.zLayout.toRow(y0, 'y0');
      if (tsTensor) z0Row = withStartTimeGradient(problem, z0Row, tsTensor, times);
      let rows =
        mode === 'backprop'
          ? solveForward(problem.initialRow(z0Row))
          : (solveWithCustomGradient(z0Row, ...uniqueParams) as tf.Tensor2D);
      if (mode === 'checkpoint') rows = tf.slice(rows, [0, 0], [T, n]);
      if (tsTensor) rows = withOutputTimeGradients(problem, rows, tsTensor, times);
      return problem.outputs(rows) as unknown as tf.TensorContainer;
    }),
  ) as unknown as { ys: S; integral?: tf.Tensor };

  return { ts: times, ys: result.ys, stats, integral: result.integral, backwardStats };
}
