import type * as tf from '@tensorflow/tfjs-core';
import { SolveFailedError } from '@tfode/ode-core';
import { TrainingStopped } from './resumable-training';

/**
 * One optimizer step of a checkpointed job; returns the step's loss, read back. A failed solve
 * (ode-core's SolveFailedError: too many steps for a field that became stiff, a step size that
 * underflowed, a state that is no longer finite) or a non-finite loss throws TrainingStopped with
 * `metricsSoFar()`, the epoch's metrics up to this step: the job ends there and the next one trains.
 * Any other error (bad input, a bug) propagates.
 */
export async function stepOrStop(
  optimizer: tf.Optimizer,
  loss: () => tf.Scalar,
  variables: tf.Variable[],
  metricsSoFar: () => Record<string, number>,
): Promise<number> {
  let value: tf.Scalar;
  try {
    value = optimizer.minimize(loss, true, variables)!;
  } catch (error) {
    if (!(error instanceof SolveFailedError)) throw error;
    throw new TrainingStopped(error.message, metricsSoFar());
  }
  const stepLoss = (await value.data())[0];
  value.dispose();
  if (!Number.isFinite(stepLoss)) throw new TrainingStopped(`loss ${stepLoss}`, metricsSoFar());
  return stepLoss;
}
