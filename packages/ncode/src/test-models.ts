// Every constructor on a small instance, shared by the gradient, leak and weight-file tests. Not exported.
import * as tf from '@tensorflow/tfjs-core';
import { fourier } from '@tfode/nanode-bases';
import { adaptiveDepthODE } from './adaptive-depth-ode';
import { augmentedODE } from './augmented-ode';
import { autoNCODE } from './auto-ncode';
import { closedLoopNCODE } from './closed-loop-ncode';
import type { ControlledODE } from './controlled-ode';
import { dataControlledODE } from './data-controlled-ode';
import { hebbianNCODE } from './hebbian-ncode';
import { higherOrderODE } from './higher-order-ode';
import { inputLayerODE } from './input-layer-ode';
import type { ModelOptions } from './model-options';
import { nanodeODE } from './nanode-ode';
import { neuralODE } from './neural-ode';
import { openLoopNCODE } from './open-loop-ncode';

export type Solver = NonNullable<ModelOptions['solver']>;

/** Every constructor on a small instance, with an input of the right shape. */
export const cases: Array<[string, (solver: Solver) => ControlledODE, () => tf.Tensor]> = [
  ['neuralODE', (solver) => neuralODE({ dims: 2, hidden: [4], seed: 1, solver }), () => tf.randomNormal([3, 2], 0, 1, 'float32', 1)],
  ['neuralODE time-appended', (solver) => neuralODE({ dims: 2, hidden: [4], timeAppended: true, seed: 1, solver }), () => tf.randomNormal([3, 2], 0, 1, 'float32', 1)],
  ['neuralODE image', (solver) => neuralODE({ dims: 1, image: { filters: 2, height: 3, width: 3 }, outputs: 2, seed: 1, solver }),
    () => tf.randomNormal([2, 3, 3, 1], 0, 1, 'float32', 1)],
  ['augmentedODE', (solver) => augmentedODE({ dims: 2, augment: 2, hidden: [4], outputs: 1, seed: 2, solver }), () => tf.randomNormal([3, 2], 0, 1, 'float32', 2)],
  ['augmentedODE image', (solver) => augmentedODE({ dims: 1, augment: 1, image: { filters: 2, height: 3, width: 3 }, outputs: 2, seed: 2, solver }),
    () => tf.randomNormal([2, 3, 3, 1], 0, 1, 'float32', 2)],
  ['inputLayerODE', (solver) => inputLayerODE({ dims: 2, stateDims: 3, hidden: [4], outputs: 1, seed: 3, solver }), () => tf.randomNormal([3, 2], 0, 1, 'float32', 3)],
  ['inputLayerODE image', (solver) => inputLayerODE({ dims: 1, stateDims: 2, image: { filters: 2, height: 3, width: 3 }, outputs: 2, seed: 3, solver }),
    () => tf.randomNormal([2, 3, 3, 1], 0, 1, 'float32', 3)],
  ['higherOrderODE', (solver) => higherOrderODE({ dims: 2, order: 3, hidden: [4], seed: 4, solver }), () => tf.randomNormal([3, 2], 0, 1, 'float32', 4)],
  ['higherOrderODE selective', (solver) => higherOrderODE({ dims: 3, order: 2, selected: [1], hidden: [4], inputLayer: true, seed: 4, solver }),
    () => tf.randomNormal([3, 3], 0, 1, 'float32', 4)],
  ['higherOrderODE image', (solver) => higherOrderODE({ dims: 1, order: 2, image: { filters: 2, height: 3, width: 3, augment: 1 }, outputs: 2, seed: 4, solver }),
    () => tf.randomNormal([2, 3, 3, 1], 0, 1, 'float32', 4)],
  ['dataControlledODE', (solver) => dataControlledODE({ dims: 2, hidden: [4], seed: 5, solver }), () => tf.randomNormal([3, 2], 0, 1, 'float32', 5)],
  ['dataControlledODE image', (solver) => dataControlledODE({ dims: 1, image: { filters: 2, height: 3, width: 3, augment: 1 }, outputs: 2, seed: 5, solver }),
    () => tf.randomNormal([2, 3, 3, 1], 0, 1, 'float32', 5)],
  ['adaptiveDepthODE', (solver) => adaptiveDepthODE({ dims: 2, hidden: [4], depthHidden: [3], timeAppended: true, seed: 6, solver }), () => tf.randomNormal([3, 2], 0, 1, 'float32', 6)],
  ['nanodeODE', (solver) => nanodeODE({ dims: 2, hidden: [4], basis: fourier(1, [0, 1]), seed: 7, solver }), () => tf.randomNormal([3, 2], 0, 1, 'float32', 7)],
  ['openLoopNCODE', (solver) => openLoopNCODE({ dims: 2, hidden: [3], outputs: 1, seed: 8, solver }), () => tf.randomNormal([3, 2], 0, 1, 'float32', 8)],
  ['openLoopNCODE conv 3×3', (solver) => openLoopNCODE({ dims: 1, image: { filters: 2, height: 3, width: 3, augment: 1 }, controlled: 'inner', outputs: 2, seed: 8, solver }),
    () => tf.randomNormal([2, 3, 3, 1], 0, 1, 'float32', 8)],
  ['closedLoopNCODE', (solver) => closedLoopNCODE({ dims: 2, hidden: [3], controllerHidden: [4], outputs: 1, seed: 9, solver }), () => tf.randomNormal([3, 2], 0, 1, 'float32', 9)],
  ['closedLoopNCODE constant θ0', (solver) => closedLoopNCODE({ dims: 2, hidden: [3], controlled: [1], initialControl: 'constant', seed: 9, solver }),
    () => tf.randomNormal([3, 2], 0, 1, 'float32', 9)],
  ['hebbianNCODE', (solver) => hebbianNCODE({ size: 3, seed: 10, solver, muInit: 0.3 }), () => tf.randomNormal([2, 3], 0, 1, 'float32', 10)],
  ['autoNCODE', (solver) => autoNCODE({ inputs: 4, latent: 3, encoderHidden: [4], decoderHidden: [4], times: [0, 2], seed: 11, solver }),
    () => tf.randomUniform([2, 4], 0, 1, 'float32', 11)],
];

