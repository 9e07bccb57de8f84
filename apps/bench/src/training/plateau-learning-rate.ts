import type * as tf from '@tensorflow/tfjs-core';

/** When a plateau halves the learning rate: no relative improvement of `threshold` for more than `patience` epochs. */
export interface PlateauRule {
  patience: number;
  threshold: number;
  factor: number;
}

/** App C.4's "reduced by half every time the loss plateaus", read as PyTorch's ReduceLROnPlateau (mode min, relative threshold). */
export const halveOnPlateau: PlateauRule = { patience: 2, threshold: 1e-3, factor: 0.5 };

/**
 * The learning rate for the epoch after `losses` (one per finished epoch): `initial`, times `factor` for
 * each plateau met so far. A function of the history only, so a resumed run takes the same schedule.
 */
export function plateauLearningRate(initial: number, losses: readonly number[], rule: PlateauRule = halveOnPlateau): number {
  let rate = initial;
  let best = Number.POSITIVE_INFINITY;
  let badEpochs = 0;
  for (const loss of losses) {
    if (loss < best * (1 - rule.threshold)) {
      best = loss;
      badEpochs = 0;
    } else if (++badEpochs > rule.patience) {
      rate *= rule.factor;
      badEpochs = 0;
    }
  }
  return rate;
}

/** Sets a tfjs optimizer's step size (its `learningRate` field, which tfjs declares protected but reads on every step). */
export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = rate;
}
