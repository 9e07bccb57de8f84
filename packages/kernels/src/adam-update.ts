import * as tf from '@tensorflow/tfjs-core';
import { isRecordingGradients } from './engine-state';
import { AdamUpdate, type AdamUpdateAttrs } from './kernels/kernel-names';

/** The parts of tfjs-core 4.22's AdamOptimizer that its applyGradients uses. */
interface AdamInternals extends AdamUpdateAttrs {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  incrementIterations(): void;
}
type ApplyGradients = tf.AdamOptimizer['applyGradients'];

// tfjs's own applyGradients, kept on the global object while the patch is in: two copies of this
// package in one process patch the one AdamOptimizer once.
const original = Symbol.for('@tfode/kernels AdamOptimizer.applyGradients');
const prototype = tf.AdamOptimizer.prototype as tf.AdamOptimizer & { [original]?: ApplyGradients };

/**
 * tf.train.adam's applyGradients with each variable's update as one AdamUpdate kernel (value, m and v at
 * once) instead of 11 ops and 6 scalar tensors: the same moments, names, bias correction and results
 * (bit for bit). Where that kernel is not registered for the active backend, under a gradient tape, or
 * for a gradient that is not a float32 tensor of its variable's shape, tfjs's own method runs.
 */
function applyGradientsFused(this: tf.AdamOptimizer, variableGradients: Parameters<ApplyGradients>[0]): void {
  const tfjs = prototype[original]!;
  const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
  const gradients = names.map((name, i) => (Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name]));
  const variables = names.map((name) => tf.engine().registeredVariables[name]);
  const fusable = (g: tf.Tensor | undefined, i: number) =>
    g == null || (g.dtype === 'float32' && variables[i]?.dtype === 'float32' && tf.util.arraysEqual(g.shape, variables[i].shape));
  if (tf.getKernel(AdamUpdate, tf.getBackend()) === undefined || isRecordingGradients() || !gradients.every(fusable)) {
    return tfjs.call(this, variableGradients);
  }
  const adam = this as unknown as AdamInternals;
  const attrs: AdamUpdateAttrs = { learningRate: adam.learningRate, beta1: adam.beta1, beta2: adam.beta2, epsilon: adam.epsilon };
  tf.tidy(() => {
    names.forEach((name, i) => {
      const value = variables[i];
      const moment = () => tf.tidy(() => tf.zerosLike(value).variable(false));
      adam.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: moment() };
      adam.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: moment() };
      const g = gradients[i];
      if (g == null) return;
      const m = adam.accumulatedFirstMoment[i]!.variable;
      const v = adam.accumulatedSecondMoment[i]!.variable;
      const inputs = { value, m, v, g, accBeta1: adam.accBeta1, accBeta2: adam.accBeta2 };
      const [newValue, newM, newV] = tf.engine().runKernel(AdamUpdate, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
      m.assign(newM);
      v.assign(newV);
      value.assign(newValue);
    });
    adam.accBeta1.assign(tf.mul(adam.accBeta1, adam.beta1));
    adam.accBeta2.assign(tf.mul(adam.accBeta2, adam.beta2));
  });
  adam.incrementIterations();
}

/** Puts applyGradientsFused in place of tf.AdamOptimizer's applyGradients (idempotent). */
export function installFusedAdam(): void {
  if (prototype[original] !== undefined) return;
  prototype[original] = prototype.applyGradients;
  prototype.applyGradients = applyGradientsFused;
}

/** Puts tfjs's own applyGradients back. */
export function uninstallFusedAdam(): void {
  if (prototype[original] === undefined) return;
  prototype.applyGradients = prototype[original];
  delete prototype[original];
}
