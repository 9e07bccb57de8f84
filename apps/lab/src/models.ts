// The five models the lab trains, built by @tfode/ncode's constructors with seeded initial weights.
import * as tf from '@tensorflow/tfjs-core';
import { augmentedODE, closedLoopNCODE, dataControlledODE, neuralODE, openLoopNCODE, type ControlledODE } from '@tfode/ncode';
import type { TaskKey } from './tasks';

export const modelKeys = ['node', 'anode', 'data-controlled', 'ncode-open', 'ncode-closed'] as const;
export type ModelKey = (typeof modelKeys)[number];

export const modelTitles: Record<ModelKey, string> = {
  node: 'NODE',
  anode: 'ANODE (p = 1)',
  'data-controlled': 'data-controlled NODE',
  'ncode-open': 'N-CODE open-loop',
  'ncode-closed': 'N-CODE closed-loop',
};

/** Adaptive dopri5 as in the bench, so NFE shows how hard the learned flow is to solve. */
const solver = { method: 'dopri5', rtol: 1e-3, atol: 1e-4, gradient: 'backprop', maxSteps: 1000 } as const;

/** A model and how its prediction for the task is read: a logit (annuli) or the value x(T) (reflection). */
export interface LabModel {
  model: ControlledODE;
  predict(x: tf.Tensor): tf.Tensor;
}

function annuliModel(key: ModelKey, seed: number): ControlledODE {
  // Each ends in a linear readout to one logit h_y, as in N-CODE §4.1 Fig 5.
  const common = { dims: 2, outputs: 1, seed, solver };
  switch (key) {
    case 'node': return neuralODE({ ...common, hidden: [16] });
    case 'anode': return augmentedODE({ ...common, augment: 1, hidden: [16] });
    case 'data-controlled': return dataControlledODE({ ...common, hidden: [16] });
    case 'ncode-open': return openLoopNCODE({ ...common, hidden: [8] });
    case 'ncode-closed': return closedLoopNCODE({ ...common, hidden: [8], controlled: [1] });
  }
}

function reflectionModel(key: ModelKey, seed: number): ControlledODE {
  // No readout: a linear h_y could reflect on its own. The prediction is x(T) itself (N-CODE Fig 4).
  const common = { dims: 1, seed, solver };
  switch (key) {
    case 'node': return neuralODE({ ...common, hidden: [16] });
    case 'anode': return augmentedODE({ ...common, augment: 1, hidden: [16] });
    case 'data-controlled': return dataControlledODE({ ...common, hidden: [16] });
    case 'ncode-open': return openLoopNCODE({ ...common, hidden: [8] });
    // Fig 4 right: one learned θ(0) for every input; the controller alone bends the flow.
    case 'ncode-closed': return closedLoopNCODE({ ...common, hidden: [8], initialControl: 'constant' });
  }
}

/** Builds `key` for `task` with initial weights from `seed`. */
export function buildModel(task: TaskKey, key: ModelKey, seed: number): LabModel {
  if (task === 'annuli') {
    const model = annuliModel(key, seed);
    return { model, predict: (x) => model.predict(x) };
  }
  const model = reflectionModel(key, seed);
  // ANODE flows in [x, a]; its answer is the first coordinate of x(T), the projection back to the line.
  return { model, predict: (x) => tf.tidy(() => tf.slice(model.predict(x), [0, 0], [-1, 1])) };
}
