// The two toy tasks of N-CODE §4.1: their seeded data as tensors, their loss and their score.
import * as tf from '@tensorflow/tfjs-core';
import { concentricAnnuli, reflection1d } from '@tfode/datasets';

export const taskKeys = ['annuli', 'reflection'] as const;
export type TaskKey = (typeof taskKeys)[number];

export const taskTitles: Record<TaskKey, string> = {
  annuli: 'concentric annuli (2-D classification)',
  reflection: 'reflection φ(x) = −x (1-D regression)',
};

export interface Task {
  key: TaskKey;
  /** Dimension of the inputs: 2 for the annuli, 1 for the reflection. */
  dims: number;
  /** Training inputs [N, dims]. */
  x: tf.Tensor2D;
  /** Training targets [N, 1]: class 0 (inner) / 1 (outer), or −x. */
  targets: tf.Tensor2D;
  /** The same data as plain arrays, for drawing. */
  points: { x: Float32Array; target: Float32Array };
  /** The loss of a prediction [N, 1] of the training set. */
  loss(prediction: tf.Tensor): tf.Scalar;
  /** Training accuracy of a prediction (the annuli only). */
  accuracy?(prediction: tf.Tensor): number;
  /** Adam's step size (as the bench's quick runs). */
  learningRate: number;
  /** Reflection: the lowest MSE any increasing map reaches, var(x) (a 1-D flow is increasing). */
  floor?: number;
  /** The inputs whose flows are drawn [K, dims], and a colour group per input. */
  flowInputs: tf.Tensor2D;
  flowGroups: number[];
  dispose(): void;
}

const annuliPoints = 128;
const reflectionPoints = 32;
const flowSamples = 48;

function annuli(seed: number): Task {
  const data = concentricAnnuli({ numPoints: annuliPoints, seed });
  const xs = data.x as Float32Array;
  const labels = Float32Array.from(data.y);
  const x = tf.tensor2d(xs, [data.size, 2]);
  const targets = tf.tensor2d(labels, [data.size, 1]);
  const shown = Math.min(flowSamples, data.size);
  return {
    key: 'annuli', dims: 2, learningRate: 0.03, x, targets, points: { x: xs, target: labels },
    loss: (logits) => tf.losses.sigmoidCrossEntropy(targets, logits) as tf.Scalar,
    accuracy: (logits) => tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.cast(tf.greater(logits, 0), 'float32'), targets), 'float32')).dataSync()[0]),
    flowInputs: tf.tensor2d(xs.slice(0, 2 * shown), [shown, 2]),
    flowGroups: Array.from(labels.slice(0, shown)),
    dispose: () => tf.dispose([x, targets]),
  };
}

function reflection(seed: number): Task {
  const data = reflection1d({ numPoints: reflectionPoints, seed });
  const xs = data.x as Float32Array;
  const x = tf.tensor2d(xs, [data.size, 1]);
  const targets = tf.neg(x) as tf.Tensor2D;
  const starts = Array.from({ length: 11 }, (_, i) => -1 + i / 5);
  const floor = tf.tidy(() => tf.moments(x).variance.dataSync()[0]);
  return {
    key: 'reflection', dims: 1, learningRate: 0.02, x, targets, points: { x: xs, target: xs.map((v) => -v) }, floor,
    loss: (prediction) => tf.losses.meanSquaredError(targets, prediction) as tf.Scalar,
    flowInputs: tf.tensor2d(starts, [starts.length, 1]),
    flowGroups: starts,
    dispose: () => tf.dispose([x, targets]),
  };
}

/** The task's seeded training data (same seed, same points). */
export function makeTask(key: TaskKey, seed: number): Task {
  const task = key === 'annuli' ? annuli(seed) : reflection(seed);
  const { dispose, flowInputs } = task;
  return { ...task, dispose: () => (dispose(), flowInputs.dispose()) };
}
