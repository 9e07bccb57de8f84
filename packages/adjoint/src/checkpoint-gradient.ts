import * as tf from '@tensorflow/tfjs-core';
import { isolatedVjp } from '@tfode/kernels';
import { odeintOnGrid, StateLayout, type SolverName } from '@tfode/ode-core';
import type { AugmentedProblem } from './augmented-problem';

export interface CheckpointGradientInputs {
  problem: AugmentedProblem;
  params: tf.Tensor[];
  times: number[];
  /** The accepted forward steps' end points, grid[0] = times[0]. */
  grid: number[];
  /** The augmented state at every grid point, rows [grid.length, n]. */
  checkpoints: tf.Tensor2D;
  dy: tf.Tensor2D;
  method: SolverName;
}

/**
 * Checkpointed gradient: replay each accepted forward step, last first, from its stored start state
 * with the tape on (odeintOnGrid reproduces the forward arithmetic), and pull the cotangent back through
 * it. This is the exact gradient of the forward discretisation with memory for one step's graph plus
 * the stored states.
 */
export function checkpointGradient(inputs: CheckpointGradientInputs): {
  dz0: tf.Tensor2D;
  dParams: tf.Tensor[];
  nfe: number;
} {
  const { problem, params, times, grid, checkpoints, dy, method } = inputs;
  const n = problem.layout.size;
  const direction = Math.sign(times[times.length - 1] - times[0]);
  const paramLayout = new StateLayout(true, params.map((p) => p.shape));
  let nfe = 0;
  // Output i (i ≥ 1) belongs to the first step whose end it does not pass, as in the forward solve.
  let nextOutput = times.length - 1;
  let a = tf.slice(dy, [nextOutput, 0], [1, n]) as tf.Tensor2D;
  if (times[nextOutput] === grid[grid.length - 1]) nextOutput--;
  let g = tf.zeros([1, paramLayout.size]) as tf.Tensor2D;
  try {
    for (let j = grid.length - 1; j > 0; j--) {
      const inner: number[] = [];
      while (nextOutput > 0 && direction * (times[nextOutput] - grid[j - 1]) > 0) inner.unshift(nextOutput--);
      const [aNext, gNext] = tf.tidy(() => {
        const start = tf.slice(checkpoints, [j - 1, 0], [1, n]) as tf.Tensor2D;
        const innerTimes = inner.map((i) => times[i]);
        const cotangent = tf.concat([...inner.map((i) => tf.slice(dy, [i, 0], [1, n])), a], 0);
        const { grads } = isolatedVjp(
          () => {
            const y0 = problem.layout.fromRow(start);
            const replay = odeintOnGrid(problem.field, y0, [grid[j - 1], ...innerTimes, grid[j]], [grid[j - 1], grid[j]], {
              method,
            });
            nfe += replay.stats.nfe;
            const rows = tf.concat(
              problem.layout.parts(replay.ys).map((p, k) => tf.reshape(p, [innerTimes.length + 2, problem.layout.sizes[k]])),
              1,
            );
            return tf.slice(rows, [1, 0], [innerTimes.length + 1, n]); // the replay's outputs after its start
          },
          [start, ...params],
          cotangent,
        );
        const jump = nextOutput >= 0 && times[nextOutput] === grid[j - 1] ? tf.slice(dy, [nextOutput, 0], [1, n]) : null;
        const aStart = jump ? tf.add(grads[0], jump) : grads[0];
        const gStep = params.length > 0 ? tf.add(g, paramLayout.toRow(grads.slice(1), 'vjp')) : g;
        return [aStart, gStep];
      }) as tf.Tensor2D[];
      if (nextOutput >= 0 && times[nextOutput] === grid[j - 1]) nextOutput--;
      a.dispose();
      if (gNext !== g) g.dispose();
      a = aNext;
      g = gNext;
    }
    const dParams = params.length > 0 ? tf.tidy(() => paramLayout.parts(paramLayout.fromRow(g))) : [];
    const dz0 = tf.slice(a, [0, 0], [1, problem.zLayout.size]) as tf.Tensor2D;
    return { dz0, dParams, nfe };
  } finally {
    a.dispose();
    g.dispose();
  }
}
