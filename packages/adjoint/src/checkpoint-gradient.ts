import * as tf from '@tensorflow/tfjs-core';
import { flatRow, isolatedVjp } from '@tfode/kernels';
import { solveRowsOnGrid, StateLayout, type RowStep } from '@tfode/ode-core/internal';
import type { ButcherTableau } from '@tfode/ode-core';
import type { AugmentedProblem } from './augmented-problem';

/** An accepted forward step as the checkpoint needs it: its ends and the outputs it gave (RowStep's own words). */
export type CheckpointedStep = Pick<RowStep, 't0' | 't1' | 'interpolated' | 'endOutput'>;

export interface CheckpointGradientInputs {
  problem: AugmentedProblem;
  params: tf.Tensor[];
  times: number[];
  /** The accepted forward steps, in order, as the forward solve reported them. */
  steps: readonly CheckpointedStep[];
  /** The augmented state at each step's start, rows [steps.length, n]. */
  checkpoints: tf.Tensor2D;
  dy: tf.Tensor2D;
  tableau: ButcherTableau;
}

/**
 * Checkpointed gradient: replay each accepted forward step, last first, from its stored start state
 * with the tape on (solveRowsOnGrid reproduces the forward arithmetic, the same outputs included), and
 * pull the cotangent back through it. This is the exact gradient of the forward discretisation with
 * memory for one step's graph plus the stored states.
 */
export function checkpointGradient(inputs: CheckpointGradientInputs): {
  dz0: tf.Tensor2D;
  dParams: tf.Tensor[];
  nfe: number;
} {
  const { problem, params, times, steps, checkpoints, dy, tableau } = inputs;
  const n = problem.layout.size;
  const paramLayout = new StateLayout(true, params.map((p) => p.shape));
  const dyAt = (i: number) => tf.slice(dy, [i, 0], [1, n]) as tf.Tensor2D;
  let nfe = 0;
  // The cotangent of the state at the end of step j, from the steps after it (none after the last).
  let a: tf.Tensor2D | null = null;
  let g = tf.zeros([1, paramLayout.size]) as tf.Tensor2D;
  try {
    for (let j = steps.length - 1; j >= 0; j--) {
      const { t0, t1, interpolated, endOutput } = steps[j];
      const [aNext, gNext] = tf.tidy(() => {
        // The step's end state is also the output at t1 when there is one: its cotangent joins.
        const aEnd = endOutput === undefined ? a! : a ? tf.add(a, dyAt(endOutput)) : dyAt(endOutput);
        const start = tf.slice(checkpoints, [j, 0], [1, n]) as tf.Tensor2D;
        const cotangent = tf.concat([...interpolated.map(dyAt), aEnd], 0);
        const { grads } = isolatedVjp(
          () => {
            const stepTimes = [t0, ...interpolated.map((i) => times[i]), t1];
            const replay = solveRowsOnGrid({ field: problem.field, layout: problem.layout, y0: start, times: stepTimes }, tableau, [t1]);
            nfe += replay.stats.nfe;
            return tf.slice(replay.rows, [1, 0], [interpolated.length + 1, n]); // the replay's outputs after its start
          },
          [start, ...params],
          cotangent,
        );
        const gStep = params.length > 0 ? tf.add(g, flatRow(grads.slice(1))) : g;
        return [grads[0], gStep];
      }) as tf.Tensor2D[];
      a?.dispose();
      if (gNext !== g) g.dispose();
      a = aNext;
      g = gNext;
    }
    const dParams = params.length > 0 ? tf.tidy(() => paramLayout.parts(paramLayout.fromRow(g))) : [];
    // Output 0 is y0 itself.
    const dz0 = tf.tidy(() => tf.slice(tf.add(a!, dyAt(0)), [0, 0], [1, problem.zLayout.size])) as tf.Tensor2D;
    return { dz0, dParams, nfe };
  } finally {
    a?.dispose();
    g.dispose();
  }
}
