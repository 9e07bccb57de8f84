import * as tf from '@tensorflow/tfjs-core';
import type { TrackingTask } from '@tfode/datasets';
import type { TimeBasis } from '@tfode/nanode-bases';
import { nanodeODE } from '@tfode/ncode';
import type { ModelSolver } from './model-solver';
import { trainWithAdam } from './training-loop';

/** A NODE with time-varying weights on `basis`, trained to follow task.reference from the task's initial states by the integral loss. */
export function trainTracker(
  task: TrackingTask,
  options: { basis: TimeBasis; hidden: number[]; steps: number; learningRate: number; seed: number; solver: ModelSolver },
  onStep: () => void = () => {},
) {
  const starts = task.initialStates.length / task.dim;
  const model = nanodeODE({
    dims: task.dim, hidden: options.hidden, basis: options.basis, seed: options.seed, solver: options.solver,
    // ℓ(s) = ‖β(s) − z(s)‖², integrated over the training interval (Dissecting Fig 1).
    integralLoss: (s, z) => tf.sum(tf.square(tf.sub(z, tf.tensor2d(Array.from(task.referenceAt(s)), [1, task.dim]))), 1),
  });
  const z0 = tf.tensor2d(task.initialStates, [starts, task.dim]);
  const start = performance.now();
  const { history, failure } = trainWithAdam({
    variables: model.variables,
    steps: options.steps,
    learningRate: options.learningRate,
    loss: () => tf.mean(model.forward(z0).integral as tf.Tensor) as tf.Scalar,
    stats: () => ({ nfe: model.lastStats.forward.nfe, backwardNfe: model.lastStats.backward.nfe }),
    onStep,
  });
  return { model, z0, history, failure, seconds: (performance.now() - start) / 1000 };
}
