import * as tf from '@tensorflow/tfjs-core';
import type { ControlledODE } from '@tfode/ncode';
import type { TrajectorySample } from '../plots/trajectory-plot';

/**
 * The state x(t) of `model` from each input at `times` (h_x and γ applied first), flattened per
 * sample: [time][sample][coordinate].
 */
export function stateTrajectories(model: ControlledODE, input: tf.Tensor, times: number[]): number[][][] {
  const xs = tf.tidy(() => {
    const { x0, theta0 } = model.initialState(input);
    const flow = model.integrate(x0, theta0, times);
    return tf.reshape(flow.xs, [times.length, input.shape[0], -1]);
  });
  const values = xs.arraySync() as number[][][];
  xs.dispose();
  return values;
}

/** Trajectory samples for one panel: coordinate 0 (and 1 when the state has two or more) of every sample at every time. */
export function trajectorySamples(panel: string, states: number[][][], times: number[], group: (sample: number) => number | string): TrajectorySample[] {
  return states.flatMap((atTime, k) =>
    atTime.map((state, trajectory) => ({ panel, trajectory, t: times[k], x: state[0], ...(state.length > 1 ? { y: state[1] } : {}), group: group(trajectory) })),
  );
}
