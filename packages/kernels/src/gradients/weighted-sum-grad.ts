import * as tf from '@tensorflow/tfjs-core';
import { WeightedSum, WeightedSumBackprop, type WeightedSumAttrs } from '../kernels/kernel-names';
import { numbered } from '../kernels/numbered-inputs';
import type { LeanGradient } from './lean-gradient';

/**
 * The gradient of Σ wᵢ·tᵢ: every wᵢ·dy from one kernel when tfjs asks for the node's gradients (a term no
 * closure takes is freed with the backward pass's scope, as for dense). Saves no tensor.
 */
export const weightedSumGradConfig: tf.GradConfig = {
  kernelName: WeightedSum,
  gradFunc: (dy, _saved, attrs) => {
    const { weights } = attrs as unknown as WeightedSumAttrs;
    const grads = tf.engine().runKernel(WeightedSumBackprop, { dy: dy as tf.Tensor }, { weights }) as tf.Tensor[];
    return numbered(grads.map((grad) => () => grad));
  },
};

/** The same gradients for engine-gradients' lean path: dy scaled by each wᵢ, added into the sums with no buffer of their own. */
export const weightedSumLeanGradient: LeanGradient = ([dy], _saved, attrs) => numbered((attrs as unknown as WeightedSumAttrs).weights.map((scale) => ({ of: dy, scale })));

/** The gradient of dy ↦ (wᵢ·dy)ᵢ, itself a weighted sum, so that gradients of gradients go through too. */
export const weightedSumBackpropGradConfig: tf.GradConfig = {
  kernelName: WeightedSumBackprop,
  gradFunc: (dys, _saved, attrs) => {
    const { weights } = attrs as unknown as WeightedSumAttrs;
    const used = (dys as (tf.Tensor | null)[]).flatMap((d, i) => (d === null ? [] : [{ d, w: weights[i] }]));
    return { dy: () => tf.engine().runKernel(WeightedSum, numbered(used.map(({ d }) => d)), { weights: used.map(({ w }) => w) }) as tf.Tensor };
  },
};
