import * as tf from '@tensorflow/tfjs-core';
import { SolveFailedError } from '@tfode/ode-core';

/** One recorded optimisation step. */
export interface TrainingRecord {
  step: number;
  loss: number;
  /** Forward / backward function evaluations of the step's solves (0 for models without an ODE). */
  nfe: number;
  backwardNfe: number;
  /** Extra metrics (accuracy, test error…) on the steps where `evaluate` ran. */
  metrics: Record<string, number>;
}

export interface TrainingOptions {
  variables: tf.Variable[];
  steps: number;
  learningRate: number;
  /** The loss of one step (a batch may be drawn inside). */
  loss: (step: number) => tf.Scalar;
  /** NFE of the latest solve, read right after the step's gradient. */
  stats?: () => { nfe: number; backwardNfe: number };
  /** Metrics recorded every `evaluateEvery` steps and at the last step. */
  evaluate?: (step: number) => Record<string, number>;
  evaluateEvery?: number;
  onStep?: (step: number) => void;
}

/** The record of a training run, and why it stopped early if it did. */
export interface TrainingRun {
  history: TrainingRecord[];
  /** null when all steps ran; else the non-finite loss or the solver's error message. */
  failure: string | null;
}

/**
 * Adam on `loss` for `steps` steps, recording loss, NFE and metrics each step. A non-finite loss or
 * a failed solve (ode-core's SolveFailedError: a learned field too stiff for the step budget, a state
 * that blew up) stops training early and is reported in `failure`, so one diverging model does not
 * end an experiment comparing several; any other error (bad input, a bug) propagates.
 */
export function trainWithAdam(options: TrainingOptions): TrainingRun {
  const { variables, steps, learningRate, loss, stats, evaluate, evaluateEvery = 10, onStep } = options;
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`steps must be a positive integer, got ${steps}`);
  const optimizer = tf.train.adam(learningRate);
  const history: TrainingRecord[] = [];
  let failure: string | null = null;
  try {
    for (let step = 0; step < steps; step++) {
      let lossValue: number;
      try {
        const value = optimizer.minimize(() => loss(step), true, variables) as tf.Scalar;
        lossValue = value.dataSync()[0];
        value.dispose();
      } catch (error) {
        if (!(error instanceof SolveFailedError)) throw error;
        failure = `step ${step}: ${error.message}`;
        break;
      }
      const cost = stats?.() ?? { nfe: 0, backwardNfe: 0 };
      const last = step === steps - 1 || !Number.isFinite(lossValue);
      const metrics = evaluate && (step % evaluateEvery === 0 || last) ? evaluate(step) : {};
      history.push({ step, loss: lossValue, nfe: cost.nfe, backwardNfe: cost.backwardNfe, metrics });
      onStep?.(step);
      if (!Number.isFinite(lossValue)) {
        failure = `step ${step}: loss ${lossValue}`;
        break;
      }
    }
  } finally {
    optimizer.dispose();
  }
  return { history, failure };
}
