// What the pictures need from the model at one moment of training, read out as plain arrays.
import * as tf from '@tensorflow/tfjs-core';
import { planeGrid } from '@tfode/datasets';
import type { LabModel } from './models';
import type { Task } from './tasks';

/** The model's answer over the input space: P(outer) on a grid of the plane, or ŷ(x) along the line. */
export type Answer =
  | { kind: 'plane'; low: number; high: number; resolution: number; /** Row by row, y rising, x inner. */ values: Float32Array }
  | { kind: 'line'; xs: Float32Array; values: Float32Array };

export interface Snapshot {
  times: number[];
  /** The state x(t) of each flow input: [time][input][coordinate]. */
  flows: number[][][];
  answer: Answer;
}

const times = Array.from({ length: 21 }, (_, i) => i / 20);
const plane = { low: -2, high: 2, resolution: 40 };

function answerOf(lab: LabModel, task: Task): Answer {
  if (task.dims === 2) {
    const centers = planeGrid(plane.low, plane.high, plane.resolution);
    const values = tf.tidy(() => tf.sigmoid(lab.predict(tf.tensor2d(centers, [centers.length / 2, 2]))).dataSync() as Float32Array);
    return { kind: 'plane', ...plane, values };
  }
  const xs = Float32Array.from({ length: 61 }, (_, i) => -1.2 + (2.4 * i) / 60);
  const values = tf.tidy(() => lab.predict(tf.tensor2d(xs, [xs.length, 1])).dataSync() as Float32Array);
  return { kind: 'line', xs, values };
}

/** Solves the flows of the task's flow inputs over [0, 1] and the model's answer over the input space. */
export function snapshot(lab: LabModel, task: Task): Snapshot {
  const states = tf.tidy(() => {
    const { x0, theta0 } = lab.model.initialState(task.flowInputs);
    return tf.reshape(lab.model.integrate(x0, theta0, times).xs, [times.length, task.flowInputs.shape[0], -1]);
  });
  const flows = states.arraySync() as number[][][];
  states.dispose();
  return { times, flows, answer: answerOf(lab, task) };
}
